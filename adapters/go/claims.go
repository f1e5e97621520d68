package main

// THE CLAIMS: the features of spec/features.md this runtime implements, decided from its source,
// never probed (a probe would let a broken runtime withdraw its own claims). Each list is the spec's
// profile of that runtime, word for word: spec/features.md (profiles `gc` and `gccgo`) is their home,
// and tests/Conformance.Tests/Exec/GoClaimsTests.cs fails when a list here differs from its profile.
// hello sends the one of the runtime this binary was built with (rt_gc.go, rt_gccgo.go pick it).
//
// gc (Go 1.15 to 1.23, the maps before Go 1.24's):
//   - maps, zero.shared-static: mapaccess1/2 return &zeroVal[0] (1024 bytes) for a missing key of an
//     element type up to 1024 bytes (runtime/map.go, maxZero).
//   - zero.absent-large: reflect_mapaccess returns nil for a larger run-time-created element type, and
//     reflect.Value.MapIndex reports the key absent (no zero is handed out).
//   - zero.compiler-static: compiled lookups of larger element types call mapaccess1_fat with the
//     linker's zero (go:map.zero, as large as the largest such type; cmd/link's mapzero).
//   - zero.lazy-types: the type descriptor has no zero field since Go 1.6; reflect allocates none.
//   - small.table: iface.go staticuint64s, used by convT16/32/64 and the compiler for 8-bit values.
//   - small.strings: string.go slicebytetostring points one-byte strings into staticuint64s.
//   - small.empty: iface.go convTstring/convTslice return &zeroVal[0] for "" and nil slices.
//   - small.zero-sized: mallocgc(0) returns &zerobase.
//   - threads, core.
//
// gccgo (GCC 11: libgo of Go 1.16; GCC 12: libgo of Go 1.18), from libgo itself:
//   - as gc for maps (zeroVal, reflect_mapaccess, the compiler's go..zerovalue), zero.lazy-types,
//     small.strings (slicebytetostring uses staticuint64s), small.zero-sized (mallocgc(0) is &zerobase),
//     threads, core.
//     Not claimed: small.table (the gofrontend allocates for every conversion, uint8 included: no
//     convT16/32/64) and small.empty ("" and nil slices allocate too).
//
// The C# client refuses a feature spec/features.md does not define: change these only together with spec/.
var (
	claimsGc    = []string{"core", "maps", "zero.lazy-types", "zero.shared-static", "zero.absent-large", "zero.compiler-static", "small.table", "small.strings", "small.empty", "small.zero-sized", "threads"}
	claimsGccgo = []string{"core", "maps", "zero.lazy-types", "zero.shared-static", "zero.absent-large", "zero.compiler-static", "small.strings", "small.zero-sized", "threads"}
)
