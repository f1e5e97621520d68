#!/usr/bin/env bash
# Reproduces, outside the suite, the gccgo behaviour behind its ZV-012 and ZV-016 failures: each
# compilation unit emits its own `go..zerovalue`, sized to the largest map element type THAT unit looks
# up (gofrontend types.cc, Map_type::fat_zero_value and backend_zero_value), as a one-only COMDAT
# definition (go-gcc.cc, implicit_variable_set_init: make_decl_one_only). The linker keeps one of the
# definitions, the first it meets (package main's), not the largest, so a lookup of a larger type in
# another package gets a zero smaller than its type: a plain Go program reads past the end of the zero.
# Linked dynamically it faults (SIGSEGV); linked statically it reads whatever follows.
# The program: package main looks up a [2000]byte element, package p (not inlined) a [70000]byte one.
#   usage: gccgo-zerovalue-repro.sh [gccgo driver]      default: gccgo-12
#   exit:  0 = reproduced (the zero is smaller than 70000 bytes), 1 = not reproduced, 2 = cannot build
set -uo pipefail
gccgo="${1:-gccgo-12}"
command -v "$gccgo" >/dev/null || { echo "gccgo-zerovalue-repro.sh: $gccgo not found" >&2; exit 2; }
dir="$(mktemp -d)"; trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/p"
printf 'module repro\n\ngo 1.18\n' > "$dir/go.mod"
cat > "$dir/p/p.go" <<'EOF'
package p

var M = map[int][70000]byte{}

//go:noinline
func Look(k int) byte { v := M[k]; return v[69999] }
EOF
cat > "$dir/main.go" <<'EOF'
package main

import (
	"fmt"
	"repro/p"
)

var m = map[int][2000]byte{}

func main() { v := m[1]; fmt.Println("main's zero:", v[0], "p's zero, last byte:", p.Look(3)) }
EOF
cd "$dir"
GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0 GCCGO="$gccgo" go build -compiler gccgo -o repro . \
  || { echo "gccgo-zerovalue-repro.sh: build failed" >&2; exit 2; }
size=$((16#$(nm -S repro | awk '$4 == "go..zerovalue" {print $2}')))
echo "$("$gccgo" --version | head -1): go..zerovalue is $size bytes; package p looks up a 70000-byte type"
./repro 2>&1 | head -3
[ "$size" -lt 70000 ]
