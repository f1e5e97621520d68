package main

// Compiler-known map element types (compilerTypes) and, with protocol 2, their compiled maps: makeMap
// makes the compiled map, lookupMissing performs the compiled lookup (v := m[k]) and reports the zero
// the runtime really handed to the compiled code, found by observation (observeCompiledZero), never
// assumed from a symbol.

import (
	"reflect"
	"runtime"
	"syscall"
	"unsafe"

	"goadapter/far"
)

// session is what hello negotiated.
var session struct{ protocol int64 }

// protocol2: hello answers protocol 2 to a client that offers it (PROTOCOL2.md).
const protocol2 = true

// Protocol 1's compiler-known types: the lookups below make the compiler emit mapaccess1_fat with
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

// compiledType is a compiler-known element type with compiled map code (compiled_main.go, far/far.go).
type compiledType struct {
	typ    reflect.Type
	unit   string // the compilation unit whose code (and, in gc, whose zero) it uses
	make   func() int
	look   func(i int, k uint64, probe unsafe.Pointer)
	has    func(i int, k uint64) bool
	set    func(i int, k uint64, fill byte)
	handle int64
}

// compiledTable lists protocol 2's compiler-known types: several above 1024 bytes, in two units, so that
// the zero each unit's code uses (and whether the linker merged them into the largest) is visible.
var compiledTable = []*compiledType{
	{typ: reflect.TypeOf((*bool)(nil)).Elem(), unit: "main", make: makeBool, look: lookBool, has: hasBool, set: setBool},
	{typ: reflect.TypeOf((*uint8)(nil)).Elem(), unit: "main", make: makeUint8, look: lookUint8, has: hasUint8, set: setUint8},
	{typ: reflect.TypeOf((*uint64)(nil)).Elem(), unit: "main", make: makeUint64, look: lookUint64, has: hasUint64, set: setUint64},
	{typ: reflect.TypeOf((*string)(nil)).Elem(), unit: "main", make: makeString, look: lookString, has: hasString, set: setString},
	{typ: reflect.TypeOf((*[16]byte)(nil)).Elem(), unit: "main", make: makeA16, look: lookA16, has: hasA16, set: setA16},
	{typ: reflect.TypeOf((*[1024]byte)(nil)).Elem(), unit: "main", make: makeA1024, look: lookA1024, has: hasA1024, set: setA1024},
	{typ: reflect.TypeOf((*[1025]byte)(nil)).Elem(), unit: "main", make: makeA1025, look: lookA1025, has: hasA1025, set: setA1025},
	{typ: reflect.TypeOf((*[2048]byte)(nil)).Elem(), unit: "far", make: far.MakeA2048, look: far.LookA2048, has: far.HasA2048, set: far.SetA2048},
	{typ: reflect.TypeOf((*[4000]byte)(nil)).Elem(), unit: "main", make: makeA4000, look: lookA4000, has: hasA4000, set: setA4000},
	{typ: reflect.TypeOf((*[8192]byte)(nil)).Elem(), unit: "main", make: makeA8192, look: lookA8192, has: hasA8192, set: setA8192},
	{typ: reflect.TypeOf((*[70000]byte)(nil)).Elem(), unit: "far", make: far.MakeA70000, look: far.LookA70000, has: far.HasA70000, set: far.SetA70000},
}

var compiled []*createdType

// compilerTypes lists the compiler-known types (made once, allocating nothing the suite asked for).
// Protocol 1: the list it always had; protocol 2: compiledTable, whose types have compiled maps.
//
//adapter:undertest
func compilerTypes() []*createdType {
	if compiled != nil {
		return compiled
	}
	if session.protocol < 2 {
		touchCompiledMaps(1)
		for _, t := range []reflect.Type{
			reflect.TypeOf(false), reflect.TypeOf(uint8(0)), reflect.TypeOf(uint64(0)), reflect.TypeOf(""),
			reflect.TypeOf([16]byte{}), reflect.TypeOf([1024]byte{}), reflect.TypeOf([2048]byte{}), reflect.TypeOf([8192]byte{}),
		} {
			compiled = append(compiled, &createdType{handle: addType(t), size: uint64(t.Size()), name: t.String()})
		}
		return compiled
	}
	for _, c := range compiledTable {
		c.handle = addType(c.typ)
		compiled = append(compiled, &createdType{handle: c.handle, size: uint64(c.typ.Size()), name: c.typ.String()})
	}
	return compiled
}

// compiledOf is the compiled type of a type handle (protocol 2 only), or nil.
func compiledOf(h int64) *compiledType {
	if session.protocol < 2 {
		return nil
	}
	for _, c := range compiledTable {
		if c.handle == h && compiled != nil {
			return c
		}
	}
	return nil
}

// makeCompiledMap makes the compiled map of a compiler-known type.
//
//adapter:undertest
func makeCompiledMap(c *compiledType) (int64, allocation) {
	var i int
	a := measure(func() { i = c.make() })
	maps = append(maps, mapEntry{compiled: c, index: i})
	return int64(len(maps) - 1), a
}

var probe [8]byte

