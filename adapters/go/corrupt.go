package main

// The negative control (-corrupt): write slot 5 of the table and the last byte of the shared zero,
// so that a suite must flag SV-001/SV-007 and ZV-009. In the gc runtime both live in writable data
// (staticuint64s in noptrdata, zeroVal in noptrbss); where a platform maps them read-only the page
// is made writable with mprotect, and if that fails too the adapter says so and exits.
// The last byte of the zero is chosen because the runtime itself reads the first bytes of the zero
// for every missing-key lookup: writing byte 7 makes reflect dereference garbage and crash.

import (
	"encoding/binary"
	"fmt"
	"os"
	"syscall"
	"unsafe"
)

// corruptSlotValue is what slot 5 holds afterwards: anything but 5.
const corruptSlotValue = 0xBADC0FFEE0DDF00D

func corruptRuntime() error {
	if err := writeWithFallback(table+5*8, func() {
		binary.LittleEndian.PutUint64((*[8]byte)(unsafe.Pointer(table + 5*8))[:], corruptSlotValue)
	}); err != nil {
		return fmt.Errorf("table slot 5: %w", err)
	}
	zr := zeroRegion()
	last := uintptr(zr.Base) + uintptr(zr.Size) - 1
	if err := writeWithFallback(last, func() { *(*byte)(unsafe.Pointer(last)) = 0x5A }); err != nil {
		return fmt.Errorf("shared zero: %w", err)
	}
	fmt.Fprintf(os.Stderr, "goadapter: -corrupt: wrote table slot 5 at %#x and zero byte at %#x\n", table+5*8, last)
	return nil
}

func writeWithFallback(addr uintptr, write func()) error {
	if tryWrite(write) == nil {
		return nil
	}
	page := uintptr(os.Getpagesize())
	start := addr &^ (page - 1)
	mem := unsafe.Slice((*byte)(unsafe.Pointer(start)), 2*page)
	if err := syscall.Mprotect(mem, syscall.PROT_READ|syscall.PROT_WRITE); err != nil {
		return fmt.Errorf("read-only memory at %#x and mprotect failed: %v", addr, err)
	}
	return tryWrite(write)
}

func tryWrite(write func()) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("write faulted: %v", p)
		}
	}()
	write()
	return nil
}
