package main

// Compiler-known map element types (compilerTypes) and, with protocol 2, their compiled maps.

import "reflect"

// session is what hello negotiated.
var session struct{ protocol int64 }

// protocol2: whether hello answers protocol 2 to a client that offers it.
const protocol2 = false

// Compiler-known map element types: the lookups below make the compiler emit mapaccess1_fat with
// its static zero (go:map.zero) sized for the largest of them.
var (
	compiledSmall map[uint64][16]byte
	compiledMax   map[uint64][1024]byte
	compiledBig   map[uint64][2048]byte
	compiledHuge  map[uint64][8192]byte
	compiledSink  byte
)

//go:noinline
//adapter:undertest (compiled missing-key lookups)
func touchCompiledMaps(k uint64) {
	a := compiledSmall[k]
	b := compiledMax[k]
	c := compiledBig[k]
	d := compiledHuge[k]
	compiledSink = a[0] + b[0] + c[0] + d[0]
}

type compiledType struct{}

func (c *compiledType) lookup(m reflect.Value, key uint64) lookupResult { return lookupResult{} }
func (c *compiledType) assign(m reflect.Value, key uint64, fill byte)   {}

var compiled []*createdType

// compilerTypes lists the compiler-known types (made once, allocating nothing the suite asked for).
//
//adapter:undertest
func compilerTypes() []*createdType {
	if compiled == nil {
		touchCompiledMaps(1)
		for _, t := range []reflect.Type{
			reflect.TypeOf(false), reflect.TypeOf(uint8(0)), reflect.TypeOf(uint64(0)), reflect.TypeOf(""),
			reflect.TypeOf([16]byte{}), reflect.TypeOf([1024]byte{}), reflect.TypeOf([2048]byte{}), reflect.TypeOf([8192]byte{}),
		} {
			compiled = append(compiled, &createdType{handle: addType(t), size: uint64(t.Size()), name: t.String()})
		}
	}
	return compiled
}

// writeCompilerZero writes the compiler's zero region, or reports false (null). Protocol 1: the
// symbol table's go:map.zero / go.map.zero when present (gc keeps it out of the table).
func writeCompilerZero() bool {
	for _, i := range [...]int{symMapZeroColon, symMapZeroDot} {
		if s := elfSymbol(i); s.found {
			writeRegion(symNames[i], uint64(s.addr), uint64(s.size))
			return true
		}
	}
	return false
}

//adapter:undertest
func convert2(k valueKind, bits uint64) (interface{}, allocation) { return nil, allocation{} }