// lookup is the compiled missing-key lookup: its allocations (a plain lookup, measured), and the zero
// it used, observed with markers (observeCompiledZero).
//
//adapter:undertest
func (c *compiledType) lookup(i int, key uint64) lookupResult {
	if c.has(i, key) {
		return lookupResult{found: true}
	}
	pp := unsafe.Pointer(&probe[0])
	a := measureMin(func() { c.look(i, key, pp) })
	p, ok := observeCompiledZero(func() { c.look(i, key, pp) })
	if !ok {
		return lookupResult{unobserved: true, allocated: a}
	}
	return lookupResult{pointer: p, allocated: a}
}

//adapter:undertest
func (c *compiledType) assign(i int, key uint64, fill byte) { c.set(i, key, fill) }

// A zero candidate: a region a compiled lookup may copy its zero from, with the protection to restore.
type zeroCandidate struct {
	base, size uintptr
	readOnly   bool
}

var zeroCandidates []zeroCandidate

// findZeroCandidates: the runtime's shared zero; the compiler's zero symbol when the symbol table has one
// (gccgo's go..zerovalue); and, for gc, whose go:map.zero is a static symbol kept out of the symbol table,
// every run of at least 1025 zero bytes in the executable's .rodata (the compiler's zero is read-only data
// there, used only for elements over 1024 bytes). Read once, at the first use.
func findZeroCandidates() []zeroCandidate {
	if zeroCandidates != nil {
		return zeroCandidates
	}
	if b, s, ok := zeroRegion(); ok {
		zeroCandidates = append(zeroCandidates, zeroCandidate{b, s, false})
	}
	for _, i := range [...]int{symGoZerovalue, symMapZeroColon, symMapZeroDot} {
		if s := elfSymbol(i); s.found && s.size > 0 {
			perm, _ := protection(uint64(s.addr), uint64(s.size))
			zeroCandidates = append(zeroCandidates, zeroCandidate{s.addr, s.size, perm[1] != 'w'})
		}
	}
	if runtime.Compiler == "gc" {
		// Only .rodata, where the compiler puts the zero: the rest of the read-only segment (pclntab,
		// which stack growth reads) is never written, even for a moment.
		lo, n := rodataRange()
		forEachMapping(readMaps(), func(m mapping) bool {
			if len(m.perms) < 3 || m.perms[0] != 'r' || m.perms[1] != '-' || !sameFile(m.path) {
				return true
			}
			start, end := uintptr(m.start), uintptr(m.end)
			if start < lo {
				start = lo
			}
			if end > lo+n {
				end = lo + n
			}
			run := uintptr(0)
			for a := start; a <= end; a++ {
				if a < end && *(*byte)(unsafe.Pointer(a)) == 0 {
					run++
					continue
				}
				if run >= 1025 {
					zeroCandidates = append(zeroCandidates, zeroCandidate{a - run, run, true})
				}
				run = 0
			}
			return true
		})
	}
	return zeroCandidates
}

// exePath is the target of /proc/self/exe (read once), to tell the executable's own mappings.
var exePath []byte

// sameFile: the mapping's path is our executable's.
func sameFile(path []byte) bool {
	if exePath == nil {
		var target [4096]byte
		dirfd := -100 // AT_FDCWD
		n, _, e := syscall.Syscall6(syscall.SYS_READLINKAT, uintptr(dirfd), uintptr(unsafe.Pointer(&pathSelfExe[0])), uintptr(unsafe.Pointer(&target[0])), uintptr(len(target)), 0, 0)
		if e != 0 {
			return false
		}
		exePath = make([]byte, n)
		copy(exePath, target[:n])
	}
	return eq(path, bytesAsString(exePath))
}

// observeCompiledZero finds where look (a compiled missing-key lookup copying its element's first byte
// to probe[0]) copies its zero from: every zero candidate is made writable (mprotect, when read-only),
// filled with markers, look runs, the copied byte is read, and each candidate is restored
// to its contents and protection at once: restored to the bytes it held before, never to zero, so that a zero the
// runtime had already written (the -corrupt control, a real bug) is still there for the suite to see.
// Pass 0 fills with 0xFF (did the copy come from a candidate at all?); pass
// k+1 fills each byte at address a with byte k of a, so the copied bytes spell the source address.
//
//adapter:undertest
func observeCompiledZero(look func()) (uintptr, bool) {
	cands := findZeroCandidates()
	page := uintptr(syscall.Getpagesize())
	protect := func(c zeroCandidate, prot uintptr) bool {
		start := c.base &^ (page - 1)
		end := (c.base + c.size + page - 1) &^ (page - 1)
		_, _, e := syscall.Syscall(syscall.SYS_MPROTECT, start, end-start, prot)
		return e == 0
	}
	saved := make([][]byte, len(cands))
	for i, c := range cands {
		saved[i] = make([]byte, c.size)
		for a := c.base; a < c.base+c.size; a++ {
			saved[i][a-c.base] = *(*byte)(unsafe.Pointer(a))
		}
	}
	for _, c := range cands {
		if c.readOnly && !protect(c, syscall.PROT_READ|syscall.PROT_WRITE) {
			return 0, false
		}
	}
	fill := func(pass uint) {
		for _, c := range cands {
			for a := c.base; a < c.base+c.size; a++ {
				v := byte(0xFF)
				if pass > 0 {
					v = byte(a >> (8 * (pass - 1)))
				}
				*(*byte)(unsafe.Pointer(a)) = v
			}
		}
	}
	restore := func() {
		for i, c := range cands {
			for a := c.base; a < c.base+c.size; a++ {
				*(*byte)(unsafe.Pointer(a)) = saved[i][a-c.base]
			}
			if c.readOnly {
				protect(c, syscall.PROT_READ)
			}
		}
	}
	probe[0] = 0
	fill(0)
	look()
	if probe[0] != 0xFF {
		restore()
		return 0, false
	}
	var p uintptr
	for k := uint(0); k < uint(unsafe.Sizeof(p)); k++ {
		fill(k + 1)
		look()
		p |= uintptr(probe[0]) << (8 * k)
	}
	restore()
	for _, c := range cands {
		if p >= c.base && p < c.base+c.size {
			return p, true
		}
	}
	return 0, false
}

