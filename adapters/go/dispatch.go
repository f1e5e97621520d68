package main

// TRANSPORT: one request line in, one reply line out. Each op's arguments are checked here, the op's
// mechanism runs in its //adapter:undertest function (undertest*.go), and its result is written here,
// byte for byte as the protocol-1 adapter's encoding/json wrote it (member order included).

import "unsafe"

var (
	req      request
	prs      = parser{}
	failCode string
	failMsg  = text{b: make([]byte, 0, 4096)}
	scratch  = text{b: make([]byte, 0, 4096)}
)

func init() {
	req.protos = make([]int64, 0, 16)
	req.types = make([]int64, 0, 1024)
}

// fail starts the error reply of the current request: its code, then the message is written into
// the returned buffer. Ops return false after calling it.
func fail(code string) *text {
	failCode = code
	failMsg.reset()
	return &failMsg
}

func badRequest(msg string) bool {
	fail("bad-request").s(msg)
	return false
}

func unsupported(msg string) bool {
	fail("unsupported").s(msg)
	return false
}

func handle(line []byte) {
	if !parseRequest(line, &req, &prs) {
		fail("bad-request").s("not a JSON request: ").s(prs.err.why).s(" (at byte ").dec(int64(prs.err.at)).c(')')
		writeError(-1)
		return
	}
	if !req.hasID {
		badRequest("request has no id")
		writeError(-1)
		return
	}
	start := len(out.b)
	out.s(`{"id":`).dec(req.id).s(`,"ok":true,"result":`)
	if runOp(&req) {
		out.s("}\n")
		return
	}
	out.b = out.b[:start]
	writeError(req.id)
}

func writeError(id int64) {
	out.s(`{"id":`).dec(id).s(`,"ok":false,"error":{"code":`).jsonStr(failCode).s(`,"message":`).jsonBytes(failMsg.b).s("}}\n")
}

func replyTooLong() {
	fail("bad-request").s("request line longer than ").dec(maxLine).s(" bytes")
	writeError(-1)
}

// runOp answers a panic of the runtime (a reflect refusal, say) as "runtime-panic" with its message.
func runOp(r *request) (ok bool) {
	defer func() {
		if p := recover(); p != nil {
			ok = false
			panicText(fail("runtime-panic"), p)
		}
	}()
	mapsFresh = false // what this request reports of the mappings is read during it
	return dispatch(r)
}

// panicText writes a recovered panic value's text as fmt.Sprint would for the values Go panics with
// (strings and errors), by type switch and method call only: nothing is converted or formatted.
func panicText(t *text, p interface{}) {
	switch v := p.(type) {
	case string:
		t.s(v)
	case error:
		t.s(v.Error())
	case interface{ String() string }:
		t.s(v.String())
	default:
		t.s("a panic with a value that is neither a string nor an error")
	}
}

func dispatch(r *request) bool {
	switch op := r.op; {
	case eq(op, "hello"):
		return opHello(r)
	case eq(op, "regions"):
		return opRegions(r)
	case eq(op, "read"):
		return opRead(r)
	case eq(op, "createType"):
		return opCreateType(r)
	case eq(op, "compilerTypes"):
		return opCompilerTypes()
	case eq(op, "zeroPointer"):
		if !typeArg(r.has&hasType != 0, r.typ, "type") {
			return false
		}
		// The gc runtime keeps no per-type zero pointer (no _type.zero field since Go 1.6).
		out.s(`{"pointer":"0x0"}`)
		return true
	case eq(op, "makeMap"):
		return opMakeMap(r)
	case eq(op, "lookupMissing"):
		return opLookupMissing(r)
	case eq(op, "assign"):
		return opAssign(r)
	case eq(op, "convert"):
		return opConvert(r)
	case eq(op, "oneByteString"):
		if r.has&hasValue == 0 || r.value < 0 || r.value > 255 {
			return badRequest("value: want a byte 0..255")
		}
		writePointed(oneByteString(byte(r.value)))
		return true
	case eq(op, "emptyString"):
		writePointed(emptyString())
		return true
	case eq(op, "nilSlice"):
		writePointed(nilSlice())
		return true
	case eq(op, "raceFirstUse"):
		return opRaceFirstUse(r)
	case eq(op, "emptySlice") && session.protocol >= 2:
		writePointed(emptySlice())
		return true
	case eq(op, "scan") && session.protocol >= 2:
		return opScan(r)
	case eq(op, "reset") && session.protocol >= 2:
		return unsupported("reset: a Go runtime cannot be returned to its state after hello; start a new process")
	}
	fail("bad-request").s("unknown op ").quoted(r.op)
	return false
}

