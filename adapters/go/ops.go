package main

import (
	"encoding/hex"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"unsafe"
)

// maxRead bounds one read: its hex reply must fit the 1 MiB line limit.
const maxRead = 256 << 10

var (
	types   []reflect.Type // TypeRef i is types[i]
	maps    []reflect.Value
	table   uintptr
	byteTyp = reflect.TypeOf(byte(0))
	u64Typ  = reflect.TypeOf(uint64(0))
)

func initRuntime() {
	table = tableBase()
	elfAnchor[0] = 1 // keep the anchor referenced
}

// measure runs f between two MemStats reads, as testing.AllocsPerRun does: Mallocs counts heap
// objects (tiny ones included), TotalAlloc counts bytes as the allocator rounds them (size class;
// a tiny object is counted when it starts a new 16-byte block). GC is off between the reads.
var msBefore, msAfter runtime.MemStats

func measure(f func()) allocation {
	runtime.ReadMemStats(&msBefore)
	f()
	runtime.ReadMemStats(&msAfter)
	return allocation{Objects: hexU64(msAfter.Mallocs - msBefore.Mallocs), Bytes: hexU64(msAfter.TotalAlloc - msBefore.TotalAlloc)}
}

// measureMin measures an idempotent operation three times and keeps the run with the fewest objects.
// MemStats counts every allocation in the process, the runtime's own included (seen under qemu: a
// uint16(86) conversion charged 3 objects once); such noise only ever adds, so the minimum is the
// operation's own count, as testing.AllocsPerRun's repetition is meant to give.
func measureMin(f func()) allocation {
	best := measure(f)
	for i := 0; i < 2 && best.Objects != 0; i++ {
		if a := measure(f); a.Objects < best.Objects {
			best = a
		}
	}
	return best
}

func dispatch(req *request) (interface{}, error) {
	switch req.Op {
	case "hello":
		return hello(req)
	case "regions":
		return regions(), nil
	case "read":
		return read(req)
	case "createType":
		return createType(req)
	case "compilerTypes":
		return compilerTypes(), nil
	case "zeroPointer":
		if _, err := typeArg(req.Type, "type"); err != nil {
			return nil, err
		}
		// The gc runtime keeps no per-type zero pointer (no _type.zero field since Go 1.6).
		return map[string]hexU64{"pointer": 0}, nil
	case "makeMap":
		return makeMap(req)
	case "lookupMissing":
		return lookupMissing(req)
	case "assign":
		return nil, assign(req)
	case "convert":
		return convert(req)
	case "oneByteString":
		if req.Value == nil || *req.Value < 0 || *req.Value > 255 {
			return nil, badRequest("value: want a byte 0..255")
		}
		return oneByteString(byte(*req.Value)), nil
	case "emptyString":
		return emptyString(), nil
	case "nilSlice":
		return nilSlice(), nil
	case "raceFirstUse":
		return raceFirstUse(req)
	}
	return nil, badRequest(fmt.Sprintf("unknown op %q", req.Op))
}

func hello(req *request) (interface{}, error) {
	bits := int(unsafe.Sizeof(uintptr(0)) * 8)
	order := "little"
	var probe uint16 = 1
	if *(*byte)(unsafe.Pointer(&probe)) == 0 {
		order = "big"
	}
	return helloResult{
		Protocol: protocolVersion,
		// The version names the platform too: several GOARCHes share a word size and byte order.
		Runtime:  rtInfo{Name: runtimeName, Version: runtimeVersion() + " " + runtime.GOOS + "/" + runtime.GOARCH},
		Arch:     archInfo{WordBits: bits, ByteOrder: order, Native: runtime.GOARCH},
		Features: claimedFeatures(),
		Notes:    []string{"table base: " + tableSource},
	}, nil
}

func regions() regionMap {
	rm := regionMap{
		Table:       &region{Name: "runtime.staticuint64s", Base: hexU64(table), Size: 256 * 8},
		StaticZero:  zeroRegion(),
		ZeroBuffers: []region{},
	}
	for _, name := range []string{"go:map.zero", "go.map.zero"} {
		if a, size, ok := elfSymbol(name); ok {
			rm.CompilerZero = &region{Name: name, Base: hexU64(a), Size: hexU64(size)}
			break
		}
	}
	return rm
}

