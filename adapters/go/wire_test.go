package main

// The hand-written wire code against encoding/json (tests may use it; the adapter may not): JSON
// strings are written byte for byte as encoding/json writes them, and requests are read as
// encoding/json read them into the protocol-1 request struct.

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"strconv"
	"testing"
)

func TestJSONStringIsEncodingJSONs(t *testing.T) {
	cases := []string{"", "a", "reflect.ChanOf: element size too large", "<-chan [8]uint8 & >", "tab\tnl\ncr\r\x00\x1f\x7f",
		"quote\" backslash\\", "é ü 日本 \U0001F600", "\u2028\u2029", "bad \xff\xfe utf8 \xc3", "\xed\xa0\x80 surrogate", "\xf4\x90\x80\x80 > max"}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 2000; i++ {
		b := make([]byte, r.Intn(12))
		r.Read(b)
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		want, _ := json.Marshal(s)
		var got text
		got.jsonStr(s)
		// Go 1.22's encoding/json writes \b and \f short; before, \u0008 and \u000c (both are JSON for the same string).
		want = bytes.ReplaceAll(bytes.ReplaceAll(want, []byte(`\b`), []byte(`\u0008`)), []byte(`\f`), []byte(`\u000c`))
		if !bytes.Equal(got.b, want) {
			t.Errorf("jsonStr(%q) = %s, encoding/json: %s", s, got.b, want)
		}
	}
}

func TestNumbersAreStrconvs(t *testing.T) {
	for _, v := range []uint64{0, 1, 9, 10, 15, 16, 255, 256, 1<<32 - 1, 1 << 32, 1<<63 + 5, 1<<64 - 1} {
		var h, d text
		h.hex(v)
		d.dec(int64(v))
		if string(h.b) != "0x"+strconv.FormatUint(v, 16) || string(d.b) != strconv.FormatInt(int64(v), 10) {
			t.Errorf("%d: hex %s dec %s", v, h.b, d.b)
		}
	}
}

// request1 is the protocol-1 adapter's request struct, read by encoding/json.
type request1 struct {
	ID        *int64  `json:"id"`
	Op        string  `json:"op,omitempty"`
	Protocols []int   `json:"protocols,omitempty"`
	Address   string  `json:"address,omitempty"`
	Length    *int    `json:"length,omitempty"`
	Kind      string  `json:"kind,omitempty"`
	Size      string  `json:"size,omitempty"`
	Element   *int64  `json:"element,omitempty"`
	Type      *int64  `json:"type,omitempty"`
	Map       *int64  `json:"map,omitempty"`
	Key       string  `json:"key,omitempty"`
	Fill      *int    `json:"fill,omitempty"`
	Bits      string  `json:"bits,omitempty"`
	Value     *int    `json:"value,omitempty"`
	Types     []int64 `json:"types,omitempty"`
	Threads   *int    `json:"threads,omitempty"`
	// Protocol 2's one boolean argument (regions).
	Protection *bool `json:"protection,omitempty"`
}

func TestRequestsReadAsEncodingJSONReadThem(t *testing.T) {
	lines := []string{
		`{"id":1,"op":"hello","protocols":[1,2]}`,
		` { "id" : -7 , "op" : "read" , "address" : "0x10" , "length" : 8 } `,
		`{"ID":3,"Op":"convert","KIND":"uint16","bits":"0xc8","extra":{"a":[1,2.5e3,{"b":null}],"c":true,"d":"x\"y"}}`,
		`{"id":4,"op":"cre\u0061teType","kind":"array","size":"0x10"}`,
		`{"id":5,"op":"raceFirstUse","types":[1,2,3],"threads":4}`,
		`{"id":6,"op":"x","types":null,"length":null,"address":null}`,
		`{"id":7,"op":"x","id":8}`,
		`{"id":9.5,"op":"x"}`, `{"id":"9","op":"x"}`, `{"id":1e2}`, `{"id":9223372036854775808}`,
		`{"id":-9223372036854775808}`, `{"id":1,"length":2147483648}`, `{"id":1,"op":5}`,
		`{"id":1,"op":"x"} trailing`, `{"id":1,"op":"x",}`, `{"id":1 "op":"x"}`, `{"id":01}`, `[1]`, `"x"`, ``, `{`,
		`{"id":1,"op":"a\u00e9\ud83d\ude00b"}`, `{"id":1,"op":"tab	raw"}`, `{"id":1,"x":[[[[[]]]]],"op":"y"}`,
		`{"op":"hello"}`, `{"id":null,"op":"hello"}`, `{"id":2,"protocols":[1,"2"]}`, `{"id":2,"types":[1.0]}`,
		`{"id":1,"op":"regions","protection":false}`, `{"id":1,"op":"regions","Protection":true}`, `{"id":1,"protection":null}`,
		`{"id":1,"protection":false,"protection":null}`, `{"id":1,"protection":true,"protection":false}`,
		`{"id":1,"protection":"false"}`, `{"id":1,"protection":0}`, `{"id":1,"protection":fals}`, `{"id":1,"protection":False}`,
	}
	for _, line := range lines {
		var want request1
		werr := json.Unmarshal([]byte(line), &want)
		var got request
		got.protos, got.types = make([]int64, 0, 4), make([]int64, 0, 4)
		var p parser
		ok := parseRequest([]byte(line), &got, &p)
		if (werr == nil) != ok {
			if werr == nil && want.ID == nil {
				continue // "null" and the like: encoding/json took them, both answer bad-request
			}
			t.Errorf("%s: encoding/json error %v, parser ok %v (%s)", line, werr, ok, p.err.why)
			continue
		}
		if !ok {
			continue
		}
		if (want.ID != nil) != got.hasID || (want.ID != nil && *want.ID != got.id) {
			t.Errorf("%s: id", line)
		}
		if want.Op != string(got.op) || want.Kind != string(got.kind) || want.Address != string(got.address) || want.Size != string(got.size) || want.Bits != string(got.bits) || want.Key != string(got.key) {
			t.Errorf("%s: strings %+v vs op=%q kind=%q address=%q", line, want, got.op, got.kind, got.address)
		}
		checkInt := func(name string, w *int, has bool, v int64) {
			if (w != nil) != has || (w != nil && int64(*w) != v) {
				t.Errorf("%s: %s", line, name)
			}
		}
		checkInt("length", want.Length, got.has&hasLength != 0, got.length)
		checkInt("fill", want.Fill, got.has&hasFill != 0, got.fill)
		checkInt("value", want.Value, got.has&hasValue != 0, got.value)
		checkInt("threads", want.Threads, got.has&hasThreads != 0, got.threads)
		if (want.Protection != nil && !*want.Protection) != got.noProtection {
			t.Errorf("%s: protection", line)
		}
		if len(want.Types) != len(got.types) || len(want.Protocols) != len(got.protos) {
			t.Errorf("%s: arrays", line)
		}
	}
}