// allocation is what an operation allocated: heap objects and bytes as the runtime's allocator counts them.
type allocation struct{ objects, bytes uint64 }

func writeAllocation(a allocation) {
	out.s(`"allocated":{"objects":`).c('"').hex(a.objects).s(`","bytes":"`).hex(a.bytes).s(`"}`)
}

// writePointed writes {"pointer","allocated"}, the result of the conversions and of lookupMissing.
func writePointed(p uintptr, a allocation) {
	out.s(`{"pointer":"`).hex(uint64(p)).s(`",`)
	writeAllocation(a)
	out.c('}')
}

// parseHex reads a "0x..." protocol number (1 to 16 hex digits).
func parseHex(field string, s []byte) (uint64, bool) {
	if len(s) < 3 || len(s) > 18 || s[0] != '0' || s[1] != 'x' {
		fail("bad-request").s(field).s(`: want a "0x..." hex string of at most 64 bits, got `).quoted(s)
		return 0, false
	}
	var v uint64
	for _, c := range s[2:] {
		d, ok := hexDigit(c)
		if !ok {
			fail("bad-request").s(field).s(": strconv.ParseUint: parsing ").quoted(s[2:]).s(": invalid syntax")
			return 0, false
		}
		v = v<<4 | uint64(d)
	}
	return v, true
}

// byte order and word size of this machine, for hello and the big-endian offsets.
var (
	wordBits  = int64(unsafe.Sizeof(uintptr(0)) * 8)
	bigEndian = func() bool { var probe uint16 = 1; return *(*byte)(unsafe.Pointer(&probe)) == 0 }()
)

func opHello(r *request) bool {
	proto := int64(1)
	for _, v := range r.protos {
		if v == 2 && protocol2 {
			proto = 2
		}
	}
	session.protocol = proto
	out.s(`{"protocol":`).dec(proto).s(`,"runtime":{"name":`).jsonStr(runtimeName).s(`,"version":`)
	// The version names the platform too: several GOARCHes share a word size and byte order.
	scratch.reset()
	writeVersion(&scratch)
	scratch.c(' ').s(goos).c('/').s(goarch)
	out.jsonBytes(scratch.b)
	order := "little"
	if bigEndian {
		order = "big"
	}
	out.s(`},"arch":{"wordBits":`).dec(wordBits).s(`,"byteOrder":`).jsonStr(order).s(`,"native":`).jsonStr(goarch).s(`},"features":[`)
	for i, f := range claimedFeatures {
		if i > 0 {
			out.c(',')
		}
		out.jsonStr(f)
	}
	out.s(`],"notes":[`).jsonStr("table base: " + tableSource).s(`]}`)
	return true
}

// withProtection: the regions being written carry their protection (protocol 2, unless the request
// said "protection": false).
var withProtection = true

func writeRegion(name string, base, size uint64) {
	out.s(`{"name":`).jsonStr(name).s(`,"base":"`).hex(base).s(`","size":"`).hex(size).c('"')
	if session.protocol >= 2 && withProtection {
		writeProtection(base, size)
	}
	out.c('}')
}

func opRegions(r *request) bool {
	withProtection = !r.noProtection
	out.s(`{"table":`)
	tableSize := uint64(256 * 8)
	if s := elfSymbol(symStaticuint64s); s.found && s.addr == table {
		tableSize = uint64(s.size) // as linked (a runtime with another table is reported as it is)
	}
	writeRegion("runtime.staticuint64s", uint64(table), tableSize)
	out.s(`,"staticZero":`)
	if base, size, ok := zeroRegion(); ok {
		writeRegion("runtime.zeroVal", uint64(base), uint64(size))
	} else {
		out.s("null")
	}
	out.s(`,"compilerZero":`)
	main := writeCompilerZero()
	if !main {
		out.s("null")
	}
	out.s(`,"zeroBuffers":[]`)
	if main {
		writeMoreCompilerZeros()
	}
	out.c('}')
	return true
}

