package main

// TRANSPORT (startup): symbols and the .comment stamp read from ELF files with raw system calls and
// byte-level parsing (debug/elf makes strings of every symbol name, one-byte names through the
// one-byte-string path under test, and builds errors with fmt). Used where linkname is refused
// (staticuint64s on Go 1.23; every variable on gccgo, whose //go:linkname takes functions only) and
// for the compiler's zero. The executable's addresses are relocated by the distance between where
// main.elfAnchor is and where its symbol table says it is (so PIE works); a shared runtime library
// (gccgo's libgo.so) is relocated by the start of its offset-0 mapping in /proc/self/maps.

import "unsafe"

var elfAnchor [8]byte

const (
	symAnchor = iota
	symStaticuint64s
	symZeroVal
	symMapZeroColon // gc 1.21+: go:map.zero
	symMapZeroDot   // gc 1.19: go.map.zero
	symGoZerovalue  // gccgo: go..zerovalue (the gofrontend's zero for map lookups)
	numSyms
)

var symNames = [numSyms]string{
	symAnchor: "main.elfAnchor", symStaticuint64s: "runtime.staticuint64s", symZeroVal: "runtime.zeroVal",
	symMapZeroColon: "go:map.zero", symMapZeroDot: "go.map.zero", symGoZerovalue: "go..zerovalue",
}

type elfSym struct {
	addr, size uintptr
	found      bool
}

var elfInfo struct {
	loaded  bool
	exe     [numSyms]elfSym // unrelocated
	lib     [numSyms]elfSym // unrelocated (libgo.so of a dynamic gccgo build)
	exeBias uintptr
	libBias uintptr
	comment []byte // the executable's first .comment string, trimmed
	rodata  elfSection
}

var (
	pathSelfExe  = []byte("/proc/self/exe\x00")
	pathSelfMaps = []byte("/proc/self/maps\x00")
)

func loadELF() {
	if elfInfo.loaded {
		return
	}
	elfInfo.loaded = true
	var exe elfReader
	if exe.open(pathSelfExe) {
		exe.symbols(&elfInfo.exe)
		elfInfo.comment = exe.comment()
		for i := uint64(0); i < exe.shnum; i++ {
			if sec := exe.section(i); nameIs(exe.shstr, sec.name, ".rodata") {
				elfInfo.rodata = sec
			}
		}
		exe.f.close()
		if a := elfInfo.exe[symAnchor]; a.found {
			elfInfo.exeBias = uintptr(unsafe.Pointer(&elfAnchor[0])) - a.addr
		} else {
			elfInfo.exe = [numSyms]elfSym{}
		}
	}
	// A dynamically linked gccgo program: libgo.so's symbols, relocated by its offset-0 mapping.
	maps := readMaps()
	forEachMapping(maps, func(m mapping) bool {
		if m.offset != 0 || !contains(m.path, "/libgo.so") {
			return true
		}
		path := append(append([]byte{}, m.path...), 0)
		var lib elfReader
		if lib.open(path) {
			lib.symbols(&elfInfo.lib)
			lib.f.close()
			elfInfo.libBias = uintptr(m.start)
		}
		return false
	})
}

// rodataRange is the executable's .rodata at run time (0, 0 when unknown).
func rodataRange() (uintptr, uintptr) {
	loadELF()
	if elfInfo.rodata.size == 0 || !elfInfo.exe[symAnchor].found {
		return 0, 0
	}
	return uintptr(elfInfo.rodata.addr) + elfInfo.exeBias, uintptr(elfInfo.rodata.size)
}

// elfSymbol finds a wanted symbol: its run-time address and size (the executable first, then libgo.so).
func elfSymbol(i int) elfSym {
	loadELF()
	if s := elfInfo.exe[i]; s.found {
		return elfSym{s.addr + elfInfo.exeBias, s.size, true}
	}
	if s := elfInfo.lib[i]; s.found {
		return elfSym{s.addr + elfInfo.libBias, s.size, true}
	}
	return elfSym{}
}

func contains(b []byte, s string) bool {
	for i := 0; i+len(s) <= len(b); i++ {
		if eq(b[i:i+len(s)], s) {
			return true
		}
	}
	return false
}

type elfReader struct {
	f        rawFile
	is64     bool
	big      bool
	sections []byte // all section headers
	shent    uint64
	shnum    uint64
	shstr    []byte // section names
}

func (e *elfReader) u16(b []byte) uint64 {
	if e.big {
		return uint64(b[0])<<8 | uint64(b[1])
	}
	return uint64(b[1])<<8 | uint64(b[0])
}

func (e *elfReader) u32(b []byte) uint64 {
	if e.big {
		return e.u16(b[2:]) | e.u16(b)<<16
	}
	return e.u16(b) | e.u16(b[2:])<<16
}

func (e *elfReader) u64(b []byte) uint64 {
	if e.big {
		return e.u32(b[4:]) | e.u32(b)<<32
	}
	return e.u32(b) | e.u32(b[4:])<<32
}

