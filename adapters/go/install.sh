#!/usr/bin/env bash
# Installs what the Go matrix needs and is missing: the Go toolchains (1.19 from bookworm; 1.21-1.23
# from bookworm-backports), gccgo-12 and gccgo-11 with Debian's cross gccgo-1x-<triplet> for every
# foreign architecture in ARCHS (default: all twelve; bookworm has no cross gccgo-11 for ppc64 or riscv64,
# and builds gccgo-11's mips with the mips64 compiler's o32 multilib), and qemu-user-static. The backports source entry is derived from
# the machine's own Debian source (its URIs and key), so no host name is written here.
#   usage: install.sh [go1.19 go1.21 go1.22 go1.23 gccgo12 gccgo11 qemu ...]   (default: all)
set -euo pipefail
want=("$@"); [ ${#want[@]} -gt 0 ] || want=(go1.19 go1.21 go1.22 go1.23 gccgo12 gccgo11 qemu)
pkgs=(); backports=0
for w in "${want[@]}"; do
  case "$w" in
    go1.19) [ -x /usr/lib/go-1.19/bin/go ] || pkgs+=(golang-go) ;;
    go1.2[0-9]) v=${w#go}; [ -x "/usr/lib/go-$v/bin/go" ] || { pkgs+=("golang-$v-go"); backports=1; } ;;
    gccgo1[12])
      v=${w#gccgo}
      command -v "gccgo-$v" >/dev/null || pkgs+=("gccgo-$v")
      command -v go >/dev/null || pkgs+=(golang-go)   # the go command drives gccgo
      for a in ${ARCHS:-386 arm arm64 s390x ppc64 ppc64le mips mipsle mips64 mips64le riscv64}; do
        [ "$a" != amd64 ] || continue
        t="$("$(dirname "${BASH_SOURCE[0]}")/gccgo-triplet.sh" "$a" "$v" 2>/dev/null)" || { echo "install.sh: no cross gccgo-$v for $a in Debian (skipped)" >&2; continue; }
        command -v "$t-gccgo-$v" >/dev/null || pkgs+=("gccgo-$v-$t")
        # gccgo-11's mips (o32, big-endian) comes from the mips64 compiler's multilib.
        if [ "$v:$a" = 11:mips ] && ! "$t-gccgo-$v" -mabi=32 -print-file-name=libgo.a | grep -q /; then pkgs+=("gccgo-$v-multilib-$t"); fi
      done ;;
    qemu) command -v qemu-s390x-static >/dev/null || pkgs+=(qemu-user-static) ;;
    *) echo "install.sh: unknown '$w'" >&2; exit 2 ;;
  esac
done
[ ${#pkgs[@]} -gt 0 ] || exit 0
if [ "$backports" = 1 ] && ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  src=/etc/apt/sources.list.d/debian.sources
  [ -f "$src" ] || { echo "install.sh: $src not found: cannot derive the backports entry" >&2; exit 2; }
  # The first stanza's URIs and Signed-By, with the suite swapped for bookworm-backports.
  uris=$(awk '/^URIs:/{print $2; exit}' "$src")
  key=$(awk '/^Signed-By:/{print $2; exit}' "$src")
  printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: %s\n' "$uris" "$key" > /etc/apt/sources.list.d/backports.sources
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
echo "install.sh: installed ${pkgs[*]}" >&2