func read(req *request) (interface{}, error) {
	addr, err := parseHex("address", req.Address)
	if err != nil {
		return nil, err
	}
	if req.Length == nil || *req.Length < 0 || *req.Length > maxRead {
		return nil, badRequest(fmt.Sprintf("length: want 0..%d", maxRead))
	}
	n := *req.Length
	if uint64(uintptr(addr)) != addr {
		return nil, badRequest("address does not fit the word")
	}
	out := make([]byte, n)
	if n > 0 {
		if err := readInto(out, uintptr(addr)); err != nil {
			return nil, err
		}
	}
	return map[string]string{"bytes": hex.EncodeToString(out)}, nil
}

func typeArg(id *int64, field string) (reflect.Type, error) {
	if id == nil || *id < 0 || *id >= int64(len(types)) {
		return nil, badRequest(field + ": unknown type handle")
	}
	return types[*id], nil
}

// byteArrayType is a type of exactly length bytes: [length]byte, or, when length exceeds MaxInt
// (reflect.ArrayOf takes an int), [d][length/d]byte for the smallest factor d that brings the inner
// length under MaxInt (reflect accepts such sizes: it checks only that the product fits a uintptr).
func byteArrayType(length uint64) (reflect.Type, bool) {
	const maxInt = uint64(^uint(0) >> 1)
	if length <= maxInt {
		return reflect.ArrayOf(int(length), byteTyp), true
	}
	for d := uint64(2); d < 1<<20; d++ {
		if length%d == 0 && length/d <= maxInt {
			return reflect.ArrayOf(int(d), reflect.ArrayOf(int(length/d), byteTyp)), true
		}
	}
	return nil, false
}

// structFields numbers the fields of "struct" types so that each is new.
var structFields int

func addType(t reflect.Type) int64 {
	types = append(types, t)
	return int64(len(types) - 1)
}

func createType(req *request) (interface{}, error) {
	kind := req.Kind
	var elem reflect.Type
	if kind != "array" && kind != "struct" {
		var err error
		if elem, err = typeArg(req.Element, "element"); err != nil {
			return nil, err
		}
	}
	var t reflect.Type
	var length uint64
	if kind == "array" || kind == "struct" {
		var err error
		if length, err = parseHex("length", req.Size); err != nil {
			return nil, err
		}
		if _, ok := byteArrayType(length); !ok {
			return nil, unsupported("length: reflect.ArrayOf takes an int and " + req.Size + " has no factor that brings it under MaxInt")
		}
	}
	var a allocation
	var refused interface{}
	measureRefusable := func(f func()) allocation {
		return measure(func() {
			defer func() { refused = recover() }()
			f()
		})
	}
	measure := measureRefusable
	switch kind {
	case "array":
		a = measure(func() { t, _ = byteArrayType(length) })
	case "struct":
		// A field name never used before: StructOf caches by fields, so this type is fresh (its first map is yet to come).
		structFields++
		name := fmt.Sprintf("F%d", structFields)
		a = measure(func() {
			field, _ := byteArrayType(length)
			t = reflect.StructOf([]reflect.StructField{{Name: name, Type: field}})
		})
	case "pointer":
		a = measure(func() { t = reflect.PtrTo(elem) })
	case "chan":
		a = measure(func() { t = reflect.ChanOf(reflect.BothDir, elem) })
	case "map":
		a = measure(func() { t = reflect.MapOf(u64Typ, elem) })
	case "func":
		a = measure(func() { t = reflect.FuncOf(nil, []reflect.Type{elem}, false) })
	case "slice":
		a = measure(func() { t = reflect.SliceOf(elem) })
	default:
		return nil, badRequest(fmt.Sprintf("kind: unknown type kind %q", kind))
	}
	if refused != nil {
		return createdType{Type: -1, Allocated: a, Panic: fmt.Sprint(refused)}, nil
	}
	return createdType{Type: addType(t), Size: hexU64(t.Size()), Allocated: a, Name: t.String()}, nil
}

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
func touchCompiledMaps(k uint64) {
	a := compiledSmall[k]
	b := compiledMax[k]
	c := compiledBig[k]
	d := compiledHuge[k]
	compiledSink = a[0] + b[0] + c[0] + d[0]
}

var compiled []createdType

func compilerTypes() interface{} {
	if compiled == nil {
		touchCompiledMaps(1)
		for _, t := range []reflect.Type{
			reflect.TypeOf(false), reflect.TypeOf(uint8(0)), reflect.TypeOf(uint64(0)), reflect.TypeOf(""),
			reflect.TypeOf([16]byte{}), reflect.TypeOf([1024]byte{}), reflect.TypeOf([2048]byte{}), reflect.TypeOf([8192]byte{}),
		} {
			compiled = append(compiled, createdType{Type: addType(t), Size: hexU64(t.Size()), Name: t.String()})
		}
	}
	return map[string]interface{}{"types": compiled}
}

