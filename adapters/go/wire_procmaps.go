package main

// TRANSPORT: /proc/self/maps read with raw system calls and parsed byte by byte: the protection of
// each shared region (protocol 2) and where a shared libgo.so is mapped.

var mapsBuf = make([]byte, 0, 64<<10)

// readMaps reads /proc/self/maps afresh (mappings change: mprotect, new heap arenas).
func readMaps() []byte {
	if mapsFresh {
		return mapsRead
	}
	f, ok := openRaw(pathSelfMaps)
	if !ok {
		return nil
	}
	b, _ := f.readAll(mapsBuf[:0])
	f.close()
	mapsBuf = b[:0]
	mapsRead, mapsFresh = b, true
	return b
}

// mapsRead is /proc/self/maps as first read while answering the current request (mapsFresh): a
// request reads it once, however many regions it reports (under qemu-user every reading is emulated
// and costs about a millisecond); runOp forgets it before each request.
var (
	mapsRead  []byte
	mapsFresh bool
)

type mapping struct {
	start, end, offset uint64
	perms              []byte // "r-xp"
	path               []byte
}

// forEachMapping calls f for each line "start-end perms offset dev inode [path]" until f says stop.
func forEachMapping(b []byte, f func(m mapping) bool) {
	for len(b) > 0 {
		end := indexNewline(b)
		line := b
		if end >= 0 {
			line, b = b[:end], b[end+1:]
		} else {
			b = nil
		}
		var fields [6][]byte
		n := 0
		for i := 0; i < len(line) && n < 6; {
			for i < len(line) && line[i] == ' ' {
				i++
			}
			j := i
			if n == 5 {
				j = len(line) // the path is the rest of the line (it may hold spaces)
			} else {
				for j < len(line) && line[j] != ' ' {
					j++
				}
			}
			if j > i {
				fields[n] = line[i:j]
				n++
			}
			i = j
		}
		if n < 5 {
			continue
		}
		dash := 0
		for dash < len(fields[0]) && fields[0][dash] != '-' {
			dash++
		}
		if dash == len(fields[0]) {
			continue
		}
		m := mapping{start: hexField(fields[0][:dash]), end: hexField(fields[0][dash+1:]),
			offset: hexField(fields[2]), perms: fields[1], path: fields[5]}
		if !f(m) {
			return
		}
	}
}

func hexField(b []byte) uint64 {
	var v uint64
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | uint64(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | uint64(c-'a'+10)
		}
	}
	return v
}

// protection is the union of the permissions of the mappings holding [base, base+size) (any
// writable byte makes it writable), as "r--", "rw-" and so on; ok is false when part of the range
// is not mapped at all.
func protection(base, size uint64) (perm [3]byte, ok bool) {
	perm = [3]byte{'-', '-', '-'}
	if size == 0 {
		size = 1
	}
	covered := uint64(0)
	forEachMapping(readMaps(), func(m mapping) bool {
		lo, hi := base, base+size
		if m.end <= lo || m.start >= hi || len(m.perms) < 3 {
			return true
		}
		if m.start > lo {
			lo = m.start
		}
		if m.end < hi {
			hi = m.end
		}
		covered += hi - lo
		for i := 0; i < 3; i++ {
			if m.perms[i] != '-' {
				perm[i] = m.perms[i]
			}
		}
		return true
	})
	return perm, covered == size
}

// writeProtection writes `,"protection":"r--"` for a region, or nothing when it cannot be determined.
func writeProtection(base, size uint64) {
	if perm, ok := protection(base, size); ok {
		out.s(`,"protection":"`).bs(perm[:]).c('"')
	}
}
