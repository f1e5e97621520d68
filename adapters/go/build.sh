#!/usr/bin/env bash
# Builds the Go adapter for one runtime and GOARCH into adapters/go/bin/<runtime>-<arch>/<key>/goadapter,
# where <key> names exactly what built it (toolchain.sh: the toolchain's identity, the architecture and the
# adapter's sources); build.id beside the binary lists them. A binary is never reused for another key.
#   usage: build.sh <runtime> <arch>
#   runtime: go1.19 | go1.21 | go1.22 | go1.23 (gc, from /usr/lib/go-<v>, or from $GOROOT when set: a
#            patched or other tree) | gccgo12 | gccgo11 (gccgo-12/-11 on amd64, Debian's cross
#            gccgo-1x-<triplet> elsewhere, or $GCCGO when set; linked statically, libgo included)
#   arch:    amd64 386 arm arm64 s390x ppc64 ppc64le mips mipsle mips64 mips64le riscv64
# Prints the binary's path on stdout. With the default toolchain (no GOROOT/GCCGO), it also copies the
# binary to bin/<runtime>-<arch>/goadapter, the fixed path the C# tests and the bench start.
# Build output goes to stderr only, so that run.sh can build on demand without touching the protocol stream.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runtime="${1:?usage: build.sh <runtime> <arch>}"
arch="${2:?usage: build.sh <runtime> <arch>}"
case "$runtime" in go1.*) custom="${GOROOT:-}" ;; *) custom="${GCCGO:-}" ;; esac
source "$here/toolchain.sh"
toolchain_resolve "$runtime" "$arch" || exit 2
out="$BIN_DIR"
mkdir -p "$out"
tmp="$(mktemp -d "$out/.build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
# One GOCACHE per toolchain identity: a patched tree or another compiler never shares compiled packages.
export GOCACHE="${GOCACHE_ROOT:-$root/.gocache}/$runtime-$TC_KEY" GOFLAGS="${GOFLAGS:-} -mod=mod" GOTOOLCHAIN=local GO111MODULE=on
export GOOS=linux GOARCH="$arch"
case "$TC_KIND" in
  gc)
    export GOROOT="$TC_GOROOT" CGO_ENABLED=0
    (cd "$here" && "$TC_GO" build -trimpath -o "$tmp/goadapter" .) >&2
    ;;
  gccgo)
    unset GOROOT
    flags="$("$here/gccgo-triplet.sh" --flags "$arch" "${runtime#gccgo}")"
    # Linked statically: the same libgo code, but a fresh runtime (the suite starts one for every
    # shrinking step) starts in under a second under qemu instead of ~4 s of relocating libgo.so.
    (cd "$here" && GCCGO="$TC_GCCGO" "$TC_GO" build -compiler gccgo -gccgoflags="-static${flags:+ $flags}" -o "$tmp/goadapter" .) >&2
    ;;
esac
printf '%s\nadapter sources: %s\nkey: %s\nbuilt: %s\n' "$TC_DESC" "$SRC_KEY" "$BIN_KEY" "$(date -u +%FT%TZ)" > "$tmp/build.id"
mv -f "$tmp/build.id" "$out/build.id"
mv -f "$tmp/goadapter" "$out/goadapter"
if [ -z "$custom" ]; then
  cp -f "$out/goadapter" "$here/bin/$runtime-$arch/goadapter.tmp.$$" && mv -f "$here/bin/$runtime-$arch/goadapter.tmp.$$" "$here/bin/$runtime-$arch/goadapter"
  cp -f "$out/build.id" "$here/bin/$runtime-$arch/build.id"
fi
echo "build.sh: built $out/goadapter" >&2
echo "$out/goadapter"
