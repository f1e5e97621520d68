//go:build gc

package main

// The gc toolchain (Go 1.15 and later): the shared zero is runtime.zeroVal (map.go until Go 1.22,
// runtime.go in Go 1.23, where it is marked //go:linkname for reflect and so may be pulled), and the
// missing-key lookup is runtime.mapaccess2 (also marked //go:linkname in Go 1.23; mapaccess1 is not).

import (
	"runtime"
	"unsafe"
)

//go:linkname runtimeZeroVal runtime.zeroVal
var runtimeZeroVal [zeroValSize]byte

const zeroValSize = 1024

//go:linkname runtimeMapaccess2 runtime.mapaccess2
//go:noescape
func runtimeMapaccess2(t unsafe.Pointer, h unsafe.Pointer, key unsafe.Pointer) (unsafe.Pointer, bool)

// claimedFeatures: the table of claims.go for this runtime.
var claimedFeatures = claimsGc

const runtimeName = "gc"

const (
	goos   = runtime.GOOS
	goarch = runtime.GOARCH
)

// writeVersion writes the toolchain's own version string (go1.22.12).
func writeVersion(t *text) { t.s(runtime.Version()) }

// zeroRegion: runtime.zeroVal, at the address the linker gave it, with the size its symbol table entry
// records (a runtime whose zero is not 1024 bytes is reported as it is; our declaration's 1024 only when
// the symbol table has no entry).
func zeroRegion() (base, size uintptr, ok bool) {
	base, size = uintptr(unsafe.Pointer(&runtimeZeroVal[0])), uintptr(len(runtimeZeroVal))
	if s := elfSymbol(symZeroVal); s.found && s.addr == base {
		size = s.size
	}
	return base, size, true
}

//adapter:undertest (the runtime's missing-key lookup)
func mapaccess2(t, h, key unsafe.Pointer) (unsafe.Pointer, bool) { return runtimeMapaccess2(t, h, key) }
