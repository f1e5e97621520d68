#!/usr/bin/env bash
# Throughput of the adapter alone (bench_test.go): checks/s and adapter CPU per request, batched (batches
# of 4000, as bench --figure 3) and unbatched (one request, then its reply), for the workloads of
# bench_test.go (fig3: convert uint16 0..299, as bench --figure 3; small; large; mixed; strings; lookup).
#   usage: bench.sh <runtime> <arch> [requests per batched session, default 20000]
#   env:   GOADAPTER_BENCH_WORKLOADS=fig3,small   only these workloads; GOADAPTER_BENCH_BATCH=N batch size
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runtime="${1:?usage: bench.sh <runtime> <arch> [n]}"
arch="${2:?usage: bench.sh <runtime> <arch> [n]}"
bin="$("$here/build.sh" "$runtime" "$arch")"
cd "$here"
# The adapter is started through run.sh with the binary pinned (qemu for foreign architectures).
GOADAPTER_BIN="$bin" GOADAPTER_BENCH="$here/run.sh $runtime $arch" GOADAPTER_BENCH_N="${3:-20000}" \
  GOCACHE="$root/.gocache/check-go1.19" GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0 \
  /usr/lib/go-1.19/bin/go test -count=1 -v -run '^TestBench$' . | grep -v '^ok\|^PASS\|^=== RUN\|^--- PASS'
