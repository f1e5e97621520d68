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

const runtimeName = "gc"

// runtimeVersion is the toolchain's own version string (go1.22.12).
func runtimeVersion() string { return runtime.Version() }

func zeroRegion() *region {
	return &region{Name: "runtime.zeroVal", Base: hexU64(uintptr(unsafe.Pointer(&runtimeZeroVal[0]))), Size: hexU64(len(runtimeZeroVal))}
}

func mapaccess2(t, h, key unsafe.Pointer) (unsafe.Pointer, bool) { return runtimeMapaccess2(t, h, key) }

// claimedFeatures are the features of spec/features.md this runtime implements, read from its source
// (Go 1.15 to 1.23), never probed: a probe would let a broken runtime withdraw its own claims.
//   - small.table: iface.go staticuint64s, used by convT16/32/64 and the compiler for 8-bit values.
//   - small.strings: string.go slicebytetostring points one-byte strings into staticuint64s.
//   - small.empty: iface.go convTstring/convTslice return &zeroVal[0] for "" and nil slices.
//   - zero.shared-static: mapaccess1/2 return &zeroVal[0] (1024 bytes) for a missing key.
//   - zero.lazy-types: the type descriptor has no zero field since Go 1.6; reflect allocates none.
//   - threads: goroutines run in parallel (GOMAXPROCS).
//
// Not claimed: zero.on-demand (no per-type zero pointer, no zerobuf); zero.compiler-static (the
// compiler's zero, go:map.zero, is passed per access site to mapaccess1_fat for elements over
// 1024 bytes, not held by the types, so ZV-012 cannot be observed; the region is still reported).
func claimedFeatures() []string {
	return []string{"core", "small.table", "small.strings", "small.empty", "zero.shared-static", "zero.lazy-types", "threads"}
}
