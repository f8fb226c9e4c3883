#!/usr/bin/env bash
# pmarklint's GitHub Action (action.yml at the repository root) runs this script; it runs anywhere else too.
#
#   run-check.sh install   pip install pmarklint: INPUT_VERSION, or this script's own checkout when empty
#   run-check.sh check     the check, as GitHub annotations; exits with pmarklint's exit code
#   run-check.sh sarif     write the SARIF report (exit 0 when written, whatever it found)
#   run-check.sh           all three in order (sarif only with INPUT_SARIF=true); exits like "check"
#
# Settings (environment; action.yml passes each one explicitly, because a composite action does not):
#   INPUT_PATH      the PMS repository: the folder holding pmarklint.yaml (default ".")
#   INPUT_TODAY     judge dates against this day, YYYY-MM-DD (default: PMARKLINT_TODAY, else today in the
#                   repository's time zone, timezone: in pmarklint.yaml)
#   INPUT_STRICT    true: warnings fail the run too (default false)
#   INPUT_SARIF     true: "run-check.sh" without a step also writes the SARIF report (default false)
#   INPUT_SARIF_FILE  where the SARIF report goes (default pmarklint.sarif)
#   INPUT_VERSION   what to install: a version your package index has (1.2.3), a specifier (>=1.2,<2), or any
#                   pip requirement (pmarklint @ git+https://...); empty: this script's own checkout
#   PMARKLINT_SKIP_INSTALL=1   install nothing: use the pmarklint already on PATH
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY   set by GitHub Actions; used when present
#
# Exit codes are pmarklint's: 0 no errors, 1 errors (or warnings with strict), 2 pmarklint could not run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
action_root="$(cd "$here/../.." && pwd -P)"

pms_path="${INPUT_PATH:-.}"
today="${INPUT_TODAY:-}"
sarif_file="${INPUT_SARIF_FILE:-pmarklint.sarif}"

# Text for the data part of a workflow command: GitHub reads %, CR and LF as escapes there.
escape_data() {
  local s="$1"
  s="${s//'%'/'%25'}"
  s="${s//$'\r'/'%0D'}"
  s="${s//$'\n'/'%0A'}"
  printf '%s' "$s"
}

# ... and for a property (title=...), where ":" and "," are escapes too.
escape_property() {
  local s
  s="$(escape_data "$1")"
  s="${s//':'/'%3A'}"
  s="${s//','/'%2C'}"
  printf '%s' "$s"
}

# A job-level error annotation (no file): shown on the run's summary page and in the log.
annotate_error() {
  printf '::error title=%s::%s\n' "$(escape_property "$1")" "$(escape_data "$2")"
}

fail_usage() {
  annotate_error "pmarklint action input" "$1"
  echo "pmarklint action: $1" >&2
  exit 2
}

# Inputs that are "true" or "false" (any case; empty is false); anything else is a mistake in the workflow.
strict="${INPUT_STRICT:-false}"
strict="${strict,,}"
sarif="${INPUT_SARIF:-false}"
sarif="${sarif,,}"
for name in strict sarif; do
  if [[ "${!name}" != true && "${!name}" != false ]]; then
    fail_usage "$name must be true or false, got '${!name}'"
  fi
done

set_output() {
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    echo "$1=$2" >>"$GITHUB_OUTPUT"
  fi
}

# The options every run shares: the folder and the day.
common_args() {
  args=(check "$pms_path")
  if [[ -n "$today" ]]; then
    args+=(--today "$today")
  fi
}

# Run pmarklint with the given arguments; its standard error is kept and shown afterwards, and when it could
# not run (exit 2) its message also becomes an error annotation. Sets "rc".
run_pmarklint() {
  local err
  err="$(mktemp)"
  rc=0
  pmarklint "$@" 2>"$err" || rc=$?
  cat "$err" >&2
  if [[ $rc -ne 0 && $rc -ne 1 ]]; then
    local message
    message="$(cat "$err")"
    annotate_error "pmarklint could not run (exit code $rc)" "${message:-pmarklint exited with code $rc}"
  fi
  rm -f "$err"
}

step_install() {
  if [[ "${PMARKLINT_SKIP_INSTALL:-}" == 1 ]]; then
    echo "PMARKLINT_SKIP_INSTALL=1: using $(command -v pmarklint || echo 'no pmarklint on PATH')"
  else
    local requirement version="${INPUT_VERSION:-}"
    if [[ -z "$version" ]]; then
      requirement="$action_root"  # the action's own checkout: the version the workflow's "uses:" names
    elif [[ "$version" =~ ^[0-9] ]]; then
      requirement="pmarklint==$version"
    elif [[ "$version" =~ ^(==|!=|~=|\>=|\<=|\>|\<) ]]; then
      requirement="pmarklint$version"
    else
      requirement="$version"
    fi
    echo "pip install $requirement"
    python -m pip install --disable-pip-version-check --quiet "$requirement"
  fi
  if ! command -v pmarklint >/dev/null; then
    annotate_error "pmarklint action" "pmarklint is not on PATH after the install step"
    exit 2
  fi
  pmarklint --version
}

step_check() {
  common_args
  args+=(--format github)
  if [[ "$strict" == true ]]; then
    args+=(--strict)
  fi
  run_pmarklint "${args[@]}"
  local check_rc=$rc
  set_output exit-code "$check_rc"
  if [[ -n "${GITHUB_STEP_SUMMARY:-}" && ($check_rc -eq 0 || $check_rc -eq 1) ]]; then
    write_summary
  fi
  if [[ $check_rc -eq 1 ]]; then
    echo "pmarklint: the job fails (exit code 1). GitHub shows at most 10 annotations of each kind per step;" \
      "the job summary lists every finding." >&2
  fi
  return "$check_rc"
}

# The text report (every finding, with the offending line) on the job's summary page: annotations are capped.
# GitHub refuses a step summary over 1 MiB, so a very long report is cut short (the log has every annotation).
summary_limit=900000
write_summary() {
  local report
  report="$(mktemp)"
  common_args
  if pmarklint "${args[@]}" --format text --output "$report" 2>/dev/null || [[ $? -eq 1 ]]; then
    {
      echo "### pmarklint"
      echo
      echo '````text'
      head -c "$summary_limit" "$report"
      if [[ $(wc -c <"$report") -gt $summary_limit ]]; then
        printf '\n[... cut short: the job log has every finding]\n'
      fi
      echo '````'
    } >>"$GITHUB_STEP_SUMMARY"
  fi
  rm -f "$report"
}

step_sarif() {
  common_args
  run_pmarklint "${args[@]}" --format sarif --output "$sarif_file"
  if [[ $rc -ne 0 && $rc -ne 1 ]]; then
    return "$rc"
  fi
  echo "pmarklint: wrote $sarif_file"
  set_output sarif-file "$sarif_file"
}

case "${1:-all}" in
  install) step_install ;;
  check) step_check ;;
  sarif) step_sarif ;;
  all)
    step_install
    status=0
    step_check || status=$?
    if [[ "$sarif" == true ]]; then
      sarif_status=0
      step_sarif || sarif_status=$?
      if [[ $status -eq 0 ]]; then
        status=$sarif_status
      fi
    fi
    exit "$status"
    ;;
  *)
    echo "usage: run-check.sh [install|check|sarif]" >&2
    exit 2
    ;;
esac
