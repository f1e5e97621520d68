package main

// OPERATIONS UNDER TEST. Each function marked //adapter:undertest performs one operation of the
// protocol with the runtime's own mechanisms (interface conversions, one-byte strings, reflect's type
// and map construction, missing-key lookups); only these functions may touch them (README.md "The
// transport rule", enforced by transport_test.go). Everything they observe goes back as plain numbers.

import (
	"reflect"
	"runtime"
	"sync"
	"unsafe"
)

var (
	types []reflect.Type // type handle i is types[i]
	maps  []mapEntry     // map handle i is maps[i]
	table uintptr
	// From pointer types: reflect.TypeOf(byte(0)) would convert a byte to an interface (through the
	// table under test) while the package initialises.
	byteTyp = reflect.TypeOf((*byte)(nil)).Elem()
	u64Typ  = reflect.TypeOf((*uint64)(nil)).Elem()
)

type mapEntry struct {
	v reflect.Value
	// compiled is the compiler-known element type whose compiled map this is (protocol 2), or nil
	// for a map made by reflect; index is the map's place among that type's compiled maps.
	compiled *compiledType
	index    int
}

func initRuntime() {
	table = tableBase()
	elfAnchor[0] = 1 // keep the anchor referenced
}

func typeCount() int { return len(types) }
func mapCount() int  { return len(maps) }

func typeSize(h int64) uint64 { return uint64(types[h].Size()) }

//adapter:undertest (reflect's type name)
func typeString(h int64) string { return types[h].String() }

// Counting allocations (README.md "Counting allocations"). runtime.ReadMemStats is the one exact
// counter: it stops the world and flushes every P's mcache before it sums the allocator's counts
// (go1.19 src/runtime/mstats.go:371-375 readmemstats_m -> flushallmcaches; GCC libgo/go/runtime/mstats.go
// updatememstats likewise), so Mallocs and TotalAlloc include every allocation made before the read.
// Both are sums of counts the runtime only ever adds to (mstats.go:391-424: large, small and tiny
// allocation counts of the consistent heap stats), so the difference between two reads is every
// allocation in between: the operation's own and any noise (the runtime's, the transport's), and noise
// only ever adds. runtime/metrics is not used: it reads the same heap stats without the flush
// (metrics.go:431-432), so it misses the allocations from spans still cached in an mcache (mcache.go:160-163
// refill and :268-273 releaseAll count them only when a span leaves the cache) and the tiny allocations
// held in mcache.tinyAllocs (:165-168, :298-301).
//
// lastCounts is the most recent read, whoever made it: any later read minus it counts everything that
// ran in between.
var (
	memStats   runtime.MemStats
	lastCounts allocationCounts
	haveLast   bool
)

type allocationCounts struct{ mallocs, totalAlloc uint64 }

// readCounts reads MemStats (stopping the world) and keeps the counts as lastCounts.
func readCounts() allocationCounts {
	runtime.ReadMemStats(&memStats)
	lastCounts, haveLast = allocationCounts{memStats.Mallocs, memStats.TotalAlloc}, true
	return lastCounts
}

// measure runs f between two MemStats reads, as testing.AllocsPerRun does: Mallocs counts heap
// objects (tiny ones included), TotalAlloc counts bytes as the allocator rounds them (size class;
// a tiny object is counted when it starts a new 16-byte block). GC is off between the reads.
func measure(f func()) allocation {
	before := readCounts()
	f()
	after := readCounts()
	return allocation{objects: after.mallocs - before.mallocs, bytes: after.totalAlloc - before.totalAlloc}
}

// measureMin measures an idempotent operation and reports the fewest objects it was seen to allocate.
//
// First, one run of f and ONE read: if nothing at all was allocated since the previous read (lastCounts;
// in between ran only the transport, which allocates nothing, the rest of the previous operation and
// this one's preparation), f allocated nothing, exactly: the counts only ever grow. That is the common
// case (table hits, one-byte strings, shared zeros) and costs one stop-the-world instead of two.
//
// Otherwise the operation is measured as it always was: between two reads, up to three times, keeping the
// run with the fewest objects. MemStats counts every allocation in the process, the runtime's own included
// (seen under qemu: a uint16(86) conversion charged 3 objects once); such noise only ever adds, so the
// minimum is the operation's own count, as testing.AllocsPerRun's repetition is meant to give. Each of
// those measured runs starts right after a read, whose mcache flush also empties the tiny block
// (mcache.go:294-296), so a tiny object is charged its 16-byte block as before.
func measureMin(f func()) allocation {
	if haveLast {
		since := lastCounts
		f()
		if now := readCounts(); now == since {
			return allocation{}
		}
	}
	best := measure(f)
	for i := 0; i < 2 && best.objects != 0; i++ {
		if a := measure(f); a.objects < best.objects {
			best = a
		}
	}
	return best
}

