//go:build (gc && go1.23) || gccgo

package main

// Go 1.23's linker refuses to pull runtime.staticuint64s (-checklinkname: it is not marked
// //go:linkname in the runtime), and gccgo's linkname takes functions only. The base is taken from the
// symbol table of our own executable (wire_elf.go, relocated by a known anchor) when present, else
// derived from converting uint64(0) to an interface: convT64 returns &staticuint64s[0] for it.

const tableSource = "ELF symbol runtime.staticuint64s (or convT64(0) when the symbol is absent)"

func tableBase() uintptr {
	if s := elfSymbol(symStaticuint64s); s.found {
		return s.addr
	}
	return tableFromConversion()
}

// tableFromConversion: the fallback, a conversion under test (only when the symbol table has no table).
//
//adapter:undertest
func tableFromConversion() uintptr { return uintptr(dataWord(convUint64(0))) }
