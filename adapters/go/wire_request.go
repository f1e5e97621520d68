package main

// TRANSPORT: the request parser. A hand-written JSON reader over the request line's own bytes: string
// values are unescaped in place and kept as sub-slices of the line (no string is made), numbers are
// read digit by digit (no strconv), unknown members are skipped after being checked. It accepts what
// encoding/json accepted into the protocol-1 request struct (member names matched ignoring ASCII case,
// the last of duplicate members kept, null as absent) and refuses the rest with bad-request.
// README.md "The transport rule".

const maxNesting = 10000 // encoding/json's limit

type request struct {
	id       int64
	hasID    bool
	op       []byte
	address  []byte
	kind     []byte
	size     []byte
	key      []byte
	bits     []byte
	length   int64
	fill     int64
	value    int64
	threads  int64
	element  int64
	typ      int64
	mapID    int64
	has      uint32 // hasLength... bits below
	protos   []int64
	types    []int64
	hasTypes bool
	// noProtection: regions asked with "protection": false (protocol 2): the client does not need
	// the regions' protection, whose reading of /proc/self/maps costs about a millisecond under qemu-user.
	noProtection bool
}

const (
	hasLength = 1 << iota
	hasFill
	hasValue
	hasThreads
	hasElement
	hasType
	hasMap
)

// parseError says why a line is not a request (a constant: no error value is built).
type parseError struct {
	why string
	at  int
}

type parser struct {
	b   []byte
	i   int
	err parseError
}

func (p *parser) fail(why string) bool {
	if p.err.why == "" {
		p.err = parseError{why, p.i}
	}
	return false
}

func (p *parser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) peek() byte {
	if p.i < len(p.b) {
		return p.b[p.i]
	}
	return 0
}

// parseRequest fills r from one line; false with p.err set when the line is not a valid request.
func parseRequest(line []byte, r *request, p *parser) bool {
	protos, types := r.protos[:0], r.types[:0]
	*r = request{protos: protos, types: types}
	*p = parser{b: line}
	p.ws()
	if p.peek() != '{' {
		if p.i >= len(p.b) {
			return p.fail("unexpected end of JSON input")
		}
		return p.fail("a request is a JSON object")
	}
	p.i++
	p.ws()
	if p.peek() == '}' {
		p.i++
	} else {
		for {
			p.ws()
			key, ok := p.str()
			if !ok {
				return false
			}
			p.ws()
			if p.peek() != ':' {
				return p.fail("want ':' after an object key")
			}
			p.i++
			p.ws()
			if !p.member(key, r) {
				return false
			}
			p.ws()
			c := p.peek()
			p.i++
			if c == '}' {
				break
			}
			if c != ',' {
				p.i--
				return p.fail("want ',' or '}' after an object member")
			}
		}
	}
	p.ws()
	if p.i != len(p.b) {
		return p.fail("invalid character after top-level value")
	}
	return true
}

// member reads the value of one member into r.
func (p *parser) member(key []byte, r *request) bool {
	switch {
	case eqFold(key, "id"):
		return p.int64Field(&r.id, &r.hasID, 64)
	case eqFold(key, "op"):
		return p.strField(&r.op)
	case eqFold(key, "address"):
		return p.strField(&r.address)
	case eqFold(key, "kind"):
		return p.strField(&r.kind)
	case eqFold(key, "size"):
		return p.strField(&r.size)
	case eqFold(key, "key"):
		return p.strField(&r.key)
	case eqFold(key, "bits"):
		return p.strField(&r.bits)
	case eqFold(key, "length"):
		return p.flagField(&r.length, &r.has, hasLength, intBits)
	case eqFold(key, "fill"):
		return p.flagField(&r.fill, &r.has, hasFill, intBits)
	case eqFold(key, "value"):
		return p.flagField(&r.value, &r.has, hasValue, intBits)
	case eqFold(key, "threads"):
		return p.flagField(&r.threads, &r.has, hasThreads, intBits)
	case eqFold(key, "element"):
		return p.flagField(&r.element, &r.has, hasElement, 64)
	case eqFold(key, "type"):
		return p.flagField(&r.typ, &r.has, hasType, 64)
	case eqFold(key, "map"):
		return p.flagField(&r.mapID, &r.has, hasMap, 64)
	case eqFold(key, "protocols"):
		var present bool
		return p.intArray(&r.protos, &present, intBits)
	case eqFold(key, "types"):
		return p.intArray(&r.types, &r.hasTypes, 64)
	case eqFold(key, "protection"):
		return p.falseField(&r.noProtection)
	}
	return p.skip(0)
}

