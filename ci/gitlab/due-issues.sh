#!/usr/bin/env bash
# One open issue per owner listing their deadlines (pmarklint due --by-owner), for a scheduled pipeline
# (ci/gitlab/due-issues.gitlab-ci.yml, docs/due.md), through the GitLab API with curl. The first run opens an
# issue per owner; later runs edit the same issue (found by its title, which holds the owner's id), and
# close the issue of an owner with nothing due.
#
# Needs pmarklint, curl and jq on PATH. Settings (environment):
#   PMARKLINT_GITLAB_TOKEN  a project access token with the api scope (Reporter role or above); the job
#                           token cannot write issues
#   CI_API_V4_URL, CI_PROJECT_ID  set by GitLab CI
#   PMARKLINT_PATH          the PMS repository, the folder holding pmarklint.yaml (default ".")
#   PMARKLINT_WITHIN        how far ahead to look, an ISO 8601 duration (default P90D)
#   PMARKLINT_DUE_LABEL     the label the issues carry (default pmarklint-due)
#   PMARKLINT_TODAY         count days from this date instead of today (YYYY-MM-DD)
set -euo pipefail

pms_path="${PMARKLINT_PATH:-.}"
within="${PMARKLINT_WITHIN:-P90D}"
label="${PMARKLINT_DUE_LABEL:-pmarklint-due}"
api="${CI_API_V4_URL:?set by GitLab CI}/projects/${CI_PROJECT_ID:?set by GitLab CI}/issues"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

gitlab() {  # METHOD URL [curl arguments]: the API's answer on standard output; an HTTP error fails the job
  local method="$1" url="$2"
  shift 2
  curl --silent --show-error --fail --request "$method" --header "PRIVATE-TOKEN: ${PMARKLINT_GITLAB_TOKEN:?a project access token}" "$url" "$@"
}

pmarklint due "$pms_path" --within "$within" --by-owner --format json --output "$work/due.json"
gitlab GET "$api" --get --data-urlencode "labels=$label" --data "state=opened" --data "per_page=100" >"$work/open.json"

count="$(jq '.owners | length' "$work/due.json")"
for ((i = 0; i < count; i++)); do
  title="$(jq -r --argjson i "$i" '.owners[$i].title' "$work/due.json")"
  jq -r --argjson i "$i" '.owners[$i].markdown' "$work/due.json" >"$work/body.md"
  iid="$(jq -r --arg title "$title" 'map(select(.title == $title)) | .[0].iid // empty' "$work/open.json")"
  if [[ -n "$iid" ]]; then
    gitlab PUT "$api/$iid" --data-urlencode "description@$work/body.md" >/dev/null
    echo "updated #$iid: $title"
  else
    gitlab POST "$api" --data-urlencode "title=$title" --data-urlencode "labels=$label" \
      --data-urlencode "description@$work/body.md" >/dev/null
    echo "opened: $title"
  fi
done

# An owner with nothing due any more: their issue is closed (a new one opens when something falls due).
jq -r --slurpfile due "$work/due.json" \
  '($due[0].owners | map(.title)) as $titles | .[] | select(.title as $t | $titles | index($t) | not) | .iid' \
  "$work/open.json" | while read -r iid; do
  gitlab PUT "$api/$iid" --data "state_event=close" >/dev/null
  echo "closed #$iid: nothing due"
done
