package main

// The wire format of exec protocol 1 (docs/protocol.md). One JSON object per line.
// 64-bit quantities travel as "0x..." hex strings, never JSON numbers.

import (
	"errors"
	"strconv"
	"strings"
)

// protocolVersion is the only protocol this adapter speaks.
const protocolVersion = 1

type request struct {
	ID        *int64  `json:"id"`
	Op        string  `json:"op"`
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
}

type reply struct {
	ID     int64       `json:"id"`
	OK     bool        `json:"ok"`
	Result interface{} `json:"result,omitempty"`
	Error  *replyError `json:"error,omitempty"`
}

type replyError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// opError is an error with a protocol error code.
type opError struct {
	code string
	msg  string
}

func (e *opError) Error() string { return e.msg }

func badRequest(msg string) error  { return &opError{"bad-request", msg} }
func unsupported(msg string) error { return &opError{"unsupported", msg} }

type hexU64 uint64

func (h hexU64) MarshalJSON() ([]byte, error) {
	return []byte(`"0x` + strconv.FormatUint(uint64(h), 16) + `"`), nil
}

func parseHex(field, s string) (uint64, error) {
	if !strings.HasPrefix(s, "0x") || len(s) < 3 || len(s) > 18 {
		return 0, badRequest(field + ": want a \"0x...\" hex string of at most 64 bits, got " + strconv.Quote(s))
	}
	v, err := strconv.ParseUint(s[2:], 16, 64)
	if err != nil {
		return 0, badRequest(field + ": " + err.Error())
	}
	return v, nil
}

type allocation struct {
	Objects hexU64 `json:"objects"`
	Bytes   hexU64 `json:"bytes"`
}

type pointed struct {
	Pointer   hexU64     `json:"pointer"`
	Allocated allocation `json:"allocated"`
}

type region struct {
	Name string `json:"name"`
	Base hexU64 `json:"base"`
	Size hexU64 `json:"size"`
}

type regionMap struct {
	Table        *region  `json:"table"`
	StaticZero   *region  `json:"staticZero"`
	CompilerZero *region  `json:"compilerZero"`
	ZeroBuffers  []region `json:"zeroBuffers"`
}

type createdType struct {
	Type      int64      `json:"type"`
	Size      hexU64     `json:"size"`
	Allocated allocation `json:"allocated"`
	Name      string     `json:"name,omitempty"`
	// Panic is reflect's panic when the runtime refuses to make the type (e.g. ChanOf of an element
	// of 64 KiB or more): data for the suite, like makeMap's throw; Type is then -1.
	Panic string `json:"panic,omitempty"`
}

type helloResult struct {
	Protocol int      `json:"protocol"`
	Runtime  rtInfo   `json:"runtime"`
	Arch     archInfo `json:"arch"`
	Features []string `json:"features"`
	Notes    []string `json:"notes,omitempty"`
}

type rtInfo struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type archInfo struct {
	WordBits  int    `json:"wordBits"`
	ByteOrder string `json:"byteOrder"`
	Native    string `json:"native"`
}

type sighting struct {
	Zero  hexU64 `json:"zero"`
	Ready bool   `json:"ready"`
}

var errNoID = errors.New("request has no id")
