#!/usr/bin/env bash
# One open issue per owner listing their deadlines (pmarklint due --by-owner), for a scheduled workflow
# (ci/github/due-issues.yml, docs/due.md). The first run opens an issue per owner; later runs edit the same
# issue (found by its title, which holds the owner's id), and close the issue of an owner with nothing due.
#
# Needs pmarklint, gh (signed in: GH_TOKEN in a workflow) and jq on PATH. Settings (environment):
#   PMARKLINT_PATH       the PMS repository, the folder holding pmarklint.yaml (default ".")
#   PMARKLINT_WITHIN     how far ahead to look, an ISO 8601 duration (default P90D)
#   PMARKLINT_DUE_LABEL  the label the issues carry (default pmarklint-due)
#   PMARKLINT_TODAY      count days from this date instead of today (YYYY-MM-DD)
set -euo pipefail

pms_path="${PMARKLINT_PATH:-.}"
within="${PMARKLINT_WITHIN:-P90D}"
label="${PMARKLINT_DUE_LABEL:-pmarklint-due}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

pmarklint due "$pms_path" --within "$within" --by-owner --format json --output "$work/due.json"
gh label create "$label" --description "Deadlines of the PMS, by owner (pmarklint due)" --force >/dev/null
gh issue list --label "$label" --state open --limit 1000 --json number,title >"$work/open.json"

count="$(jq '.owners | length' "$work/due.json")"
for ((i = 0; i < count; i++)); do
  title="$(jq -r --argjson i "$i" '.owners[$i].title' "$work/due.json")"
  jq -r --argjson i "$i" '.owners[$i].markdown' "$work/due.json" >"$work/body.md"
  number="$(jq -r --arg title "$title" 'map(select(.title == $title)) | .[0].number // empty' "$work/open.json")"
  if [[ -n "$number" ]]; then
    gh issue edit "$number" --body-file "$work/body.md" >/dev/null
    echo "updated #$number: $title"
  else
    gh issue create --title "$title" --label "$label" --body-file "$work/body.md" >/dev/null
    echo "opened: $title"
  fi
done

# An owner with nothing due any more: their issue is closed (a new one opens when something falls due).
jq -r --slurpfile due "$work/due.json" \
  '($due[0].owners | map(.title)) as $titles | .[] | select(.title as $t | $titles | index($t) | not) | .number' \
  "$work/open.json" | while read -r number; do
  gh issue close "$number" >/dev/null
  echo "closed #$number: nothing due"
done
