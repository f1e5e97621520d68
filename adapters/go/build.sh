#!/usr/bin/env bash
# Builds the Go adapter for one runtime and GOARCH into adapters/go/bin/<runtime>-<arch>/goadapter.
#   usage: build.sh <runtime> <arch>
#   runtime: go1.19 | go1.21 | go1.22 | go1.23 (gc, from /usr/lib/go-<v>) | gccgo12 (gccgo-12 on amd64,
#            Debian's cross gccgo-12-<triplet> elsewhere; linked statically, libgo included)
#   arch:    amd64 386 arm arm64 s390x ppc64 ppc64le mips mipsle mips64 mips64le riscv64
# Output goes to stderr only, so that run.sh can build on demand without touching the protocol stream.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runtime="${1:?usage: build.sh <runtime> <arch>}"
arch="${2:?usage: build.sh <runtime> <arch>}"
out="$here/bin/$runtime-$arch"
mkdir -p "$out"
export GOCACHE="${GOCACHE:-$root/.gocache}" GOFLAGS="${GOFLAGS:-} -mod=mod" GOTOOLCHAIN=local GO111MODULE=on
export CGO_ENABLED=0 GOOS=linux GOARCH="$arch"
case "$runtime" in
  go1.*)
    v="${runtime#go}"
    gobin="/usr/lib/go-$v/bin/go"
    [[ -x "$gobin" ]] || { echo "build.sh: $gobin not found (install golang-$v-go)" >&2; exit 2; }
    (cd "$here" && "$gobin" build -trimpath -o "$out/goadapter" .) >&2
    ;;
  gccgo12)
    triplet="$("$here/gccgo-triplet.sh" "$arch")" || exit 2
    gccgo="${triplet:+$triplet-}gccgo-12"
    command -v "$gccgo" >/dev/null || { echo "build.sh: $gccgo not found (install.sh gccgo12 installs it)" >&2; exit 2; }
    gobin="$(command -v go)" || { echo "build.sh: the go command (golang-go) drives gccgo and is not installed" >&2; exit 2; }
    unset CGO_ENABLED
    # Linked statically: the same libgo code, but a fresh runtime (the suite starts one for every
    # shrinking step) starts in under a second under qemu instead of ~4 s of relocating libgo.so.
    (cd "$here" && GCCGO="$gccgo" "$gobin" build -compiler gccgo -gccgoflags=-static -o "$out/goadapter" .) >&2
    ;;
  *) echo "build.sh: unknown runtime '$runtime'" >&2; exit 2 ;;
esac
echo "build.sh: built $out/goadapter" >&2