// intBits is the width of Go's int here (the protocol-1 struct had int fields for these).
const intBits = 32 << (^uint(0) >> 63)

func (p *parser) null() bool {
	if p.i+4 <= len(p.b) && eq(p.b[p.i:p.i+4], "null") {
		p.i += 4
		return true
	}
	return false
}

// falseField reads a boolean member; *isFalse is whether it is false (null: absent, as encoding/json
// reads null into a *bool).
func (p *parser) falseField(isFalse *bool) bool {
	switch {
	case p.null():
		*isFalse = false
		return true
	case p.i+4 <= len(p.b) && eq(p.b[p.i:p.i+4], "true"):
		p.i += 4
		*isFalse = false
		return true
	case p.i+5 <= len(p.b) && eq(p.b[p.i:p.i+5], "false"):
		p.i += 5
		*isFalse = true
		return true
	}
	p.skip(0)
	return p.fail("a boolean member holds another JSON type")
}

func (p *parser) strField(dst *[]byte) bool {
	if p.null() {
		return true // encoding/json leaves a string unchanged for null
	}
	if p.peek() != '"' {
		p.skip(0)
		return p.fail("a string member holds another JSON type")
	}
	s, ok := p.str()
	*dst = s
	return ok
}

func (p *parser) int64Field(dst *int64, present *bool, bits uint) bool {
	if p.null() {
		*present = false
		return true
	}
	v, ok := p.integer(bits)
	*dst, *present = v, ok
	return ok
}

func (p *parser) flagField(dst *int64, has *uint32, bit uint32, bits uint) bool {
	var present bool
	ok := p.int64Field(dst, &present, bits)
	if present {
		*has |= bit
	} else {
		*has &^= bit
	}
	return ok
}

func (p *parser) intArray(dst *[]int64, present *bool, bits uint) bool {
	*dst = (*dst)[:0]
	if p.null() {
		*present = false
		return true
	}
	if p.peek() != '[' {
		p.skip(0)
		return p.fail("an array member holds another JSON type")
	}
	*present = true
	p.i++
	p.ws()
	if p.peek() == ']' {
		p.i++
		return true
	}
	for {
		p.ws()
		v, ok := p.integer(bits)
		if !ok {
			return false
		}
		*dst = append(*dst, v)
		p.ws()
		c := p.peek()
		p.i++
		if c == ']' {
			return true
		}
		if c != ',' {
			p.i--
			return p.fail("want ',' or ']' in an array")
		}
	}
}

// number scans a JSON number; it reports whether it has a fraction or exponent.
func (p *parser) number() (start, end int, integral bool, ok bool) {
	start = p.i
	if p.peek() == '-' {
		p.i++
	}
	switch c := p.peek(); {
	case c == '0':
		p.i++
	case c >= '1' && c <= '9':
		for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
			p.i++
		}
	default:
		return start, p.i, false, p.fail("invalid character looking for a value")
	}
	integral = true
	if p.peek() == '.' {
		integral = false
		p.i++
		if c := p.peek(); c < '0' || c > '9' {
			return start, p.i, false, p.fail("invalid character in a number's fraction")
		}
		for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
			p.i++
		}
	}
	if c := p.peek(); c == 'e' || c == 'E' {
		integral = false
		p.i++
		if c := p.peek(); c == '+' || c == '-' {
			p.i++
		}
		if c := p.peek(); c < '0' || c > '9' {
			return start, p.i, false, p.fail("invalid character in a number's exponent")
		}
		for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
			p.i++
		}
	}
	return start, p.i, integral, true
}

// integer reads a JSON number that must be an integer of the given width (as encoding/json into an
// int or int64: a fraction, an exponent or an overflow is refused).
func (p *parser) integer(bits uint) (int64, bool) {
	if c := p.peek(); c != '-' && (c < '0' || c > '9') {
		p.skip(0)
		return 0, p.fail("a number member holds another JSON type")
	}
	start, end, integral, ok := p.number()
	if !ok {
		return 0, false
	}
	if !integral {
		return 0, p.fail("a number that is not an integer")
	}
	neg := p.b[start] == '-'
	if neg {
		start++
	}
	limit := uint64(1)<<(bits-1) - 1
	if neg {
		limit++
	}
	var u uint64
	for _, c := range p.b[start:end] {
		d := uint64(c - '0')
		if u > (limit-d)/10 {
			return 0, p.fail("an integer out of range")
		}
		u = u*10 + d
	}
	if neg {
		return -int64(u), true
	}
	return int64(u), true
}

