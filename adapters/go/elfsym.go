package main

// Symbols read from ELF symbol tables, with debug/elf. Used where linkname is refused
// (staticuint64s on Go 1.23; every variable on gccgo, whose //go:linkname takes functions only).
// The executable's addresses are relocated by the distance between where main.elfAnchor is and
// where its symbol table says it is (so PIE works); a shared runtime library (gccgo's libgo.so) is
// relocated by the start of its offset-0 mapping in /proc/self/maps.

import (
	"bufio"
	"bytes"
	"debug/elf"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"unsafe"
)

var elfAnchor [8]byte

type symTable struct {
	syms map[string]elf.Symbol
	bias uintptr
}

var elfSyms struct {
	once   sync.Once
	tables []symTable
}

var wantedSyms = map[string]bool{
	"main.elfAnchor": true, "runtime.staticuint64s": true, "runtime.zeroVal": true,
	"go:map.zero": true, "go.map.zero": true,
}

// readFileRaw reads a whole file with raw system calls. os.Open registers files with the runtime's
// poller, whose first use (epoll initialisation) crashes Go 1.22 under qemu-user on mips64 (SIGBUS in
// runtime.netpollinit); raw reads never touch the poller.
func readFileRaw(path string) ([]byte, error) {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	var out []byte
	buf := make([]byte, 1<<16)
	for {
		n, err := syscall.Read(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		if n <= 0 {
			return out, nil
		}
		out = append(out, buf[:n]...)
	}
}

func loadSyms(path string) map[string]elf.Symbol {
	data, err := readFileRaw(path)
	if err != nil {
		return nil
	}
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	defer f.Close()
	m := map[string]elf.Symbol{}
	for _, get := range []func() ([]elf.Symbol, error){f.Symbols, f.DynamicSymbols} {
		syms, err := get()
		if err != nil {
			continue
		}
		for _, s := range syms {
			if wantedSyms[s.Name] && s.Section != elf.SHN_UNDEF {
				m[s.Name] = s
			}
		}
	}
	return m
}

func loadAllSyms() {
	if m := loadSyms("/proc/self/exe"); m != nil {
		if a, ok := m["main.elfAnchor"]; ok {
			elfSyms.tables = append(elfSyms.tables, symTable{m, uintptr(unsafe.Pointer(&elfAnchor[0])) - uintptr(a.Value)})
		}
	}
	maps, err := readFileRaw("/proc/self/maps")
	if err != nil {
		return
	}
	sc := bufio.NewScanner(bytes.NewReader(maps))
	for sc.Scan() {
		// start-end perms offset dev inode path
		fs := strings.Fields(sc.Text())
		if len(fs) < 6 || fs[3] == "" || !strings.Contains(fs[5], "/libgo.so") {
			continue
		}
		if off, err := strconv.ParseUint(fs[2], 16, 64); err != nil || off != 0 {
			continue
		}
		start, err := strconv.ParseUint(strings.SplitN(fs[0], "-", 2)[0], 16, 64)
		if err != nil {
			continue
		}
		if m := loadSyms(fs[5]); m != nil {
			elfSyms.tables = append(elfSyms.tables, symTable{m, uintptr(start)})
		}
		break
	}
}

// elfComment is the first non-empty string of an ELF file's .comment section (the compiler's stamp), or "".
func elfComment(path string) string {
	data, err := readFileRaw(path)
	if err != nil {
		return ""
	}
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".comment")
	if sec == nil {
		return ""
	}
	b, err := sec.Data()
	if err != nil {
		return ""
	}
	// NUL-separated strings; some linkers (powerpc64) start the section with an empty one.
	for _, part := range bytes.Split(b, []byte{0}) {
		if s := strings.TrimSpace(string(part)); s != "" {
			return s
		}
	}
	return ""
}

// elfSymbol finds a wanted symbol: its run-time address and size.
func elfSymbol(name string) (uintptr, uint64, bool) {
	elfSyms.once.Do(loadAllSyms)
	for _, t := range elfSyms.tables {
		if s, ok := t.syms[name]; ok {
			return uintptr(s.Value) + t.bias, s.Size, true
		}
	}
	return 0, 0, false
}