// byteArrayType is a type of exactly length bytes: [length]byte, or, when length exceeds MaxInt
// (reflect.ArrayOf takes an int), [d][length/d]byte for the smallest factor d that brings the inner
// length under MaxInt (reflect accepts such sizes: it checks only that the product fits a uintptr).
//
//adapter:undertest
func byteArrayType(length uint64) (reflect.Type, bool) {
	const maxInt = uint64(^uint(0) >> 1)
	if length <= maxInt {
		return reflect.ArrayOf(int(length), byteTyp), true
	}
	if d := arrayFactor(length); d != 0 {
		return reflect.ArrayOf(int(d), reflect.ArrayOf(int(length/d), byteTyp)), true
	}
	return nil, false
}

// arrayFactor is the smallest d in [2, 2^20) dividing length with length/d <= MaxInt (0: none).
func arrayFactor(length uint64) uint64 {
	const maxInt = uint64(^uint(0) >> 1)
	for d := uint64(2); d < 1<<20; d++ {
		if length%d == 0 && length/d <= maxInt {
			return d
		}
	}
	return 0
}

// prepareByteArray makes the type of length bytes (false: it cannot be expressed).
//
//adapter:undertest
func prepareByteArray(length uint64) bool {
	_, ok := byteArrayType(length)
	return ok
}

type typeKind int

const (
	kindUnknown typeKind = iota
	kindArray
	kindStruct
	kindPointer
	kindChan
	kindMap
	kindFunc
	kindSlice
)

// createdType is createType's result (and an entry of compilerTypes).
type createdType struct {
	handle    int64
	size      uint64
	allocated allocation
	name      string
	refused   bool
	panicMsg  text // reflect's panic when it refused (handle -1)
}

var (
	created      = createdType{panicMsg: text{b: make([]byte, 0, 256)}}
	structFields int // numbers the fields of "struct" types so that each is new
	fieldName    = text{b: make([]byte, 0, 32)}
)

func addType(t reflect.Type) int64 {
	types = append(types, t)
	return int64(len(types) - 1)
}

// createType makes a type at run time with reflect and measures what that allocated.
//
//adapter:undertest
func createType(kind typeKind, length uint64, element int64) *createdType {
	var elem reflect.Type
	if kind != kindArray && kind != kindStruct {
		elem = types[element]
	}
	var t reflect.Type
	var refused interface{}
	measure := func(f func()) allocation {
		return measure(func() {
			defer func() { refused = recover() }()
			f()
		})
	}
	var a allocation
	switch kind {
	case kindArray:
		a = measure(func() { t, _ = byteArrayType(length) })
	case kindStruct:
		// A field name never used before: StructOf caches by fields, so this type is fresh (its first map is yet to come).
		structFields++
		fieldName.reset()
		fieldName.c('F').dec(int64(structFields))
		name := string(fieldName.b)
		a = measure(func() {
			field, _ := byteArrayType(length)
			t = reflect.StructOf([]reflect.StructField{{Name: name, Type: field}})
		})
	case kindPointer:
		a = measure(func() { t = reflect.PtrTo(elem) })
	case kindChan:
		a = measure(func() { t = reflect.ChanOf(reflect.BothDir, elem) })
	case kindMap:
		a = measure(func() { t = reflect.MapOf(u64Typ, elem) })
	case kindFunc:
		a = measure(func() { t = reflect.FuncOf(nil, []reflect.Type{elem}, false) })
	case kindSlice:
		a = measure(func() { t = reflect.SliceOf(elem) })
	}
	c := &created
	c.allocated = a
	c.panicMsg.reset()
	if refused != nil {
		c.handle, c.size, c.name, c.refused = -1, 0, "", true
		panicText(&c.panicMsg, refused)
		return c
	}
	c.handle, c.size, c.name, c.refused = addType(t), uint64(t.Size()), t.String(), false
	return c
}

// makeMap makes a map[uint64]<element> with reflect and measures what that allocated.
//
//adapter:undertest
func makeMap(element int64) (int64, allocation) {
	if c := compiledOf(element); c != nil {
		return makeCompiledMap(c)
	}
	mt := reflect.MapOf(u64Typ, types[element])
	var m reflect.Value
	a := measure(func() { m = reflect.MakeMap(mt) })
	maps = append(maps, mapEntry{v: m})
	return int64(len(maps) - 1), a
}