// str reads a JSON string at p.i and unescapes it in place (an escape is never shorter than what
// it stands for), returning the unescaped bytes as a sub-slice of the line.
func (p *parser) str() ([]byte, bool) {
	if p.peek() != '"' {
		return nil, p.fail("want a string")
	}
	p.i++
	w := p.i
	start := w
	for {
		if p.i >= len(p.b) {
			return nil, p.fail("unexpected end of JSON input in a string")
		}
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			return p.b[start:w], true
		case c < 0x20:
			return nil, p.fail("invalid control character in a string")
		case c != '\\':
			p.b[w] = c
			w++
			p.i++
			continue
		}
		p.i++
		if p.i >= len(p.b) {
			return nil, p.fail("unexpected end of JSON input in a string")
		}
		e := p.b[p.i]
		p.i++
		switch e {
		case '"', '\\', '/':
			p.b[w] = e
		case 'b':
			p.b[w] = '\b'
		case 'f':
			p.b[w] = '\f'
		case 'n':
			p.b[w] = '\n'
		case 'r':
			p.b[w] = '\r'
		case 't':
			p.b[w] = '\t'
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return nil, false
			}
			if r >= 0xd800 && r < 0xdc00 && p.i+6 <= len(p.b) && p.b[p.i] == '\\' && p.b[p.i+1] == 'u' {
				save := p.i
				p.i += 2
				if r2, ok := p.hex4(); ok && r2 >= 0xdc00 && r2 < 0xe000 {
					r = 0x10000 + (r-0xd800)<<10 + (r2 - 0xdc00)
				} else {
					p.i = save
					p.err = parseError{}
					r = 0xfffd
				}
			} else if r >= 0xd800 && r < 0xe000 {
				r = 0xfffd
			}
			w += putRune(p.b[w:], r)
			continue
		default:
			return nil, p.fail("invalid escape in a string")
		}
		w++
	}
}

func (p *parser) hex4() (int32, bool) {
	if p.i+4 > len(p.b) {
		return 0, p.fail("a short \\u escape")
	}
	var r int32
	for _, c := range p.b[p.i : p.i+4] {
		d, ok := hexDigit(c)
		if !ok {
			return 0, p.fail("invalid \\u escape")
		}
		r = r<<4 | int32(d)
	}
	p.i += 4
	return r, true
}

// putRune writes r as UTF-8 into b (room for it is guaranteed by the escape it replaces).
func putRune(b []byte, r int32) int {
	switch {
	case r < 0x80:
		b[0] = byte(r)
		return 1
	case r < 0x800:
		b[0], b[1] = 0xc0|byte(r>>6), 0x80|byte(r)&0x3f
		return 2
	case r < 0x10000:
		b[0], b[1], b[2] = 0xe0|byte(r>>12), 0x80|byte(r>>6)&0x3f, 0x80|byte(r)&0x3f
		return 3
	}
	b[0], b[1], b[2], b[3] = 0xf0|byte(r>>18), 0x80|byte(r>>12)&0x3f, 0x80|byte(r>>6)&0x3f, 0x80|byte(r)&0x3f
	return 4
}

// skip checks and passes over any JSON value.
func (p *parser) skip(depth int) bool {
	if depth > maxNesting {
		return p.fail("exceeded max depth")
	}
	switch c := p.peek(); {
	case c == '"':
		_, ok := p.str()
		return ok
	case c == '-' || (c >= '0' && c <= '9'):
		_, _, _, ok := p.number()
		return ok
	case c == '{' || c == '[':
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		p.i++
		p.ws()
		if p.peek() == closer {
			p.i++
			return true
		}
		for {
			p.ws()
			if c == '{' {
				if _, ok := p.str(); !ok {
					return false
				}
				p.ws()
				if p.peek() != ':' {
					return p.fail("want ':' after an object key")
				}
				p.i++
				p.ws()
			}
			if !p.skip(depth + 1) {
				return false
			}
			p.ws()
			d := p.peek()
			p.i++
			if d == closer {
				return true
			}
			if d != ',' {
				p.i--
				return p.fail("want ',' or a closing bracket")
			}
		}
	}
	for _, lit := range [...]string{"true", "false", "null"} {
		if p.i+len(lit) <= len(p.b) && eq(p.b[p.i:p.i+len(lit)], lit) {
			p.i += len(lit)
			return true
		}
	}
	if p.i >= len(p.b) {
		return p.fail("unexpected end of JSON input")
	}
	return p.fail("invalid character looking for a value")
}

// hexDigit is the value of one hex digit of either case (the protocol's numbers and JSON's \u escapes).
func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