// word reads an address-sized field (8 bytes in ELF64, 4 in ELF32).
func (e *elfReader) word(b []byte) uint64 {
	if e.is64 {
		return e.u64(b)
	}
	return e.u32(b)
}

type elfSection struct {
	name, typ, link          uint64
	addr, off, size, entsize uint64
}

func (e *elfReader) open(path []byte) bool {
	f, ok := openRaw(path)
	if !ok {
		return false
	}
	e.f = f
	var h [64]byte
	if !f.readAt(h[:52], 0) || h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F' {
		f.close()
		return false
	}
	e.is64, e.big = h[4] == 2, h[5] == 2
	var shoff uint64
	if e.is64 {
		if !f.readAt(h[:64], 0) {
			f.close()
			return false
		}
		shoff, e.shent, e.shnum = e.u64(h[40:]), e.u16(h[58:]), e.u16(h[60:])
	} else {
		shoff, e.shent, e.shnum = e.u32(h[32:]), e.u16(h[46:]), e.u16(h[48:])
	}
	shstrndx := e.u16(h[62:])
	if !e.is64 {
		shstrndx = e.u16(h[50:])
	}
	if e.shnum == 0 || e.shent < 40 || e.shnum > 1<<16 {
		f.close()
		return false
	}
	e.sections = make([]byte, e.shent*e.shnum)
	if !f.readAt(e.sections, shoff) {
		f.close()
		return false
	}
	if shstrndx < e.shnum {
		if s := e.section(shstrndx); s.size < 1<<24 {
			e.shstr = make([]byte, s.size)
			if !f.readAt(e.shstr, s.off) {
				e.shstr = nil
			}
		}
	}
	return true
}

func (e *elfReader) section(i uint64) elfSection {
	b := e.sections[i*e.shent:]
	if e.is64 {
		return elfSection{name: e.u32(b), typ: e.u32(b[4:]), addr: e.u64(b[16:]), off: e.u64(b[24:]),
			size: e.u64(b[32:]), link: e.u32(b[40:]), entsize: e.u64(b[56:])}
	}
	return elfSection{name: e.u32(b), typ: e.u32(b[4:]), addr: e.u32(b[12:]), off: e.u32(b[16:]),
		size: e.u32(b[20:]), link: e.u32(b[24:]), entsize: e.u32(b[36:])}
}

// nameIs reports whether the NUL-terminated string at off in tab is s.
func nameIs(tab []byte, off uint64, s string) bool {
	if off >= uint64(len(tab)) || uint64(len(tab))-off < uint64(len(s))+1 {
		return false
	}
	return eq(tab[off:off+uint64(len(s))], s) && tab[off+uint64(len(s))] == 0
}

const (
	shtSymtab = 2
	shtDynsym = 11
	shtNobits = 8
)

// symbols records the wanted symbols of .symtab and then .dynsym (a later one of a name wins, as
// debug/elf's Symbols and DynamicSymbols did), skipping undefined ones.
func (e *elfReader) symbols(into *[numSyms]elfSym) {
	for _, want := range [...]uint64{shtSymtab, shtDynsym} {
		for i := uint64(0); i < e.shnum; i++ {
			s := e.section(i)
			if s.typ != want || s.link >= e.shnum || s.size > 1<<28 {
				continue
			}
			strs := e.section(s.link)
			if strs.size > 1<<28 {
				continue
			}
			syms := make([]byte, s.size)
			names := make([]byte, strs.size)
			if !e.f.readAt(syms, s.off) || !e.f.readAt(names, strs.off) {
				continue
			}
			ent := uint64(24)
			if !e.is64 {
				ent = 16
			}
			for off := ent; off+ent <= uint64(len(syms)); off += ent { // entry 0 is the null symbol
				b := syms[off:]
				var name, value, size, shndx uint64
				if e.is64 {
					name, shndx, value, size = e.u32(b), e.u16(b[6:]), e.u64(b[8:]), e.u64(b[16:])
				} else {
					name, value, size, shndx = e.u32(b), e.u32(b[4:]), e.u32(b[8:]), e.u16(b[14:])
				}
				if shndx == 0 {
					continue
				}
				for k := range symNames {
					if nameIs(names, name, symNames[k]) {
						into[k] = elfSym{uintptr(value), uintptr(size), true}
					}
				}
			}
		}
	}
}

// comment is the first non-empty NUL-separated string of the .comment section, trimmed of ASCII
// spaces (some linkers, powerpc64's, start the section with an empty one).
func (e *elfReader) comment() []byte {
	for i := uint64(0); i < e.shnum; i++ {
		s := e.section(i)
		if !nameIs(e.shstr, s.name, ".comment") || s.typ == shtNobits || s.size > 1<<20 {
			continue
		}
		b := make([]byte, s.size)
		if !e.f.readAt(b, s.off) {
			return nil
		}
		for len(b) > 0 {
			end := 0
			for end < len(b) && b[end] != 0 {
				end++
			}
			part := trimSpace(b[:end])
			if len(part) > 0 {
				return part
			}
			if end == len(b) {
				break
			}
			b = b[end+1:]
		}
		return nil
	}
	return nil
}

func trimSpace(b []byte) []byte {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' }
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}
