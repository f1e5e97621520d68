//go:build gccgo

package main

// gccgo (GCC 12, libgo of Go 1.18): //go:linkname takes functions only, so the table and the shared
// zero are found in libgo's symbol table (elfsym.go); the missing-key lookup is runtime.mapaccess2.

import (
	"runtime"
	"strings"
	"unsafe"
)

//go:linkname runtimeMapaccess2 runtime.mapaccess2
func runtimeMapaccess2(t unsafe.Pointer, h unsafe.Pointer, key unsafe.Pointer) (unsafe.Pointer, bool)

const runtimeName = "gccgo"

// runtimeVersion: gccgo's runtime.Version() is "unknown" when built by the go tool, so the compiler's
// own stamp in the executable's .comment section ("GCC: (Debian 12.2.0-14) 12.2.0") names it instead,
// as "12.2.0 (Debian 12.2.0-14)".
func runtimeVersion() string {
	if v := runtime.Version(); v != "unknown" && v != "" {
		return v
	}
	c := strings.TrimPrefix(elfComment("/proc/self/exe"), "GCC: ")
	if c == "" {
		return "unknown"
	}
	if i := strings.LastIndex(c, ") "); strings.HasPrefix(c, "(") && i > 0 {
		return c[i+2:] + " " + c[:i+1]
	}
	return c
}

const zeroValSize = 1024

func zeroRegion() *region {
	a, size, ok := elfSymbol("runtime.zeroVal")
	if !ok {
		return nil
	}
	return &region{Name: "runtime.zeroVal", Base: hexU64(a), Size: hexU64(size)}
}

func mapaccess2(t, h, key unsafe.Pointer) (unsafe.Pointer, bool) { return runtimeMapaccess2(t, h, key) }

// claimedFeatures for gccgo-12 come from libgo.so.21 itself (its symbols: staticuint64s and zeroVal
// exist, convT16/32/64 do not) and from what this adapter observed on amd64 (README.md):
//   - small.strings: slicebytetostring points one-byte strings into staticuint64s.
//   - zero.shared-static: mapaccess2 returns &zeroVal[0] (1024 bytes) for a missing key.
//   - zero.lazy-types, threads, core.
//
// Not claimed: small.table (gofrontend allocates for every conversion, uint8 included: no convT64,
// no inline table use), small.empty ("" and nil slices allocate too), zero.on-demand, zero.compiler-static.
func claimedFeatures() []string {
	return []string{"core", "small.strings", "zero.shared-static", "zero.lazy-types", "threads"}
}
