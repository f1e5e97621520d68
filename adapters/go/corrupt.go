package main

// TRANSPORT (startup): the negative control (-corrupt): write slot 5 of the table and the last byte of
// the shared zero, so that a suite must flag SV-001/SV-007 and ZV-009. In the gc runtime both live in
// writable data (staticuint64s in noptrdata, zeroVal in noptrbss); where a platform maps them
// read-only the page is made writable with mprotect, and if that fails too the adapter says so and
// exits with status 3. The last byte of the zero is chosen because the runtime itself reads the first
// bytes of the zero for every missing-key lookup: writing byte 7 makes reflect dereference garbage.

import (
	"syscall"
	"unsafe"
)

// corruptSlotValue is what slot 5 holds afterwards (stored little-endian on every machine): anything but 5.
const corruptSlotValue = 0xBADC0FFEE0DDF00D

func corruptRuntime() {
	slot := table + 5*8
	if !writeWithFallback(slot, writeSlot) {
		corruptFailed("table slot 5", slot)
	}
	zb, zs, ok := zeroRegion()
	if !ok {
		corruptFailed("shared zero (not found)", 0)
	}
	corruptZeroAt = zb + zs - 1
	if !writeWithFallback(corruptZeroAt, writeZeroByte) {
		corruptFailed("shared zero", corruptZeroAt)
	}
	diagStart().s("-corrupt: wrote table slot 5 at ").hex(uint64(slot)).s(" and zero byte at ").hex(uint64(corruptZeroAt))
	diagEnd()
}

var corruptZeroAt uintptr

func writeSlot() {
	p := (*[8]byte)(unsafe.Pointer(table + 5*8))
	for i := range p {
		p[i] = byte(uint64(corruptSlotValue) >> (8 * i))
	}
}

func writeZeroByte() { *(*byte)(unsafe.Pointer(corruptZeroAt)) = 0x5A }

func corruptFailed(what string, addr uintptr) {
	diagStart().s("-corrupt failed: ").s(what).s(": read-only memory at ").hex(uint64(addr)).s(" and mprotect failed, or the write faulted")
	diagEnd()
	sysExit(3)
}

func writeWithFallback(addr uintptr, write func()) bool {
	if tryWrite(write) {
		return true
	}
	page := uintptr(syscall.Getpagesize())
	start := addr &^ (page - 1)
	if _, _, e := syscall.Syscall(syscall.SYS_MPROTECT, start, 2*page, syscall.PROT_READ|syscall.PROT_WRITE); e != 0 {
		return false
	}
	return tryWrite(write)
}

func tryWrite(write func()) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	write()
	return true
}
