#!/usr/bin/env bash
# One job of the real-runtime matrix (.github/workflows/go-matrix.yml): builds the Go adapter for RUNTIME on
# ARCH and runs shard K/N of the suite against it, writing OUTDIR/<runtime>-<arch>.<K>of<N>.jsonl (the
# results), .txt (the console) and .build.log. Shards split the cases by a stable hash of their IDs, so the
# N shards of a run hold every case exactly once; the merge job puts them back together.
# Failing verdicts are data, not a failed job: the job fails when the run could not complete (a usage error
# or a crash of the suite: exit 2 or more, or a results file without its summary line). The merge job checks
# the verdicts against docs/results.
#   usage: run-shard.sh RUNTIME ARCH K/N OUTDIR
#   env:   SEED     the run's seed (default 20261122, the seed of docs/results)
#          SUITE    the command that runs the suite (default go-zero-conformance, the installed tool)
#          DRY_RUN  1: build nothing and run nothing; check the arguments with `run --dry-run`
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
usage="usage: run-shard.sh RUNTIME ARCH K/N OUTDIR"
runtime="${1:?$usage}"; arch="${2:?$usage}"; shard="${3:?$usage}"; out="${4:?$usage}"
[[ "$shard" =~ ^[0-9]+/[0-9]+$ ]] || { echo "run-shard.sh: shard '$shard' is not K/N" >&2; exit 2; }
read -r -a suite <<< "${SUITE:-go-zero-conformance}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
base="$out/$runtime-$arch.${shard/\//of}"
cd "$root"
# The adapter is named relative to the checkout: exec: splits on whitespace, without a shell.
args=(run --no-prove --no-zoo --seed "${SEED:-20261122}" --shard "$shard" --adapter "exec:adapters/go/run.sh $runtime $arch" --json "$base.jsonl")
if [ "${DRY_RUN:-0}" = 1 ]; then
  [ -x adapters/go/build.sh ] || { echo "run-shard.sh: adapters/go/build.sh is missing or not executable" >&2; exit 2; }
  exec "${suite[@]}" "${args[@]}" --dry-run
fi
if ! adapters/go/build.sh "$runtime" "$arch" > "$base.build.log" 2>&1; then
  echo "run-shard.sh: adapters/go/build.sh $runtime $arch failed:" >&2; tail -n 20 "$base.build.log" >&2; exit 1
fi
t0=$SECONDS
set +e
"${suite[@]}" "${args[@]}" > "$base.txt" 2>&1
status=$?
set -e
echo "run-shard.sh: $runtime $arch shard $shard: exit $status in $((SECONDS - t0)) s"
grep -E '^[^ ]+ (32|64)(le|be): ' "$base.txt" | tail -n 1 || true
if [ "$status" -ge 2 ]; then echo "run-shard.sh: the run did not complete (exit $status):" >&2; tail -n 20 "$base.txt" >&2; exit 1; fi
grep -q '"type":"summary"' "$base.jsonl" || { echo "run-shard.sh: $base.jsonl has no summary line: the run stopped early" >&2; tail -n 20 "$base.txt" >&2; exit 1; }
