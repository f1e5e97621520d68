//go:build gccgo

package main

// gccgo (GCC 11: libgo of Go 1.16; GCC 12: libgo of Go 1.18): //go:linkname takes functions only, so
// the table and the shared zero are found in the executable's symbol table (wire_elf.go); the
// missing-key lookup is runtime.mapaccess2.

import (
	"runtime"
	"unsafe"
)

//go:linkname runtimeMapaccess2 runtime.mapaccess2
func runtimeMapaccess2(t unsafe.Pointer, h unsafe.Pointer, key unsafe.Pointer) (unsafe.Pointer, bool)

// claimedFeatures: the table of claims.go for this runtime.
var claimedFeatures = claimsGccgo

const runtimeName = "gccgo"

const (
	goos   = runtime.GOOS
	goarch = runtime.GOARCH
)

// writeVersion: gccgo's runtime.Version() is "unknown" when built by the go tool, so the compiler's
// own stamp in the executable's .comment section ("GCC: (Debian 12.2.0-14) 12.2.0") names it instead,
// as "12.2.0 (Debian 12.2.0-14)".
func writeVersion(t *text) {
	if v := runtime.Version(); v != "unknown" && v != "" {
		t.s(v)
		return
	}
	c := elfInfo.comment
	if len(c) >= 5 && eq(c[:5], "GCC: ") {
		c = c[5:]
	}
	if len(c) == 0 {
		t.s("unknown")
		return
	}
	// "(Debian 12.2.0-14) 12.2.0" -> "12.2.0 (Debian 12.2.0-14)"
	if c[0] == '(' {
		for i := len(c) - 2; i > 0; i-- {
			if c[i] == ')' && c[i+1] == ' ' {
				t.bs(c[i+2:]).c(' ').bs(c[:i+1])
				return
			}
		}
	}
	t.bs(c)
}

const zeroValSize = 1024

func zeroRegion() (base, size uintptr, ok bool) {
	s := elfSymbol(symZeroVal)
	return s.addr, s.size, s.found
}

//adapter:undertest (the runtime's missing-key lookup)
func mapaccess2(t, h, key unsafe.Pointer) (unsafe.Pointer, bool) { return runtimeMapaccess2(t, h, key) }
