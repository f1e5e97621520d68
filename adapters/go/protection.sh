#!/usr/bin/env bash
# The memory protection of every shared region, per runtime and architecture: starts the Go adapter
# (run.sh, so the binary is the one built from this toolchain, architecture and adapter source), asks
# `hello` (protocol 2) and `regions`, and prints one markdown row per run: each region's name, size and
# protection as the adapter reads it from /proc/self/maps (the union of the permissions of the mappings
# holding the region). Protection is reported, not judged (no requirement says a shared region must be
# read-only); a writable region is one stray store away from corrupting every later reader.
#   usage: protection.sh [runtimes...]     default: go1.19 go1.21 go1.22 go1.23 gccgo11 gccgo12
#   env:   ARCHS="amd64 386 ..." (default: all twelve)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runtimes=("$@"); [ ${#runtimes[@]} -gt 0 ] || runtimes=(go1.19 go1.21 go1.22 go1.23 gccgo11 gccgo12)
archs=(${ARCHS:-amd64 386 arm arm64 s390x ppc64 ppc64le mips mipsle mips64 mips64le riscv64})
command -v jq >/dev/null || { echo "protection.sh: needs jq" >&2; exit 2; }
status=0
echo "| runtime | arch | small-value table | static zero | compiler zero (package main) | compiler zeros of other packages |"
echo "|---|---|---|---|---|---|"
for rt in "${runtimes[@]}"; do
  for arch in "${archs[@]}"; do
    if [[ "$rt" == gccgo* ]] && ! "$here/gccgo-triplet.sh" "$arch" "${rt#gccgo}" >/dev/null 2>&1; then continue; fi
    reply="$(printf '%s\n' '{"id":1,"op":"hello","protocols":[1,2]}' '{"id":2,"op":"regions"}' \
      | "$here/run.sh" "$rt" "$arch" 2>/dev/null | sed -n 2p)"
    # One region as "name size protection"; "none" when the runtime has none, "?" when unknown.
    cells="$(jq -r '
      def r: if . == null then "none" else "`\(.name)` \(.size) **\(.protection // "?")**" end;
      .result | [(.table | r), (.staticZero | r), (.compilerZero | r),
                 ((.moreCompilerZeros // []) | if length == 0 then "none" else map(r) | join("; ") end)]
      | join(" | ")' <<<"$reply" 2>/dev/null)"
    if [ -z "$cells" ]; then
      echo "protection.sh: $rt $arch: no regions reply" >&2; status=1; cells="no reply | | |"
    fi
    echo "| $rt | $arch | $cells |"
  done
done
exit $status
