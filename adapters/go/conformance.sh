#!/usr/bin/env bash
# The whole matrix: installs what is missing, builds the Go adapter for every runtime x architecture
# (Go 1.19, 1.21, 1.22, 1.23, gccgo-12, gccgo-11 x 12 architectures; gccgo-11 has no ppc64 or riscv64 in Debian),
# runs the conformance suite against each (and the negative control), and writes JSON-lines results
# plus one merged HTML matrix into the results folder. Results are kept gzipped (<run>.jsonl.gz); the
# matrix and the table it prints at the end (for docs/results/README.md) cover every run in the folder,
# so re-running one runtime or architecture keeps the others.
#   usage: conformance.sh [results-dir] [runtimes...]     default: docs/results, all runtimes
#   env:   ARCHS="amd64 386 ..." to restrict architectures; SEED=N to fix the random inputs; JOBS=N runs at a
#          time (default: the number of processors).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/docs/results}"; shift || true
runtimes=("$@"); [ ${#runtimes[@]} -gt 0 ] || runtimes=(go1.19 go1.21 go1.22 go1.23 gccgo12 gccgo11)
archs=(${ARCHS:-amd64 386 arm arm64 s390x ppc64 ppc64le mips mipsle mips64 mips64le riscv64})
seed="${SEED:-20261122}"
mkdir -p "$out"
ARCHS="${archs[*]}" "$here/install.sh" "${runtimes[@]}" qemu
cd "$root"
# Release, started as the built assembly: `dotnet run` evaluates the project again at every start (about a second per run).
dotnet build src/Conformance.Cli -c Release -nologo -v q >/dev/null || { echo "conformance.sh: the CLI does not build" >&2; exit 2; }
cli_dll="$root/src/Conformance.Cli/bin/Release/net10.0/Conformance.Cli.dll"
[ -f "$cli_dll" ] || { echo "conformance.sh: $cli_dll is missing after the build" >&2; exit 2; }
cli() { dotnet "$cli_dll" "$@"; }
# One run: build the adapter, run the suite, summarise. Its line is printed when it ends; a failure leaves
# "$out/.status.$rt-$arch" (read after every run has ended).
one() {
  local rt="$1" arch="$2" bin t0 code
  bin="$("$here/build.sh" "$rt" "$arch" 2>"$out/$rt-$arch.build.log")" || { echo "$rt $arch: build failed (see $out/$rt-$arch.build.log)"; : > "$out/.status.$rt-$arch"; return; }
  t0=$SECONDS
  GOADAPTER_BIN="$bin" cli run --no-prove --no-zoo --seed "$seed" --adapter "exec:$here/run.sh $rt $arch" --json "$out/$rt-$arch.jsonl" > "$out/$rt-$arch.txt" 2>&1
  code=$?
  echo "$rt $arch: exit $code in $((SECONDS - t0)) s: $(grep -E '^[^ ]+ (32|64)(le|be): ' "$out/$rt-$arch.txt" | tail -1)"
  "$here/summary.sh" "$out/$rt-$arch.jsonl" > "$out/$rt-$arch.summary"
  gzip -f "$out/$rt-$arch.jsonl"
}
# JOBS runs at a time (default: one per processor). A suite keeps about one processor busy (the client and the
# adapter take turns), so on two processors two runs take about the time of one; the timeouts are far above it.
jobs="${JOBS:-$(nproc)}"
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "conformance.sh: JOBS must be a positive integer, got '$jobs'" >&2; exit 2; }
rm -f "$out"/.status.*
for rt in "${runtimes[@]}"; do
  for arch in "${archs[@]}"; do
    # gccgo-11: Debian has no cross compiler for ppc64 or riscv64 (gccgo-triplet.sh says so): no run.
    if [[ "$rt" == gccgo* ]] && ! "$here/gccgo-triplet.sh" "$arch" "${rt#gccgo}" >/dev/null 2>&1; then
      echo "$rt $arch: no cross compiler in Debian, not run"; continue
    fi
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
    one "$rt" "$arch" &
  done
done
wait
status=0
if compgen -G "$out/.status.*" >/dev/null; then status=1; rm -f "$out"/.status.*; fi
# The negative control: a corrupted runtime must be flagged (SV-001, SV-007, ZV-009).
GOADAPTER_BIN="$("$here/build.sh" go1.19 amd64 2>/dev/null)" cli run --no-prove --no-zoo --seed "$seed" --adapter "exec:$here/run.sh go1.19 amd64 -corrupt" --json "$out/negative-control.jsonl" > "$out/negative-control.txt" 2>&1
for id in SV-001 SV-007 ZV-009; do
  grep -q "\"requirement\":\"$id\",.*\"verdict\":\"fail\"" "$out/negative-control.jsonl" && echo "negative control: $id flagged" || { echo "negative control: $id NOT flagged"; status=1; }
done
"$here/summary.sh" "$out/negative-control.jsonl" > "$out/negative-control.summary"
gzip -f "$out/negative-control.jsonl"
# The matrix of every run in the folder (not only this invocation's).
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
files=()
for f in "$out"/*.jsonl.gz; do
  name="$(basename "$f" .gz)"; [ "$name" != negative-control.jsonl ] || continue
  zcat "$f" > "$tmp/$name"; files+=("$tmp/$name")
done
# A results file cut off (a run that died) is merged and named, and fails the script (report merge exits 2).
cli report merge "${files[@]}" --html "$out/matrix.html" > "$out/matrix.txt" || status=1
cat "$out/matrix.txt"
echo "the table of runs for $out/README.md:"
"$here/table.sh" "$out"
exit $status
