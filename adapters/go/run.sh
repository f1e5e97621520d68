#!/usr/bin/env bash
# Starts the Go adapter for <runtime> <arch>: the binary built from exactly this toolchain, this
# architecture and these adapter sources (toolchain.sh names it; build.sh builds it when it is missing);
# a binary built from anything else is never run. Foreign archs run under qemu-<arch>-static
# (binfmt_misc is not assumed). Extra arguments go to the adapter (e.g. -corrupt).
#   usage: run.sh <runtime> <arch> [adapter args...]     suite: --adapter exec:adapters/go/run.sh go1.19 s390x
#   GOROOT=/path/to/tree run.sh go1.19 amd64   runs the adapter built by that Go tree (a patched runtime, a
#                                               point release); GCCGO=<driver> likewise for gccgo11/gccgo12.
#   GOADAPTER_BIN=<path printed by build.sh>    runs that binary (checked against its build.id) without
#                                               computing the key: scripts pin one binary for a whole run.
# stdout is the protocol stream and nothing else; diagnostics go to stderr.
# env: QEMU_USER_DIR=<dir> takes qemu-<arch>-static from <dir> instead of PATH (e.g. an unpacked newer qemu);
#      QEMU_CPU=<model> overrides the emulated CPU (default: qemu's own, except on mips64/mips64le, below).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runtime="${1:?usage: run.sh <runtime> <arch> [args]}"
arch="${2:?usage: run.sh <runtime> <arch> [args]}"
shift 2
if [ -n "${GOADAPTER_BIN:-}" ]; then
  # A binary pinned for a whole run by the script that built it (ci-subset.sh, conformance.sh, zoo/make.sh:
  # GOADAPTER_BIN=$(build.sh ...)): one run, one binary, and no key to compute at every restart (the suite
  # starts a fresh adapter for each shrinking step). It must have been built for this runtime, arch and tree.
  bin="$GOADAPTER_BIN"
  id="$(dirname "$bin")/build.id"
  if ! grep -qx "runtime: $runtime" "$id" 2>/dev/null || ! grep -qx "arch: $arch" "$id" \
     || { [[ "$runtime" == go1.* ]] && [ -n "${GOROOT:-}" ] && ! grep -qx "goroot: $(cd "$GOROOT" && pwd)" "$id"; }; then
    echo "run.sh: GOADAPTER_BIN=$bin was not built for $runtime $arch${GOROOT:+ from $GOROOT} (see $id)" >&2; exit 2
  fi
  echo "run.sh: $bin (pinned)" >&2
else
  source "$here/toolchain.sh"
  toolchain_resolve "$runtime" "$arch" || exit 2
  bin="$BIN_DIR/goadapter"
  [[ -x "$bin" ]] || "$here/build.sh" "$runtime" "$arch" >/dev/null
  echo "run.sh: $bin (${TC_GOROOT:-$TC_GCCGO})" >&2
fi
case "$arch" in
  amd64) exec "$bin" "$@" ;;
  386)
    # 386 runs natively where the kernel runs 32-bit x86 programs (IA32 emulation); some kernels are
    # built without it (exec format error), and there it runs under qemu-i386-static like the others.
    # Go's 386 signal handler finds no g under qemu-i386 ("fatal: bad g in signal handler", at the first
    # asynchronous preemption signal), so preemption by signal is off there (GODEBUG, the runtime's own switch).
    if "$bin" -exec-check 2>/dev/null; then exec "$bin" "$@"; fi
    export GODEBUG="${GODEBUG:+$GODEBUG,}asyncpreemptoff=1"
    q=i386 ;;
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