// maxRead bounds one read: its hex reply must fit the 1 MiB line limit.
const maxRead = 256 << 10

var readBuf = make([]byte, maxRead)

func opRead(r *request) bool {
	addr, ok := parseHex("address", r.address)
	if !ok {
		return false
	}
	if r.has&hasLength == 0 || r.length < 0 || r.length > maxRead {
		fail("bad-request").s("length: want 0..").dec(maxRead)
		return false
	}
	n := int(r.length)
	if uint64(uintptr(addr)) != addr {
		return badRequest("address does not fit the word")
	}
	b := readBuf[:n]
	if n > 0 && !readInto(b, uintptr(addr)) {
		return false
	}
	out.s(`{"bytes":"`).hexBytes(b).s(`"}`)
	return true
}

// opScan (protocol 2) counts the non-zero bytes of [address, address+size) and finds the first, reading every
// byte in the adapter (maxRead at a time, through readInto), so that the suite judges a whole zero region
// without its bytes crossing the wire. Transport code: copies and byte compares only.
func opScan(r *request) bool {
	addr, ok := parseHex("address", r.address)
	if !ok {
		return false
	}
	size, ok := parseHex("size", r.size)
	if !ok {
		return false
	}
	if uint64(uintptr(addr)) != addr || (size > 0 && uint64(uintptr(addr+size-1)) != addr+size-1) || addr+size < addr && addr+size != 0 {
		return badRequest("address and size do not fit the word")
	}
	var nonZero, first uint64
	found := false
	for done := uint64(0); done < size; {
		n := size - done
		if n > maxRead {
			n = maxRead
		}
		b := readBuf[:n]
		if !readInto(b, uintptr(addr+done)) {
			return false
		}
		for i, v := range b {
			if v != 0 {
				if !found {
					found, first = true, done+uint64(i)
				}
				nonZero++
			}
		}
		done += n
	}
	out.s(`{"nonZero":"`).hex(nonZero).c('"')
	if found {
		out.s(`,"first":"`).hex(first).c('"')
	}
	out.c('}')
	return true
}

// readInto copies memory; a bad address faults, and SetPanicOnFault turns that into a panic that
// is answered as a "fault" error.
func readInto(dst []byte, addr uintptr) (ok bool) {
	defer func() {
		if p := recover(); p != nil {
			ok = false
			t := fail("fault").s("reading ").dec(int64(len(dst))).s(" bytes at ").hex(uint64(addr)).s(": ")
			panicText(t, p)
		}
	}()
	copy(dst, (*[maxRead]byte)(unsafe.Pointer(addr))[:len(dst):len(dst)])
	return true
}

func typeArg(present bool, id int64, field string) bool {
	if !present || id < 0 || id >= int64(typeCount()) {
		fail("bad-request").s(field).s(": unknown type handle")
		return false
	}
	return true
}

func mapArg(present bool, id int64) bool {
	if !present || id < 0 || id >= int64(mapCount()) {
		return badRequest("map: unknown map handle")
	}
	return true
}

// writeCreated writes one createdType: {"type","size","allocated","name"?,"panic"?}.
func writeCreated(c *createdType) {
	out.s(`{"type":`).dec(c.handle).s(`,"size":"`).hex(c.size).s(`",`)
	writeAllocation(c.allocated)
	if c.name != "" {
		out.s(`,"name":`).jsonStr(c.name)
	}
	if c.refused {
		out.s(`,"panic":`).jsonBytes(c.panicMsg.b)
	}
	out.c('}')
}

