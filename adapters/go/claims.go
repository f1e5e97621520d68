package main

// THE CLAIMS: the features of spec/features.md this runtime implements, decided from its source,
// never probed (a probe would let a broken runtime withdraw its own claims). One table per runtime;
// hello sends the one of the runtime this binary was built with (claims_gc.go, claims_gccgo.go pick it).
//
// gc (Go 1.15 to 1.23):
//   - small.table: iface.go staticuint64s, used by convT16/32/64 and the compiler for 8-bit values.
//   - small.strings: string.go slicebytetostring points one-byte strings into staticuint64s.
//   - small.empty: iface.go convTstring/convTslice return &zeroVal[0] for "" and nil slices.
//   - zero.shared-static: mapaccess1/2 return &zeroVal[0] (1024 bytes) for a missing key.
//   - zero.lazy-types: the type descriptor has no zero field since Go 1.6; reflect allocates none.
//   - threads: goroutines run in parallel (GOMAXPROCS).
//     Not claimed: zero.on-demand (no per-type zero pointer, no zerobuf); zero.compiler-static (the
//     compiler's zero, go:map.zero, is passed per access site to mapaccess1_fat for elements over
//     1024 bytes, not held by the types, so ZV-012 cannot be observed; the region is still reported).
//
// gccgo (GCC 11: libgo of Go 1.16; GCC 12: libgo of Go 1.18), from libgo itself (its symbols:
// staticuint64s and zeroVal exist, convT16/32/64 do not) and what this adapter observed on amd64:
//   - small.strings: slicebytetostring points one-byte strings into staticuint64s.
//   - zero.shared-static: mapaccess2 returns &zeroVal[0] (1024 bytes) for a missing key.
//   - zero.lazy-types, threads, core.
//     Not claimed: small.table (gofrontend allocates for every conversion, uint8 included: no convT64,
//     no inline table use), small.empty ("" and nil slices allocate too), zero.on-demand, zero.compiler-static.
//
// The C# client refuses a feature spec/features.md does not define: change these only together with spec/.
var (
	claimsGc    = []string{"core", "small.table", "small.strings", "small.empty", "zero.shared-static", "zero.lazy-types", "threads"}
	claimsGccgo = []string{"core", "small.strings", "zero.shared-static", "zero.lazy-types", "threads"}
)
