//go:build gc && !go1.23

package main

// Before Go 1.23 the linker lets package main pull runtime.staticuint64s by name.

import (
	"unsafe"
)

//go:linkname runtimeStaticuint64s runtime.staticuint64s
var runtimeStaticuint64s [256]uint64

const tableSource = "go:linkname runtime.staticuint64s"

func tableBase() uintptr { return uintptr(unsafe.Pointer(&runtimeStaticuint64s[0])) }
