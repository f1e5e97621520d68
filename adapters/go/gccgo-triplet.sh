#!/usr/bin/env bash
# Prints the GNU triplet of Debian's cross gccgo for a GOARCH (empty for amd64, the host's gccgo).
#   usage: gccgo-triplet.sh <arch> [11|12]          the triplet (default version 12)
#          gccgo-triplet.sh --flags <arch> [11|12]  extra compiler flags for that target (usually none)
# gccgo-11: bookworm has no cross gccgo-11 for powerpc64, riscv64 or mips (32-bit big-endian); mips is
# built by the mips64 cross compiler's o32 multilib (gccgo-11-multilib-mips64-linux-gnuabi64, -mabi=32).
set -euo pipefail
flags=0
if [ "${1:-}" = --flags ]; then flags=1; shift; fi
arch="${1:?usage: gccgo-triplet.sh [--flags] <arch> [11|12]}"
v="${2:-12}"
if [ "$flags" = 1 ]; then
  [ "$v:$arch" = 11:mips ] && echo "-mabi=32" || echo ""
  exit 0
fi
case "$v:$arch" in
  11:ppc64|11:riscv64) echo "gccgo-triplet.sh: Debian has no cross gccgo-11 for '$arch'" >&2; exit 2 ;;
  11:mips) echo mips64-linux-gnuabi64; exit 0 ;;
esac
case "$arch" in
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
  *) echo "gccgo-triplet.sh: no cross gccgo for '$arch'" >&2; exit 2 ;;
esac