// dataWord is the data word of an interface value.
func dataWord(x interface{}) unsafe.Pointer { return (*[2]unsafe.Pointer)(unsafe.Pointer(&x))[1] }

var lookupKey uint64

type lookupResult struct {
	pointer    uintptr
	allocated  allocation
	found      bool // the key is in the map: a bad request
	absent     bool // the runtime handed out no zero (reported as pointer 0 in protocol 1)
	unobserved bool // a compiled lookup copied its zero from no region the adapter could mark
}

// lookupMissing looks a missing key up in a map and reports the zero pointer the runtime handed out.
//
//adapter:undertest
func lookupMissing(id int64, key uint64) lookupResult {
	e := maps[id]
	if e.compiled != nil {
		return e.compiled.lookup(e.index, key)
	}
	m := e.v
	mt := m.Type()
	if mt.Elem().Size() > uintptr(zeroValSize) {
		// What Go does for a reflect-created element type over 1024 bytes: reflect's lookup
		// (reflect_mapaccess) gets no pointer and MapIndex returns the zero Value: the runtime hands
		// out no shared zero (compiled code would pass go:map.zero to mapaccess1_fat instead). Reported
		// as it is (protocol 1: a nil pointer; protocol 2: absent), for the suite to judge; never adjusted.
		var v reflect.Value
		k := reflect.ValueOf(key)
		a := measureMin(func() { v = m.MapIndex(k) })
		if v.IsValid() {
			return lookupResult{found: true}
		}
		return lookupResult{pointer: 0, allocated: a, absent: true}
	}
	tp := dataWord(mt)
	hp := unsafe.Pointer(m.Pointer())
	lookupKey = key
	var p unsafe.Pointer
	var found bool
	a := measureMin(func() { p, found = mapaccess2(tp, hp, unsafe.Pointer(&lookupKey)) })
	if found {
		return lookupResult{found: true}
	}
	return lookupResult{pointer: uintptr(p), allocated: a}
}

// assign stores an element whose every byte is fill under key.
//
//adapter:undertest
func assign(id int64, key uint64, fill byte) {
	e := maps[id]
	if e.compiled != nil {
		e.compiled.assign(e.index, key, fill)
		return
	}
	m := e.v
	elem := m.Type().Elem()
	v := reflect.New(elem)
	p := v.Pointer()
	for i, n := uintptr(0), elem.Size(); i < n; i++ {
		*(*byte)(unsafe.Pointer(p + i)) = fill
	}
	m.SetMapIndex(reflect.ValueOf(key), v.Elem())
}

// Conversions to interfaces, one per kind, never inlined: the argument is a run-time value, so the
// compiler emits the runtime's conversion (convT16/32/64, or its inline staticuint64s code for 8 bits).

//go:noinline
//adapter:undertest
func convBool(v bool) interface{} { return v }

//go:noinline
//adapter:undertest
func convInt8(v int8) interface{} { return v }

//go:noinline
//adapter:undertest
func convUint8(v uint8) interface{} { return v }

//go:noinline
//adapter:undertest
func convInt16(v int16) interface{} { return v }

//go:noinline
//adapter:undertest
func convUint16(v uint16) interface{} { return v }

//go:noinline
//adapter:undertest
func convInt32(v int32) interface{} { return v }

//go:noinline
//adapter:undertest
func convUint32(v uint32) interface{} { return v }

//go:noinline
//adapter:undertest
func convInt64(v int64) interface{} { return v }

//go:noinline
//adapter:undertest
func convUint64(v uint64) interface{} { return v }

//go:noinline
//adapter:undertest
func convInt(v int) interface{} { return v }

//go:noinline
//adapter:undertest
func convUint(v uint) interface{} { return v }

//go:noinline
//adapter:undertest
func convUintptr(v uintptr) interface{} { return v }

//go:noinline
//adapter:undertest
func convString(v string) interface{} { return v }

//go:noinline
//adapter:undertest
func convSlice(v []byte) interface{} { return v }

//go:noinline
//adapter:undertest
func makeOneByte(b []byte) string { return string(b[:1]) }

var convSinkIface interface{}

// kept holds every value a conversion returned, for the life of the process: the suite records each object
// a conversion allocated and judges that no two overlap (ZV-015), so the collector must never free one and
// hand its memory to a later conversion (that would be our artefact, not the runtime's bug).
var (
	kept        []interface{}
	keptStrings []string
)

// keep stores x to a package-level variable (so the conversion escapes) and keeps it alive.
func keep(x interface{}) {
	convSinkIface = x
	kept = append(kept, x)
}

