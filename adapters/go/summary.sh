#!/usr/bin/env bash
# Verdicts per requirement of a results file (run --json): "ID verdict count" lines, sorted. The Go
# matrix commits one per run (docs/results/*.summary) and CI compares its subset against them.
#   usage: summary.sh RESULTS.jsonl
set -euo pipefail
grep '"type":"result"' "${1:?usage: summary.sh RESULTS.jsonl}" \
  | sed -E 's/.*"requirement":"([A-Z]{2}-[0-9]{3})".*"verdict":"([a-z-]+)".*/\1 \2/' \
  | sort | uniq -c | awk '{print $2, $3, $1}'