// writeCompilerZero writes the compiler's zero region, or reports false (null). Protocol 1: the
// symbol table's go:map.zero / go.map.zero when present (gc keeps it out of the table). Protocol 2:
// also gccgo's go..zerovalue (name and size from the symbol table); for gc, the zero package main's
// largest compiled type really used (observed), named as the compiler names it (go.map.zero until
// Go 1.20, go:map.zero since: cmd/compile/internal/gc/obj.go), with the size the compiler gives it, the
// largest compiled element of its unit (cmd/compile/internal/reflectdata.ZeroAddr), as no table records it.
func writeCompilerZero() bool {
	syms := [...]int{symMapZeroColon, symMapZeroDot, symGoZerovalue}
	n := 2
	if session.protocol >= 2 {
		n = 3
	}
	for _, i := range syms[:n] {
		if s := elfSymbol(i); s.found {
			writeRegion(symNames[i], uint64(s.addr), uint64(s.size))
			return true
		}
	}
	if session.protocol < 2 || runtime.Compiler != "gc" {
		return false
	}
	p, size, ok := observeMainCompilerZero()
	if !ok {
		return false
	}
	name := "go:map.zero"
	if v := runtime.Version(); len(v) >= 6 && v[:6] == "go1.19" {
		name = "go.map.zero"
	}
	writeRegion(name, uint64(p), uint64(size))
	return true
}

// writeMoreCompilerZeros writes `,"moreCompilerZeros":[...]` (protocol 2, gc): gc emits one static
// go.map.zero per package, sized for that package's largest compiled element type (gc 1.19
// src/cmd/compile/internal/gc/obj.go:150-153, obj.AttrStatic), so each unit other than main has its own,
// observed like main's. A unit whose zero is main's (a linker that merged them) adds nothing.
func writeMoreCompilerZeros() {
	if session.protocol < 2 || runtime.Compiler != "gc" {
		return
	}
	mainBase, _, _ := observeUnitCompilerZero("main")
	out.s(`,"moreCompilerZeros":[`)
	first := true
	// Names are constants: the transport makes no strings (README.md, the transport rule).
	for _, u := range [...]struct{ unit, name, name119 string }{
		{"far", "go:map.zero (package far)", "go.map.zero (package far)"},
	} {
		p, size, ok := observeUnitCompilerZero(u.unit)
		if !ok || p == mainBase {
			continue
		}
		if !first {
			out.c(',')
		}
		first = false
		name := u.name
		if v := runtime.Version(); len(v) >= 6 && v[:6] == "go1.19" {
			name = u.name119
		}
		writeRegion(name, uint64(p), uint64(size))
	}
	out.c(']')
}

// observeMainCompilerZero: the zero package main's largest compiled type uses, by a compiled lookup.
func observeMainCompilerZero() (uintptr, uintptr, bool) { return observeUnitCompilerZero("main") }

// unitZeros caches each unit's observed zero (observing fills the candidates with markers); a slice,
// not a map: maps are what the suite tests.
type unitZero struct {
	unit       string
	base, size uintptr
	ok         bool
}

var unitZeros []unitZero

// observeUnitCompilerZero: the zero a unit's largest compiled type uses, by a compiled lookup, and that
// type's size (the size the compiler gives the unit's zero).
//
//adapter:undertest
func observeUnitCompilerZero(unit string) (uintptr, uintptr, bool) {
	for _, z := range unitZeros {
		if z.unit == unit {
			return z.base, z.size, z.ok
		}
	}
	var big *compiledType
	for _, c := range compiledTable {
		if c.unit == unit && (big == nil || c.typ.Size() > big.typ.Size()) {
			big = c
		}
	}
	if big == nil {
		return 0, 0, false
	}
	i := big.make()
	pp := unsafe.Pointer(&probe[0])
	p, ok := observeCompiledZero(func() { big.look(i, 1, pp) })
	unitZeros = append(unitZeros, unitZero{unit, p, big.typ.Size(), ok})
	return p, big.typ.Size(), ok
}
