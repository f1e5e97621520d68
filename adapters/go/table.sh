#!/usr/bin/env bash
# The "runs" table of docs/results/README.md, generated from the results files so it cannot drift:
# one markdown row per <runtime>-<arch>.jsonl(.gz) in the folder (the negative control is left out).
#   usage: table.sh [results-dir]     default: docs/results
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${1:-$here/../../docs/results}"
echo "| run | runtime | arch | passed | failed (requirements) | errors | not applicable |"
echo "|---|---|---|---|---|---|---|"
for f in "$dir"/*.jsonl.gz "$dir"/*.jsonl; do
  [ -e "$f" ] || continue
  run="$(basename "$f")"; run="${run%.gz}"; run="${run%.jsonl}"
  [ "$run" != negative-control ] || continue
  tmp="$(mktemp)"; case "$f" in *.gz) zcat "$f" >"$tmp" ;; *) cp "$f" "$tmp" ;; esac
  header="$(grep -m1 '"type":"run"' "$tmp")"
  summary="$(grep '"type":"summary"' "$tmp" | tail -1)"
  field() { sed -E "s/.*\"$1\":\"?([^\",}]*)\"?.*/\1/" <<<"$2"; }
  failed_ids="$(grep '"type":"result"' "$tmp" | grep '"verdict":"fail"' | sed -E 's/.*"requirement":"([A-Z]{2}-[0-9]{3})".*/\1/' | sort -u | paste -sd, - | sed 's/,/, /g' || true)"
  rm -f "$tmp"
  failed="$(field failed "$summary")"
  [ "$failed" = 0 ] || failed="$failed ($failed_ids)"
  echo "| $run | $(field runtime "$header") $(field runtimeVersion "$header" | sed 's/\\u002B/+/g') | $(field arch "$header") | $(field passed "$summary") | $failed | $(field errors "$summary") | $(field notApplicable "$summary") |"
done
