package main

// TRANSPORT: raw system calls for the protocol stream, files under /proc and stderr diagnostics.
// Nothing here converts a non-pointer value to an interface, makes a string at run time or builds an
// error value: syscall.Syscall hands back the errno as a number (syscall.Read would box it in an error
// interface, through the very conversions under test). README.md "The transport rule".

import (
	"syscall"
	"unsafe"
)

const (
	fdIn  = 0
	fdOut = 1
	fdErr = 2
)

// sysRead reads at most len(b) bytes (len(b) > 0); EINTR is retried. It returns the count or the errno.
// holdP: read with syscall.RawSyscall, which skips entersyscall/exitsyscall, for a read that waits (stdin
// between requests). Through syscall.Syscall every wait longer than sysmon's 20 us tick made sysmon retake
// the P and start another M to spin and park on it (futex and epoll_pwait), and kept sysmon itself polling
// every 20 us: per request more CPU than the request. Nothing else needs the P while the adapter waits for
// a request (one goroutine; GC only when the adapter asks for it).
func sysRead(fd int, b []byte, holdP bool) (int, syscall.Errno) {
	for {
		var n uintptr
		var e syscall.Errno
		if holdP {
			n, _, e = syscall.RawSyscall(syscall.SYS_READ, uintptr(fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
		} else {
			n, _, e = syscall.Syscall(syscall.SYS_READ, uintptr(fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
		}
		switch e {
		case 0:
			return int(n), 0
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			sysYield()
			continue
		}
		return -1, e
	}
}

// sysWriteAll writes all of b; EINTR and short writes are retried.
func sysWriteAll(fd int, b []byte) syscall.Errno {
	for len(b) > 0 {
		n, _, e := syscall.Syscall(syscall.SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
		switch e {
		case 0:
			b = b[n:]
			continue
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			sysYield()
			continue
		}
		return e
	}
	return 0
}

func sysYield() { syscall.Syscall(syscall.SYS_SCHED_YIELD, 0, 0, 0) }

// sysBlocking clears O_NONBLOCK on fd, so that reads and writes wait instead of answering EAGAIN.
func sysBlocking(fd int) {
	fl, _, e := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), syscall.F_GETFL, 0)
	if e == 0 && fl&syscall.O_NONBLOCK != 0 {
		syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), syscall.F_SETFL, fl&^syscall.O_NONBLOCK)
	}
}

// sysExit ends the process at once with status code.
func sysExit(code int) {
	syscall.Syscall(syscall.SYS_EXIT_GROUP, uintptr(code), 0, 0)
}

// A file opened with raw system calls (os.Open would register it with the runtime's poller, whose first
// use crashed Go 1.22 under qemu-user on mips64: SIGBUS in runtime.netpollinit).
type rawFile struct{ fd int }

// openRaw opens path (a NUL-terminated byte string) read-only.
func openRaw(path []byte) (rawFile, bool) {
	dirfd := -100 // AT_FDCWD
	fd, _, e := syscall.Syscall6(syscall.SYS_OPENAT, uintptr(dirfd), uintptr(unsafe.Pointer(&path[0])), syscall.O_RDONLY|syscall.O_CLOEXEC, 0, 0, 0)
	if e != 0 {
		return rawFile{-1}, false
	}
	return rawFile{int(fd)}, true
}

func (f rawFile) close() { syscall.Syscall(syscall.SYS_CLOSE, uintptr(f.fd), 0, 0) }

// readAt fills b from offset off (files below 2 GiB: lseek takes a word); false on error or early end.
func (f rawFile) readAt(b []byte, off uint64) bool {
	if off > 1<<31-1 {
		return false
	}
	if _, _, e := syscall.Syscall(syscall.SYS_LSEEK, uintptr(f.fd), uintptr(off), 0); e != 0 {
		return false
	}
	for len(b) > 0 {
		n, e := sysRead(f.fd, b, false)
		if e != 0 || n <= 0 {
			return false
		}
		b = b[n:]
	}
	return true
}

// readAll appends the whole file (read from its start to its end) to dst.
func (f rawFile) readAll(dst []byte) ([]byte, bool) {
	if _, _, e := syscall.Syscall(syscall.SYS_LSEEK, uintptr(f.fd), 0, 0); e != 0 {
		return dst, false
	}
	for {
		if cap(dst)-len(dst) < 4096 {
			grown := make([]byte, len(dst), 2*cap(dst)+4096)
			copy(grown, dst)
			dst = grown
		}
		n, e := sysRead(f.fd, dst[len(dst):cap(dst)], false)
		if e != 0 {
			return dst, false
		}
		if n == 0 {
			return dst, true
		}
		dst = dst[:len(dst)+n]
	}
}

// diag writes one diagnostics line to stderr (never the protocol stream): "goadapter: " + the text.
var diagBuf = text{b: make([]byte, 0, 1024)}

func diagStart() *text {
	diagBuf.reset()
	return diagBuf.s("goadapter: ")
}

func diagEnd() {
	diagBuf.c('\n')
	sysWriteAll(fdErr, diagBuf.b)
}