func makeMap(req *request) (interface{}, error) {
	elem, err := typeArg(req.Element, "element")
	if err != nil {
		return nil, err
	}
	mt := reflect.MapOf(u64Typ, elem)
	var m reflect.Value
	a := measure(func() { m = reflect.MakeMap(mt) })
	maps = append(maps, m)
	// Go 1.15+ has no fatal error on map creation for large elements (they are stored indirectly).
	return map[string]interface{}{"map": len(maps) - 1, "allocated": a, "throw": nil}, nil
}

func mapArg(id *int64) (reflect.Value, error) {
	if id == nil || *id < 0 || *id >= int64(len(maps)) {
		return reflect.Value{}, badRequest("map: unknown map handle")
	}
	return maps[*id], nil
}

// dataWord is the data word of an interface value.
func dataWord(x interface{}) unsafe.Pointer { return (*[2]unsafe.Pointer)(unsafe.Pointer(&x))[1] }

var lookupKey uint64

func lookupMissing(req *request) (interface{}, error) {
	m, err := mapArg(req.Map)
	if err != nil {
		return nil, err
	}
	key, err := parseHex("key", req.Key)
	if err != nil {
		return nil, err
	}
	mt := m.Type()
	if mt.Elem().Size() > uintptr(zeroValSize) {
		// What Go does for a reflect-created element type over 1024 bytes: reflect's lookup
		// (reflect_mapaccess) gets no pointer and MapIndex returns the zero Value: the runtime hands
		// out no shared zero (compiled code would pass go:map.zero to mapaccess1_fat instead). Reported
		// as it is, a nil pointer, for the suite to judge; never adjusted.
		var v reflect.Value
		k := reflect.ValueOf(key)
		a := measureMin(func() { v = m.MapIndex(k) })
		if v.IsValid() {
			return nil, badRequest(fmt.Sprintf("lookupMissing: key %#x is in the map", key))
		}
		return pointed{Pointer: hexU64(0), Allocated: a}, nil
	}
	tp := dataWord(mt)
	hp := m.UnsafePointer()
	lookupKey = key
	var p unsafe.Pointer
	var found bool
	a := measureMin(func() { p, found = mapaccess2(tp, hp, unsafe.Pointer(&lookupKey)) })
	if found {
		return nil, badRequest(fmt.Sprintf("lookupMissing: key %#x is in the map", key))
	}
	return pointed{Pointer: hexU64(uintptr(p)), Allocated: a}, nil
}

func assign(req *request) error {
	m, err := mapArg(req.Map)
	if err != nil {
		return err
	}
	key, err := parseHex("key", req.Key)
	if err != nil {
		return err
	}
	if req.Fill == nil || *req.Fill < 0 || *req.Fill > 255 {
		return badRequest("fill: want a byte 0..255")
	}
	elem := m.Type().Elem()
	v := reflect.New(elem)
	if n := elem.Size(); n > 0 {
		b := unsafe.Slice((*byte)(v.UnsafePointer()), n)
		for i := range b {
			b[i] = byte(*req.Fill)
		}
	}
	m.SetMapIndex(reflect.ValueOf(key), v.Elem())
	return nil
}

// Conversions to interfaces, one per kind, never inlined: the argument is a run-time value, so the
// compiler emits the runtime's conversion (convT16/32/64, or its inline staticuint64s code for 8 bits).

//go:noinline
func convBool(v bool) interface{} { return v }

//go:noinline
func convInt8(v int8) interface{} { return v }

//go:noinline
func convUint8(v uint8) interface{} { return v }

//go:noinline
func convInt16(v int16) interface{} { return v }

//go:noinline
func convUint16(v uint16) interface{} { return v }

//go:noinline
func convInt32(v int32) interface{} { return v }

//go:noinline
func convUint32(v uint32) interface{} { return v }

//go:noinline
func convInt64(v int64) interface{} { return v }

//go:noinline
func convUint64(v uint64) interface{} { return v }

//go:noinline
func convInt(v int) interface{} { return v }

//go:noinline
func convUint(v uint) interface{} { return v }

//go:noinline
func convUintptr(v uintptr) interface{} { return v }

//go:noinline
func convString(v string) interface{} { return v }

//go:noinline
func convSlice(v []byte) interface{} { return v }

//go:noinline
func makeOneByte(b []byte) string { return string(b[:1]) }

var convSinkIface interface{}

