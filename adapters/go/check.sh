#!/usr/bin/env bash
# The adapter's own checks, without the C# suite: for every installed gc version, `go test` (the
# transport rule, transport_test.go: imports and the machine code of every function not marked
# //adapter:undertest; the wire code against encoding/json, wire_test.go; protocols 1 and 2 through the
# built binary, protocol2_test.go), and for every installed gccgo the same tests compiled by gccgo.
#   usage: check.sh
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
status=0
for v in 1.19 1.21 1.22 1.23; do
  gobin="/usr/lib/go-$v/bin/go"
  [ -x "$gobin" ] || { echo "check.sh: go$v not installed, skipped"; continue; }
  if (cd "$here" && GOCACHE="$root/.gocache/check-go$v" GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0 "$gobin" test -count=1 . >/tmp/check-go$v.log 2>&1); then
    echo "go$v: go test passed"
  else
    echo "go$v: go test FAILED"; cat /tmp/check-go$v.log; status=1
  fi
done
for g in gccgo-12 gccgo-11; do
  command -v "$g" >/dev/null || { echo "check.sh: $g not installed, skipped"; continue; }
  if [ "$g" = gccgo-12 ]; then
    # The same tests compiled by gccgo (the machine-code check reads gc's objdump and skips itself; vet
    # does not run under gccgo): the wire code, and protocols 1 and 2 through a gccgo-built adapter.
    if (cd "$here" && GOCACHE="$root/.gocache/check-$g" GOFLAGS=-mod=mod GOTOOLCHAIN=local GCCGO="$g" go test -vet=off -compiler gccgo -count=1 . >/tmp/check-$g.log 2>&1); then
      echo "$g: go test -compiler gccgo passed"
    else
      echo "$g: go test -compiler gccgo FAILED"; cat /tmp/check-$g.log; status=1
    fi
    continue
  fi
  # gccgo-11's libgo (Go 1.16) cannot run the test main of Debian's go command (Go 1.19): build, and
  # speak both protocols to the binary.
  bin="$(mktemp -d)/goadapter"
  if (cd "$here" && GOCACHE="$root/.gocache/check-$g" GOFLAGS=-mod=mod GOTOOLCHAIN=local GCCGO="$g" go build -compiler gccgo -gccgoflags=-static -o "$bin" .) \
     && printf '{"id":1,"op":"hello","protocols":[1]}\n' | "$bin" 2>/dev/null | grep -q '"protocol":1' \
     && printf '{"id":1,"op":"hello","protocols":[1,2]}\n{"id":2,"op":"regions"}\n' | "$bin" 2>/dev/null | grep -q '"compilerZero":{"name":"go..zerovalue"'; then
    echo "$g: builds and answers protocols 1 and 2"
  else
    echo "$g: build or hello FAILED"; status=1
  fi
  rm -rf "$(dirname "$bin")"
done
exit $status
