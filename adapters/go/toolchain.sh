# Sourced by build.sh and run.sh: what a binary is built from, and the key that names it.
#   toolchain_resolve <runtime> <arch>   sets:
#     TC_KIND   gc | gccgo
#     TC_GO     the go command that builds (gc: $GOROOT/bin/go; gccgo: the go command driving gccgo)
#     TC_GOROOT (gc) the tree: $GOROOT if set, else /usr/lib/go-<v>
#     TC_GCCGO  (gccgo) the compiler driver: $GCCGO if set, else [<triplet>-]gccgo-<11|12>
#     TC_DESC   the identity of the toolchain, one "name: value" per line (build.id lists it)
#     TC_KEY    sha256 of TC_DESC (16 hex digits): names the toolchain's GOCACHE
#     SRC_KEY   sha256 of the adapter's sources (every *.go but tests, far/ included, and go.mod)
#     BIN_KEY   sha256 of TC_KEY, arch and SRC_KEY (16 hex digits): names the binary's folder
#     BIN_DIR   $here/bin/<runtime>-<arch>/<BIN_KEY>
# Identity, gc: the GOROOT path, $GOROOT/VERSION (what `go version` reports), a content hash of the
# runtime's sources (src/runtime, src/reflect, src/internal, src/sync, src/syscall) and of the go command,
# compiler and linker binaries. gccgo: `<driver> --version`, a content hash of the driver, of the compiler proper (go1) and
# of libgo.a (the binaries are linked statically). Content hashes are cached under bin/.hash, keyed by
# the files' paths, sizes and modification times, so that run.sh (started once per shrinking step)
# hashes a tree only when it has changed.

tc_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

tc_sha() { sha256sum | cut -c1-"${1:-64}"; }

# tc_content_hash FILE_OR_DIR...: content hash of the regular files under the arguments (symlinks followed).
tc_content_hash() {
  local listing key cache
  listing="$(find -L "$@" -type f -printf '%p %s %T@\n' 2>/dev/null | LC_ALL=C sort)"
  key="$(printf '%s' "$listing" | tc_sha)"
  cache="$tc_here/bin/.hash/$key"
  if [ -s "$cache" ]; then cat "$cache"; return; fi
  local h
  h="$(find -L "$@" -type f -print0 2>/dev/null | LC_ALL=C sort -z | xargs -0 -r sha256sum | tc_sha)"
  mkdir -p "$tc_here/bin/.hash" && printf '%s\n' "$h" > "$cache.$$" && mv "$cache.$$" "$cache"
  echo "$h"
}

toolchain_resolve() {
  local runtime="$1" arch="$2"
  TC_DESC="runtime: $runtime"$'\n'"arch: $arch"
  case "$runtime" in
    go1.*)
      TC_KIND=gc
      TC_GOROOT="${GOROOT:-/usr/lib/go-${runtime#go}}"
      TC_GOROOT="$(cd "$TC_GOROOT" 2>/dev/null && pwd)" || { echo "toolchain: GOROOT ${GOROOT:-/usr/lib/go-${runtime#go}} not found (install.sh ${runtime} installs it)" >&2; return 2; }
      TC_GO="$TC_GOROOT/bin/go"
      [ -x "$TC_GO" ] || { echo "toolchain: $TC_GO not found" >&2; return 2; }
      # The host's tool folder (linux_amd64 here): the compiler and linker that build for every GOARCH.
      local tools
      tools="$(ls -d "$TC_GOROOT"/pkg/tool/linux_* 2>/dev/null | head -1)"
      TC_DESC+=$'\n'"goroot: $TC_GOROOT"
      TC_DESC+=$'\n'"VERSION: $(head -1 "$TC_GOROOT/VERSION" 2>/dev/null)"
      TC_DESC+=$'\n'"runtime sources: $(tc_content_hash "$TC_GOROOT/src/runtime" "$TC_GOROOT/src/reflect" "$TC_GOROOT/src/internal" "$TC_GOROOT/src/sync" "$TC_GOROOT/src/syscall")"
      TC_DESC+=$'\n'"go, compiler and linker: $(tc_content_hash "$TC_GO" "$tools/compile" "$tools/link")"
      ;;
    gccgo1[12])
      TC_KIND=gccgo
      local v="${runtime#gccgo}" triplet
      triplet="$("$tc_here/gccgo-triplet.sh" "$arch" "$v")" || return 2
      TC_GCCGO="${GCCGO:-${triplet:+$triplet-}gccgo-$v}"
      command -v "$TC_GCCGO" >/dev/null || { echo "toolchain: $TC_GCCGO not found (install.sh $runtime installs it)" >&2; return 2; }
      TC_GO="$(command -v go)" || { echo "toolchain: the go command (golang-go) drives gccgo and is not installed" >&2; return 2; }
      local driver go1 libgo flags
      flags="$("$tc_here/gccgo-triplet.sh" --flags "$arch" "$v")"
      driver="$(readlink -f "$(command -v "$TC_GCCGO")")"
      go1="$("$TC_GCCGO" -print-prog-name=go1)"; go1="$(readlink -f "$(command -v "$go1" || echo "$go1")")"
      libgo="$("$TC_GCCGO" $flags -print-file-name=libgo.a)"
      TC_DESC+=$'\n'"gccgo: $TC_GCCGO${flags:+ $flags} ($driver)"
      TC_DESC+=$'\n'"gccgo --version: $("$TC_GCCGO" --version | head -1)"
      TC_DESC+=$'\n'"driver, go1, libgo.a: $(tc_content_hash "$driver" "$go1" "$libgo")"
      TC_DESC+=$'\n'"go command: $("$TC_GO" version)"
      ;;
    *) echo "toolchain: unknown runtime '$runtime' (go1.19 go1.21 go1.22 go1.23 gccgo11 gccgo12)" >&2; return 2 ;;
  esac
  TC_KEY="$(printf '%s\n' "$TC_DESC" | tc_sha 16)"
  SRC_KEY="$(cd "$tc_here" && { find . -path ./bin -prune -o -name '*.go' ! -name '*_test.go' -print; echo ./go.mod; } | LC_ALL=C sort | xargs sha256sum | tc_sha)"
  BIN_KEY="$(printf '%s\n%s\n%s\n' "$TC_KEY" "$arch" "$SRC_KEY" | tc_sha 16)"
  BIN_DIR="$tc_here/bin/$runtime-$arch/$BIN_KEY"
}
