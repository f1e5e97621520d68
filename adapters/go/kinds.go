package main

// TRANSPORT: the names the protocol gives kinds, read from request bytes without making strings.

type valueKind int

const (
	valueUnknown valueKind = iota
	valueBool
	valueInt8
	valueUint8
	valueInt16
	valueUint16
	valueInt32
	valueUint32
	valueInt64
	valueUint64
	valueInt
	valueUint
	valueUintptr
	// protocol 2 (PROTOCOL2.md section 3)
	valueFloat32
	valueFloat64
	valueComplex64
	valuePair32
	valueArray8
	valueZerosize
)

const firstProtocol2Kind = valueFloat32

var valueKindNames = [...]string{
	valueBool: "bool", valueInt8: "int8", valueUint8: "uint8", valueInt16: "int16", valueUint16: "uint16",
	valueInt32: "int32", valueUint32: "uint32", valueInt64: "int64", valueUint64: "uint64", valueInt: "int",
	valueUint: "uint", valueUintptr: "uintptr", valueFloat32: "float32", valueFloat64: "float64",
	valueComplex64: "complex64", valuePair32: "pair32", valueArray8: "array8", valueZerosize: "zerosize",
}

// valueKindOf matches a kind name ignoring ASCII case (protocol 1 lower-cased it with strings.ToLower).
func valueKindOf(b []byte) valueKind {
	for k := valueBool; k <= valueZerosize; k++ {
		if eqFold(b, valueKindNames[k]) {
			return k
		}
	}
	return valueUnknown
}

var typeKindNames = [...]string{
	kindArray: "array", kindStruct: "struct", kindPointer: "pointer", kindChan: "chan", kindMap: "map",
	kindFunc: "func", kindSlice: "slice",
}

// typeKindOf matches a createType kind exactly (protocol 1 compared it exactly).
func typeKindOf(b []byte) typeKind {
	for k := kindArray; k <= kindSlice; k++ {
		if eq(b, typeKindNames[k]) {
			return k
		}
	}
	return kindUnknown
}
