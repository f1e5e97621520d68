#!/usr/bin/env bash
# A request whose operation brings the process down is the one charged with the crash, also inside a batch
# (README.md "Counting allocations"): the adapter writes every earlier reply before running a request's
# operation, and the client (ExecAdapter.Submit) charges a crash to the oldest unanswered request. Checked on a
# patched copy of the Go tree whose convT16 throws for 0x1234 (a fatal error: no recover, no reply): a batch of
# five requests written at once, the fourth converting uint16 0x1234, must get replies 1-3, none for 4 and 5,
# and exit status 2.
#   usage: crash-attribution.sh [go1.19|go1.21|go1.22|go1.23]
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rt="${1:-go1.19}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
"$here/goroot-copy.sh" "/usr/lib/go-${rt#go}" "$tmp/goroot" runtime >/dev/null
sed -i 's/^func convT16(val uint16) (x unsafe.Pointer) {$/&\n\tif val == 0x1234 {\n\t\tthrow("crash-attribution.sh: convT16(0x1234)")\n\t}/' "$tmp/goroot/src/runtime/iface.go"
grep -q 'crash-attribution.sh: convT16' "$tmp/goroot/src/runtime/iface.go" || { echo "FAIL: could not patch convT16 in $rt's iface.go"; exit 1; }
bin="$(GOROOT="$tmp/goroot" GOCACHE_ROOT="$tmp/cache" "$here/build.sh" "$rt" amd64 2>"$tmp/build.log")" || { cat "$tmp/build.log"; echo "FAIL: build"; exit 1; }
printf '%s\n' '{"id":1,"op":"hello","protocols":[1]}' '{"id":2,"op":"convert","kind":"uint16","bits":"0x5"}' \
  '{"id":3,"op":"convert","kind":"uint16","bits":"0x106"}' '{"id":4,"op":"convert","kind":"uint16","bits":"0x1234"}' \
  '{"id":5,"op":"convert","kind":"uint16","bits":"0x7"}' > "$tmp/batch"
"$bin" < "$tmp/batch" > "$tmp/out" 2> "$tmp/err"; status=$?
rm -rf "$(dirname "$bin")"
ids="$(sed -n 's/^{"id":\([0-9-]*\),"ok":true.*/\1/p' "$tmp/out" | tr '\n' ' ')"
if [ "$ids" = "1 2 3 " ] && [ "$status" = 2 ] && grep -q 'fatal error: crash-attribution.sh' "$tmp/err"; then
  echo "ok: $rt: replies 1-3 written before request 4 brought the process down (exit 2): the crash is charged to request 4"
else
  echo "FAIL: $rt: replies to '$ids' (want 1 2 3), exit status $status (want 2)"; tail -3 "$tmp/err"; exit 1
fi
