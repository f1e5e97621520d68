#!/usr/bin/env bash
# Starts the Go adapter for <runtime> <arch>, building it first if needed; foreign archs run under
# qemu-<arch>-static (binfmt_misc is not assumed). Extra arguments go to the adapter (e.g. -corrupt).
#   usage: run.sh <runtime> <arch> [adapter args...]     suite: --adapter exec:adapters/go/run.sh go1.19 s390x
# stdout is the protocol stream and nothing else; diagnostics go to stderr.
# env: QEMU_USER_DIR=<dir> takes qemu-<arch>-static from <dir> instead of PATH (e.g. an unpacked newer qemu);
#      QEMU_CPU=<model> overrides the emulated CPU (default: qemu's own, except on mips64/mips64le, below).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runtime="${1:?usage: run.sh <runtime> <arch> [args]}"
arch="${2:?usage: run.sh <runtime> <arch> [args]}"
shift 2
bin="$here/bin/$runtime-$arch/goadapter"
[[ -x "$bin" ]] || "$here/build.sh" "$runtime" "$arch"
case "$arch" in
  amd64|386) exec "$bin" "$@" ;;
  arm64) q=aarch64 ;;
  mipsle) q=mipsel ;;
  mips64le) q=mips64el ;;
  *) q="$arch" ;;
esac
# mips64/mips64le: Linux on MIPS hardware fixes up unaligned loads and stores in the kernel; qemu-user's
# default MIPS64 CPUs deliver SIGBUS instead. Go 1.22's netpollinit stores 8 bytes at an address that is 4
# modulo 8 (syscall.EpollEvent.Data), so under the default CPU it crashed whenever the poller started. The
# Loongson-3A models are MIPS64R2 cores on which qemu performs unaligned accesses, as the real machine does.
case "$arch" in
  mips64|mips64le) export QEMU_CPU="${QEMU_CPU:-Loongson-3A4000}" ;;
esac
exec "${QEMU_USER_DIR:+$QEMU_USER_DIR/}qemu-$q-static" "$bin" "$@"