func convert(req *request) (interface{}, error) {
	bits, err := parseHex("bits", req.Bits)
	if err != nil {
		return nil, err
	}
	var x interface{}
	var a allocation
	switch strings.ToLower(req.Kind) {
	case "bool":
		v := bits&1 != 0
		a = measureMin(func() { x = convBool(v) })
	case "int8":
		v := int8(bits)
		a = measureMin(func() { x = convInt8(v) })
	case "uint8":
		v := uint8(bits)
		a = measureMin(func() { x = convUint8(v) })
	case "int16":
		v := int16(bits)
		a = measureMin(func() { x = convInt16(v) })
	case "uint16":
		v := uint16(bits)
		a = measureMin(func() { x = convUint16(v) })
	case "int32":
		v := int32(bits)
		a = measureMin(func() { x = convInt32(v) })
	case "uint32":
		v := uint32(bits)
		a = measureMin(func() { x = convUint32(v) })
	case "int64":
		v := int64(bits)
		a = measureMin(func() { x = convInt64(v) })
	case "uint64":
		v := bits
		a = measureMin(func() { x = convUint64(v) })
	case "int":
		v := int(bits)
		a = measureMin(func() { x = convInt(v) })
	case "uint":
		v := uint(bits)
		a = measureMin(func() { x = convUint(v) })
	case "uintptr":
		v := uintptr(bits)
		a = measureMin(func() { x = convUintptr(v) })
	default:
		return nil, badRequest(fmt.Sprintf("kind: unknown value kind %q", req.Kind))
	}
	convSinkIface = x
	return pointed{Pointer: hexU64(uintptr(dataWord(x))), Allocated: a}, nil
}

var oneByteBuf = make([]byte, 1)

func oneByteString(b byte) pointed {
	oneByteBuf[0] = b
	var s string
	a := measureMin(func() { s = makeOneByte(oneByteBuf) })
	p := (*[2]unsafe.Pointer)(unsafe.Pointer(&s))[0]
	return pointed{Pointer: hexU64(uintptr(p)), Allocated: a}
}

func emptyString() pointed {
	s := string(oneByteBuf[:0]) // "" made at run time
	var x interface{}
	a := measureMin(func() { x = convString(s) })
	convSinkIface = x
	return pointed{Pointer: hexU64(uintptr(dataWord(x))), Allocated: a}
}

var nilBytes []byte

func nilSlice() pointed {
	var x interface{}
	a := measureMin(func() { x = convSlice(nilBytes) })
	convSinkIface = x
	return pointed{Pointer: hexU64(uintptr(dataWord(x))), Allocated: a}
}

// raceFirstUse: threads goroutines, released together, each make the first map of every type in
// order and read the zero a missing-key lookup hands out (the gc runtime has no per-type zero
// pointer; the lookup's pointer is the zero the runtime publishes). Ready: that pointer lies in the
// static zero with at least the type's size left, and those bytes are all zero, checked at once.
func raceFirstUse(req *request) (interface{}, error) {
	if req.Threads == nil || *req.Threads < 1 || *req.Threads > 256 {
		return nil, badRequest("threads: want 1..256")
	}
	ts := make([]reflect.Type, len(req.Types))
	for i := range req.Types {
		t, err := typeArg(&req.Types[i], "types")
		if err != nil {
			return nil, err
		}
		if t.Size() > uintptr(zeroValSize) {
			return nil, unsupported(fmt.Sprintf("raceFirstUse: %s is over %d bytes; see lookupMissing", t, zeroValSize))
		}
		ts[i] = t
	}
	n := *req.Threads
	out := make([][]sighting, n)
	zr := zeroRegion()
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
				p, _ := mapaccess2(dataWord(m.Type()), m.UnsafePointer(), unsafe.Pointer(&key))
				ready := false
				if u := uintptr(p); u >= uintptr(zr.Base) && u-uintptr(zr.Base)+t.Size() <= uintptr(zr.Size) {
					ready = true
					for _, c := range unsafe.Slice((*byte)(p), t.Size()) {
						if c != 0 {
							ready = false
						}
					}
				}
				seen[i] = sighting{Zero: hexU64(uintptr(p)), Ready: ready}
			}
			out[g] = seen
		}(g)
	}
	start.Done()
	done.Wait()
	return map[string]interface{}{"sightings": out}, nil
}

// readInto copies memory; a bad address faults, and SetPanicOnFault turns that into a panic that
// is answered as a "fault" error.
func readInto(out []byte, addr uintptr) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &opError{"fault", fmt.Sprintf("reading %d bytes at %#x: %v", len(out), addr, p)}
		}
	}()
	copy(out, unsafe.Slice((*byte)(unsafe.Pointer(addr)), len(out)))
	return nil
}
