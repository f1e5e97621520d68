#!/usr/bin/env bash
# Protocol 2 through any runtime and architecture, with hand-written JSON lines (protocol2-requests.jsonl:
# hello offering [1,2], regions with protections, the compiled maps of every compiler-known type and
# their observed zeros, a reflect map of 2048-byte elements (absent), the new value kinds, emptySlice,
# reset). Prints each request and its reply. protocol2_test.go checks the same natively with gc.
#   usage: protocol2.sh <runtime> <arch>       e.g. protocol2.sh gccgo12 s390x
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/run.sh" "${1:?usage: protocol2.sh <runtime> <arch>}" "${2:?usage: protocol2.sh <runtime> <arch>}" < "$here/protocol2-requests.jsonl" 2>/dev/null \
  | paste -d'\n' "$here/protocol2-requests.jsonl" - | sed 'n;s/^/  -> /'
