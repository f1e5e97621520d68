package main

// OPERATIONS UNDER TEST, protocol 2 (PROTOCOL2.md sections 3 and 4): the further value kinds and the
// empty non-nil slice, each converted by a //go:noinline function of a run-time value whose interface
// result is stored to a package-level variable (convSinkIface), so that the runtime's conversion is
// observed, not a compiler constant or a stack temporary.

import "unsafe"

type pair32 struct{ A, B uint32 }

//go:noinline
//adapter:undertest
func convFloat32(v float32) interface{} { return v }

//go:noinline
//adapter:undertest
func convFloat64(v float64) interface{} { return v }

//go:noinline
//adapter:undertest
func convComplex64(v complex64) interface{} { return v }

//go:noinline
//adapter:undertest
func convPair32(v pair32) interface{} { return v }

//go:noinline
//adapter:undertest
func convArray8(v [8]byte) interface{} { return v }

//go:noinline
//adapter:undertest
func convZerosize(v struct{}) interface{} { return v }

// storeBits writes bits, read as an unsigned integer of width bytes in the machine's byte order, into
// the value at p, one byte at a time (array8 is 1-aligned: no wide store at an unaligned address).
func storeBits(p unsafe.Pointer, bits uint64, width uintptr) {
	for i := uintptr(0); i < width; i++ {
		shift := 8 * i
		if bigEndian {
			shift = 8 * (width - 1 - i)
		}
		*(*byte)(unsafe.Pointer(uintptr(p) + i)) = byte(bits >> shift)
	}
}

// convert2 converts a run-time value of a protocol-2 kind whose memory holds bits.
//
//adapter:undertest
func convert2(k valueKind, bits uint64) (interface{}, allocation) {
	var x interface{}
	var a allocation
	switch k {
	case valueFloat32:
		var v float32
		storeBits(unsafe.Pointer(&v), bits, 4)
		a = measureMin(func() { x = convFloat32(v) })
	case valueFloat64:
		var v float64
		storeBits(unsafe.Pointer(&v), bits, 8)
		a = measureMin(func() { x = convFloat64(v) })
	case valueComplex64:
		var v complex64
		storeBits(unsafe.Pointer(&v), bits, 8)
		a = measureMin(func() { x = convComplex64(v) })
	case valuePair32:
		var v pair32
		storeBits(unsafe.Pointer(&v), bits, 8)
		a = measureMin(func() { x = convPair32(v) })
	case valueArray8:
		var v [8]byte
		storeBits(unsafe.Pointer(&v), bits, 8)
		a = measureMin(func() { x = convArray8(v) })
	case valueZerosize:
		var v struct{}
		a = measureMin(func() { x = convZerosize(v) })
	}
	return x, a
}

var emptyLen = 0 // a run-time length: make([]byte, emptyLen) is made by the runtime, not folded

//go:noinline
//adapter:undertest
func makeEmptySlice(n int) []byte { return make([]byte, n) }

// emptySlice converts an empty, non-nil []byte made at run time to an interface.
//
//adapter:undertest
func emptySlice() (uintptr, allocation) {
	s := makeEmptySlice(emptyLen)
	var x interface{}
	a := measureMin(func() { x = convSlice(s) })
	keep(x)
	return uintptr(dataWord(x)), a
}
