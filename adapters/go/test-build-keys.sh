#!/usr/bin/env bash
# Checks that a binary is named by what built it (toolchain.sh): a patched copy of a Go tree gets its
# own binary (a different file), run.sh runs the one of the tree it is given and never another, and
# changing the adapter's sources makes run.sh build anew.
#   usage: test-build-keys.sh [go1.19]
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rt="${1:-go1.19}"
tmp="$(mktemp -d)"; marker="$here/zz_keytest_$$.go"; farmarker="$here/far/zz_keytest_$$.go"
trap 'rm -rf "$tmp" "$marker" "$farmarker"' EXIT
fails=0
passes=0
ok() { echo "ok: $*"; passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
hello() { printf '{"id":1,"op":"hello","protocols":[1]}\n' | "$here/run.sh" "$@" 2>"$tmp/stderr" | grep -q '"protocol":1'; }
ran() { sed -n 's/^run.sh: \([^ ]*\) .*/\1/p' "$tmp/stderr"; }

plain="$("$here/build.sh" "$rt" amd64 2>/dev/null)" || { bad "build.sh $rt amd64"; exit 1; }
"$here/goroot-copy.sh" "/usr/lib/go-${rt#go}" "$tmp/goroot" runtime >/dev/null
printf 'package runtime\n\n// keyTestMarker: a patched tree for test-build-keys.sh.\nvar keyTestMarker = [4]byte{1, 2, 3, 4}\n' > "$tmp/goroot/src/runtime/zz_keytest.go"
patched="$(GOROOT="$tmp/goroot" "$here/build.sh" "$rt" amd64 2>"$tmp/build.log")" || { cat "$tmp/build.log"; bad "build.sh with the patched tree"; exit 1; }
[ "$plain" != "$patched" ] && ok "patched tree: another binary path ($(basename "$(dirname "$patched")") vs $(basename "$(dirname "$plain")"))" || bad "patched tree built into the same path $plain"
cmp -s "$plain" "$patched" && bad "patched tree: the same binary bytes" || ok "patched tree: different binary bytes"
grep -q "goroot: $tmp/goroot" "$(dirname "$patched")/build.id" && ok "build.id names the patched tree" || bad "build.id does not name the patched tree"
[ "$(cmp -s "$here/bin/$rt-amd64/goadapter" "$plain" && echo same)" = same ] && ok "the fixed path bin/$rt-amd64/goadapter still holds the default tree's binary" || bad "the patched build replaced bin/$rt-amd64/goadapter"
hello "$rt" amd64 && [ "$(ran)" = "$plain" ] && ok "run.sh without GOROOT runs $plain" || bad "run.sh without GOROOT ran '$(ran)'"
GOROOT="$tmp/goroot" hello "$rt" amd64 && [ "$(ran)" = "$patched" ] && ok "GOROOT=<patched> run.sh runs $patched" || bad "GOROOT=<patched> run.sh ran '$(ran)'"
# A tree changed after its build: the key follows the content, so run.sh builds again.
printf '\n// changed\n' >> "$tmp/goroot/src/runtime/zz_keytest.go"
GOROOT="$tmp/goroot" hello "$rt" amd64 && [ "$(ran)" != "$patched" ] && [ "$(ran)" != "$plain" ] && ok "a tree changed after its build is built again ($(ran))" || bad "run.sh reused a binary of the tree before the change: '$(ran)'"
# The adapter's sources: a new file changes the key; removing it brings the old binary back.
printf 'package main\n\n// test-build-keys.sh: a change of the adapter sources.\n' > "$marker"
hello "$rt" amd64 && [ "$(ran)" != "$plain" ] && ok "a changed adapter source is built anew ($(ran))" || bad "run.sh reused '$(ran)' after the adapter sources changed"
rm -f "$marker"
printf 'package far\n\n// test-build-keys.sh: a change of the second package.\n' > "$farmarker"
hello "$rt" amd64 && [ "$(ran)" != "$plain" ] && ok "a changed source of package far is built anew ($(ran))" || bad "run.sh reused '$(ran)' after far/ changed"
rm -f "$farmarker"
hello "$rt" amd64 && [ "$(ran)" = "$plain" ] && ok "the sources as before: $plain again, without a build" || bad "after undoing the change run.sh ran '$(ran)'"
echo "$passes passed, $fails failed"
exit $((fails > 0))
