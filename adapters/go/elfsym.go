package main

// Symbols of our own executable, read with debug/elf. Used where the runtime keeps no pointer we
// could take (the compiler's map zero) or where linkname is refused (staticuint64s on Go 1.23).
// Addresses are relocated by the distance between where main.elfAnchor is and where the symbol
// table says it is, so position-independent executables work too.

import (
	"debug/elf"
	"sync"
	"unsafe"
)

var elfAnchor [8]byte

var elfSyms struct {
	once sync.Once
	m    map[string]elf.Symbol
	bias uintptr
	ok   bool
}

var wantedSyms = map[string]bool{
	"main.elfAnchor": true, "runtime.staticuint64s": true, "runtime.zeroVal": true,
	"go:map.zero": true, "go.map.zero": true,
}

func elfSymbol(name string) (uintptr, uint64, bool) {
	elfSyms.once.Do(func() {
		f, err := elf.Open("/proc/self/exe")
		if err != nil {
			return
		}
		defer f.Close()
		syms, err := f.Symbols()
		if err != nil {
			return
		}
		elfSyms.m = map[string]elf.Symbol{}
		for _, s := range syms {
			if wantedSyms[s.Name] {
				elfSyms.m[s.Name] = s
			}
		}
		a, ok := elfSyms.m["main.elfAnchor"]
		if !ok {
			return
		}
		elfSyms.bias = uintptr(unsafe.Pointer(&elfAnchor[0])) - uintptr(a.Value)
		elfSyms.ok = true
	})
	if !elfSyms.ok {
		return 0, 0, false
	}
	s, ok := elfSyms.m[name]
	if !ok {
		return 0, 0, false
	}
	return uintptr(s.Value) + elfSyms.bias, s.Size, true
}
