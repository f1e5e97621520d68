#!/usr/bin/env bash
# Makes a light copy of a Go tree to patch: every top-level entry and every src/ entry is a symbolic
# link to the original, except the src/ folders named, which are real copies (patch those).
#   usage: goroot-copy.sh <goroot> <dest> [src-folder ...]     default folder: runtime
# Then: GOROOT=<dest> run.sh go1.xx <arch>. The go command sees the copied packages' new contents and
# compiles them (and what depends on them) into the build cache; the original tree is never written.
set -euo pipefail
src="$(cd "${1:?usage: goroot-copy.sh <goroot> <dest> [src-folder ...]}" && pwd -P)"
dest="${2:?usage: goroot-copy.sh <goroot> <dest> [src-folder ...]}"
shift 2
dirs=("$@"); [ ${#dirs[@]} -gt 0 ] || dirs=(runtime)
[ ! -e "$dest" ] || { echo "goroot-copy.sh: $dest exists" >&2; exit 2; }
mkdir -p "$dest/src"
for e in "$src"/*; do
  [ "$(basename "$e")" = src ] || ln -s "$(readlink -f "$e")" "$dest/$(basename "$e")"
done
srcdir="$(readlink -f "$src/src")"
for e in "$srcdir"/*; do
  name="$(basename "$e")"
  copy=0
  for d in "${dirs[@]}"; do [ "$d" = "$name" ] && copy=1; done
  if [ "$copy" = 1 ]; then cp -a "$e" "$dest/src/$name"; else ln -s "$e" "$dest/src/$name"; fi
done
# A folder deeper than src/ (e.g. internal/abi) is copied inside a copied parent.
for d in "${dirs[@]}"; do
  case "$d" in */*) top="${d%%/*}"; [ -L "$dest/src/$top" ] && { rm "$dest/src/$top"; cp -a "$srcdir/$top" "$dest/src/$top"; } ;; esac
done
echo "$dest"
