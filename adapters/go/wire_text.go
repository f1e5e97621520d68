package main

import "unsafe"

// TRANSPORT: a byte builder over a preallocated []byte: constant strings, bytes, hex and decimal
// numbers, JSON strings. No strconv, no fmt, no strings made at run time. README.md "The transport rule".

type text struct{ b []byte }

func (t *text) reset() { t.b = t.b[:0] }

func (t *text) s(x string) *text {
	t.b = append(t.b, x...)
	return t
}

func (t *text) bs(x []byte) *text {
	t.b = append(t.b, x...)
	return t
}

func (t *text) c(x byte) *text {
	t.b = append(t.b, x)
	return t
}

const hexDigits = "0123456789abcdef"

// hexDigitsOf writes v in lower-case hex without leading zeros ("0" for zero), as strconv.FormatUint(v, 16).
func (t *text) hexDigitsOf(v uint64) *text {
	var d [16]byte
	i := len(d)
	for {
		i--
		d[i] = hexDigits[v&15]
		v >>= 4
		if v == 0 {
			break
		}
	}
	t.b = append(t.b, d[i:]...)
	return t
}

// hex writes "0x" and v's hex digits (the protocol's form of a 64-bit quantity, fmt's %#x).
func (t *text) hex(v uint64) *text { return t.s("0x").hexDigitsOf(v) }

// dec writes v in decimal, as strconv.FormatInt(v, 10).
func (t *text) dec(v int64) *text {
	var d [20]byte
	i := len(d)
	u := uint64(v)
	if v < 0 {
		u = uint64(-v)
	}
	for {
		i--
		d[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	if v < 0 {
		t.b = append(t.b, '-')
	}
	t.b = append(t.b, d[i:]...)
	return t
}

// hexBytes writes each byte of x as two lower-case hex digits (encoding/hex.EncodeToString).
func (t *text) hexBytes(x []byte) *text {
	for _, c := range x {
		t.b = append(t.b, hexDigits[c>>4], hexDigits[c&15])
	}
	return t
}

// quoted writes x between double quotes for a message, in the manner of strconv.Quote for ASCII:
// '"' and '\\' escaped, other bytes outside printable ASCII as \xNN.
func (t *text) quoted(x []byte) *text { return t.quotedStr(bytesAsString(x)) }

// quotedStr is quoted for a string.
func (t *text) quotedStr(x string) *text {
	t.b = append(t.b, '"')
	for i := 0; i < len(x); i++ {
		c := x[i]
		switch {
		case c == '"' || c == '\\':
			t.b = append(t.b, '\\', c)
		case c >= 0x20 && c < 0x7f:
			t.b = append(t.b, c)
		default:
			t.b = append(t.b, '\\', 'x', hexDigits[c>>4], hexDigits[c&15])
		}
	}
	t.b = append(t.b, '"')
	return t
}

// jsonStr writes x as a JSON string exactly as encoding/json does (HTML-safe escaping of <, > and &,
// \u00XX for other control bytes except \n, \r and \t (Go 1.19-1.21's form; 1.22 writes \b and \f short), invalid UTF-8 as \ufffd, U+2028 and U+2029
// escaped), so that replies stay byte-identical to the encoding/json adapter's.
func (t *text) jsonStr(x string) *text {
	t.b = append(t.b, '"')
	for i := 0; i < len(x); {
		c := x[i]
		if c < 0x80 {
			switch {
			case c == '"' || c == '\\':
				t.b = append(t.b, '\\', c)
			case c == '\n':
				t.b = append(t.b, '\\', 'n')
			case c == '\r':
				t.b = append(t.b, '\\', 'r')
			case c == '\t':
				t.b = append(t.b, '\\', 't')
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				t.b = append(t.b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
			default:
				t.b = append(t.b, c)
			}
			i++
			continue
		}
		r, size := decodeRune(x, i)
		switch {
		case r < 0:
			t.s(`\ufffd`)
		case r == 0x2028 || r == 0x2029:
			t.s(`\u202`).c(hexDigits[r&15])
		default:
			t.b = append(t.b, x[i:i+size]...)
		}
		i += size
	}
	t.b = append(t.b, '"')
	return t
}

// jsonBytes is jsonStr for bytes (a message built in a text buffer).
func (t *text) jsonBytes(x []byte) *text {
	return t.jsonStr(bytesAsString(x))
}

// decodeRune decodes the UTF-8 sequence at x[i] (x[i] >= 0x80): the rune, or -1 for an invalid
// sequence, and the bytes consumed (1 when invalid), with unicode/utf8's rules (no overlong forms, no
// surrogates, nothing above U+10FFFF).
func decodeRune(x string, i int) (int32, int) {
	c := x[i]
	n := len(x) - i
	cont := func(k int) (int32, bool) {
		if k >= n {
			return 0, false
		}
		b := x[i+k]
		return int32(b & 0x3f), b&0xc0 == 0x80
	}
	switch {
	case c >= 0xc2 && c <= 0xdf:
		if b1, ok := cont(1); ok {
			return int32(c&0x1f)<<6 | b1, 2
		}
	case c >= 0xe0 && c <= 0xef:
		b1, ok1 := cont(1)
		b2, ok2 := cont(2)
		if ok1 && ok2 {
			r := int32(c&0x0f)<<12 | b1<<6 | b2
			if r >= 0x800 && (r < 0xd800 || r > 0xdfff) {
				return r, 3
			}
		}
	case c >= 0xf0 && c <= 0xf4:
		b1, ok1 := cont(1)
		b2, ok2 := cont(2)
		b3, ok3 := cont(3)
		if ok1 && ok2 && ok3 {
			r := int32(c&0x07)<<18 | b1<<12 | b2<<6 | b3
			if r >= 0x10000 && r <= 0x10ffff {
				return r, 4
			}
		}
	}
	return -1, 1
}

// bytesAsString views b as a string without copying (no slicebytetostring, so no one-byte-string path):
// the caller must not change b while the string is in use.
func bytesAsString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return *(*string)(unsafe.Pointer(&b))
}

// eq reports whether b holds exactly the bytes of s.
func eq(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range b {
		if b[i] != s[i] {
			return false
		}
	}
	return true
}

// eqFold is eq ignoring ASCII case (encoding/json matched field names case-insensitively).
func eqFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range b {
		x, y := b[i], s[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
