#!/usr/bin/env bash
# Prints the GNU triplet of Debian's cross gccgo-12 for a GOARCH (empty for amd64, the host's gccgo-12).
#   usage: gccgo-triplet.sh <arch>
set -euo pipefail
case "${1:?usage: gccgo-triplet.sh <arch>}" in
  amd64) echo "" ;;
  386) echo i686-linux-gnu ;;
  arm) echo arm-linux-gnueabihf ;;
  arm64) echo aarch64-linux-gnu ;;
  s390x) echo s390x-linux-gnu ;;
  ppc64) echo powerpc64-linux-gnu ;;
  ppc64le) echo powerpc64le-linux-gnu ;;
  mips) echo mips-linux-gnu ;;
  mipsle) echo mipsel-linux-gnu ;;
  mips64) echo mips64-linux-gnuabi64 ;;
  mips64le) echo mips64el-linux-gnuabi64 ;;
  riscv64) echo riscv64-linux-gnu ;;
  *) echo "gccgo-triplet.sh: no cross gccgo for '$1'" >&2; exit 2 ;;
esac
