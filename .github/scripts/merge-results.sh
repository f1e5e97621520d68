#!/usr/bin/env bash
# The real-runtime matrix's last job (.github/workflows/go-matrix.yml): merges the shards of every run into
# one results page and one JUnit file (report merge), then checks each run: every shard arrived, no verdict
# is "error" (the adapter or the harness failed), and its verdicts per requirement equal the committed
# docs/results/<run>.summary, not-applicable counts aside (as adapters/go/ci-subset.sh compares; a run with no
# committed summary is reported, not compared). A change in what the suite concludes about a runtime, in
# either direction, fails the job until docs/results is updated.
#   usage: merge-results.sh RESULTS_DIR OUT_DIR
#   RESULTS_DIR holds the jobs' <runtime>-<arch>.<K>of<N>.jsonl files; OUT_DIR receives index.html (the page),
#   junit.xml, matrix.txt (the text matrix) and runs/<run>.jsonl + .summary (each run's shards together).
#   env: SUITE  the command that runs the suite (default go-zero-conformance, the installed tool)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
usage="usage: merge-results.sh RESULTS_DIR OUT_DIR"
in="${1:?$usage}"; out="${2:?$usage}"
read -r -a suite <<< "${SUITE:-go-zero-conformance}"
shopt -s nullglob
files=("$in"/*.jsonl)
[ ${#files[@]} -gt 0 ] || { echo "merge-results.sh: no results (*.jsonl) in $in" >&2; exit 2; }
mkdir -p "$out/runs"
status=0; runs=0; compared=0
report=()
# A shard cut off (its job died mid-run) is merged all the same and report merge exits 2 naming it; the checks below
# still run, so that the job's summary names every run's state.
if ! "${suite[@]}" report merge "${files[@]}" --html "$out/index.html" --junit "$out/junit.xml" > "$out/matrix.txt"; then
  report+=("report merge: a results file is unreadable or cut off (its message is in the log above)"); status=1
fi
head -n 1 "$out/matrix.txt" || true
judged() { grep -v ' not-applicable ' "$1" || true; }
for run in $(printf '%s\n' "${files[@]##*/}" | sed -E 's/\.[0-9]+of[0-9]+\.jsonl$//' | sort -u); do
  runs=$((runs + 1))
  shards=("$in/$run".*of*.jsonl)
  n="${shards[0]##*of}"; n="${n%.jsonl}"
  if [ ${#shards[@]} -ne "$n" ]; then report+=("$run: ${#shards[@]} of $n shards arrived"); status=1; fi
  cat "${shards[@]}" > "$out/runs/$run.jsonl"
  "$root/adapters/go/summary.sh" "$out/runs/$run.jsonl" > "$out/runs/$run.summary"
  errors=$(awk '$2 == "error" {n += $3} END {print n + 0}' "$out/runs/$run.summary")
  if [ "$errors" != 0 ]; then report+=("$run: $errors error verdicts"); status=1; fi
  baseline="$root/docs/results/$run.summary"
  if [ ! -f "$baseline" ]; then
    report+=("$run: no docs/results/$run.summary to compare with (not compared)")
  elif ! diff -u <(judged "$baseline") <(judged "$out/runs/$run.summary") > "$out/runs/$run.diff"; then
    report+=("$run: verdicts differ from docs/results/$run.summary (see runs/$run.diff)"); status=1; compared=$((compared + 1))
  else
    compared=$((compared + 1)); rm -f "$out/runs/$run.diff"
  fi
done
report+=("$runs runs merged into index.html and junit.xml; $compared compared with docs/results")
printf '%s\n' "${report[@]}"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  { echo "### Real runtimes"; echo; printf -- '- %s\n' "${report[@]}"; } >> "$GITHUB_STEP_SUMMARY"
fi
exit $status