// convert converts a run-time value of kind k whose memory holds bits to an interface; it reports
// the interface's data word and what the conversion allocated.
//
//adapter:undertest
func convert(k valueKind, bits uint64) (uintptr, allocation) {
	var x interface{}
	var a allocation
	switch k {
	case valueBool:
		v := bits&1 != 0
		a = measureMin(func() { x = convBool(v) })
	case valueInt8:
		v := int8(bits)
		a = measureMin(func() { x = convInt8(v) })
	case valueUint8:
		v := uint8(bits)
		a = measureMin(func() { x = convUint8(v) })
	case valueInt16:
		v := int16(bits)
		a = measureMin(func() { x = convInt16(v) })
	case valueUint16:
		v := uint16(bits)
		a = measureMin(func() { x = convUint16(v) })
	case valueInt32:
		v := int32(bits)
		a = measureMin(func() { x = convInt32(v) })
	case valueUint32:
		v := uint32(bits)
		a = measureMin(func() { x = convUint32(v) })
	case valueInt64:
		v := int64(bits)
		a = measureMin(func() { x = convInt64(v) })
	case valueUint64:
		v := bits
		a = measureMin(func() { x = convUint64(v) })
	case valueInt:
		v := int(bits)
		a = measureMin(func() { x = convInt(v) })
	case valueUint:
		v := uint(bits)
		a = measureMin(func() { x = convUint(v) })
	case valueUintptr:
		v := uintptr(bits)
		a = measureMin(func() { x = convUintptr(v) })
	default:
		x, a = convert2(k, bits)
	}
	keep(x)
	return uintptr(dataWord(x)), a
}

var oneByteBuf = make([]byte, 1)

// oneByteString makes a one-byte string at run time (string(b[:1])) and reports its data pointer.
//
//adapter:undertest
func oneByteString(b byte) (uintptr, allocation) {
	oneByteBuf[0] = b
	var s string
	a := measureMin(func() { s = makeOneByte(oneByteBuf) })
	keptStrings = append(keptStrings, s)
	p := (*[2]unsafe.Pointer)(unsafe.Pointer(&s))[0]
	return uintptr(p), a
}

// emptyString converts "" made at run time to an interface.
//
//adapter:undertest
func emptyString() (uintptr, allocation) {
	s := string(oneByteBuf[:0]) // "" made at run time
	var x interface{}
	a := measureMin(func() { x = convString(s) })
	keep(x)
	return uintptr(dataWord(x)), a
}

var nilBytes []byte

// nilSlice converts a nil []byte to an interface.
//
//adapter:undertest
func nilSlice() (uintptr, allocation) {
	var x interface{}
	a := measureMin(func() { x = convSlice(nilBytes) })
	keep(x)
	return uintptr(dataWord(x)), a
}

type sighting struct {
	zero  uintptr
	ready bool
}

// raceFirstUse: threads goroutines, released together, each make the first map of every type in
// order and read the zero a missing-key lookup hands out (the gc runtime has no per-type zero
// pointer; the lookup's pointer is the zero the runtime publishes). Ready: that pointer lies in the
// static zero with at least the type's size left, and those bytes are all zero, checked at once.
//
//adapter:undertest
func raceFirstUse(handles []int64, n int) [][]sighting {
	// The threads run on as many Ps as the process started with (main.go keeps one P between requests).
	runtime.GOMAXPROCS(startProcs)
	defer runtime.GOMAXPROCS(1)
	ts := make([]reflect.Type, len(handles))
	for i, h := range handles {
		ts[i] = types[h]
	}
	out := make([][]sighting, n)
	zb, zs, _ := zeroRegion()
	var start, done sync.WaitGroup
	start.Add(1)
	done.Add(n)
	for g := 0; g < n; g++ {
		go func(g int) {
			defer done.Done()
			seen := make([]sighting, len(ts))
			start.Wait()
			for i, t := range ts {
				m := reflect.MakeMap(reflect.MapOf(u64Typ, t))
				key := uint64(i)
				p, _ := mapaccess2(dataWord(m.Type()), unsafe.Pointer(m.Pointer()), unsafe.Pointer(&key))
				ready := false
				if u := uintptr(p); u >= zb && u-zb+t.Size() <= zs {
					ready = true
					for j := uintptr(0); j < t.Size(); j++ {
						if *(*byte)(unsafe.Pointer(u + j)) != 0 {
							ready = false
						}
					}
				}
				seen[i] = sighting{zero: uintptr(p), ready: ready}
			}
			out[g] = seen
		}(g)
	}
	start.Done()
	done.Wait()
	return out
}