func opCreateType(r *request) bool {
	kind := typeKindOf(r.kind)
	if kind != kindArray && kind != kindStruct && !typeArg(r.has&hasElement != 0, r.element, "element") {
		return false
	}
	var length uint64
	if kind == kindArray || kind == kindStruct {
		var ok bool
		if length, ok = parseHex("length", r.size); !ok {
			return false
		}
		// As the protocol-1 adapter did: the type is made once here, outside the measurement (so
		// createType measures reflect's second making of it, from its cache), and a reflect panic
		// here is a runtime-panic error, not a refusal.
		if !prepareByteArray(length) {
			fail("unsupported").s("length: reflect.ArrayOf takes an int and ").bs(r.size).s(" has no factor that brings it under MaxInt")
			return false
		}
	}
	if kind == kindUnknown {
		fail("bad-request").s("kind: unknown type kind ").quoted(r.kind)
		return false
	}
	c := createType(kind, length, r.element)
	writeCreated(c)
	return true
}

func opCompilerTypes() bool {
	out.s(`{"types":[`)
	for i, c := range compilerTypes() {
		if i > 0 {
			out.c(',')
		}
		writeCreated(c)
	}
	out.s(`]}`)
	return true
}

func opMakeMap(r *request) bool {
	if !typeArg(r.has&hasElement != 0, r.element, "element") {
		return false
	}
	h, a := makeMap(r.element)
	// Go 1.15+ has no fatal error on map creation for large elements (they are stored indirectly).
	out.s(`{`)
	writeAllocation(a)
	out.s(`,"map":`).dec(h).s(`,"throw":null}`)
	return true
}

func opLookupMissing(r *request) bool {
	if !mapArg(r.has&hasMap != 0, r.mapID) {
		return false
	}
	key, ok := parseHex("key", r.key)
	if !ok {
		return false
	}
	res := lookupMissing(r.mapID, key)
	if res.found {
		fail("bad-request").s("lookupMissing: key ").hex(key).s(" is in the map")
		return false
	}
	if res.unobserved {
		return unsupported("lookupMissing: the compiled lookup copied its zero from no region the adapter could mark (the shared zero, the compiler's zero, read-only zero data)")
	}
	if res.absent && session.protocol >= 2 {
		out.s(`{"absent":true,`)
		writeAllocation(res.allocated)
		out.c('}')
		return true
	}
	writePointed(res.pointer, res.allocated)
	return true
}

func opAssign(r *request) bool {
	if !mapArg(r.has&hasMap != 0, r.mapID) {
		return false
	}
	key, ok := parseHex("key", r.key)
	if !ok {
		return false
	}
	if r.has&hasFill == 0 || r.fill < 0 || r.fill > 255 {
		return badRequest("fill: want a byte 0..255")
	}
	assign(r.mapID, key, byte(r.fill))
	out.s(`{}`)
	return true
}

func opConvert(r *request) bool {
	bits, ok := parseHex("bits", r.bits)
	if !ok {
		return false
	}
	k := valueKindOf(r.kind)
	if k == valueUnknown || (k >= firstProtocol2Kind && session.protocol < 2) {
		fail("bad-request").s("kind: unknown value kind ").quoted(r.kind)
		return false
	}
	writePointed(convert(k, bits))
	return true
}

func opRaceFirstUse(r *request) bool {
	if r.has&hasThreads == 0 || r.threads < 1 || r.threads > 256 {
		return badRequest("threads: want 1..256")
	}
	for _, t := range r.types {
		if !typeArg(true, t, "types") {
			return false
		}
		if typeSize(t) > zeroValSize {
			fail("unsupported").s("raceFirstUse: ").s(typeString(t)).s(" is over ").dec(zeroValSize).s(" bytes; see lookupMissing")
			return false
		}
	}
	seen := raceFirstUse(r.types, int(r.threads))
	out.s(`{"sightings":[`)
	for g := range seen {
		if g > 0 {
			out.c(',')
		}
		out.c('[')
		for i, s := range seen[g] {
			if i > 0 {
				out.c(',')
			}
			out.s(`{"zero":"`).hex(uint64(s.zero)).s(`","ready":`)
			if s.ready {
				out.s("true}")
			} else {
				out.s("false}")
			}
		}
		out.c(']')
	}
	out.s(`]}`)
	return true
}
