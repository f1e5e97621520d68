// Command goadapter answers exec protocol 1 (docs/protocol.md) from inside a real Go runtime:
// it reads the runtime's own small-value table and shared zero, converts values through
// //go:noinline functions and counts what each operation allocated with runtime.MemStats.
//
// It reports what the runtime does; it never adjusts an observation. Diagnostics go to stderr.
//
// The adapter is split in two (README.md "The transport rule"): the TRANSPORT (startup, reading and
// framing lines, parsing requests, writing replies and diagnostics: main.go, wire_*.go, dispatch.go,
// corrupt.go) never touches a runtime path under test, so that a runtime broken exactly where the suite
// looks still completes the handshake and gets each failure named; the OPERATIONS UNDER TEST
// (undertest*.go, each function marked //adapter:undertest) are the only code that converts values to
// interfaces, makes strings, types or maps. transport_test.go enforces the split.
package main

import (
	"os"
	"runtime"
	"runtime/debug"
)

// maxLine bounds one request line; a longer line is answered with an error and skipped.
const maxLine = 1 << 20

// gcEvery: the collector is off (between the two MemStats reads of a measurement it must stay quiet)
// and runs explicitly every gcEvery requests instead.
const gcEvery = 4096

// flushAt: replies are written out when this much is pending, and always before waiting for input.
const flushAt = 512 << 10

var (
	startProcs = 1                       // GOMAXPROCS as the process started (raceFirstUse runs with it)
	inBuf      = make([]byte, maxLine+1) // one line of maxLine bytes and its newline
	out        = text{b: make([]byte, 0, 2<<20)}
)

func main() {
	corrupt := false
	for _, a := range os.Args[1:] {
		switch a {
		case "-corrupt", "--corrupt", "-corrupt=true", "--corrupt=true":
			corrupt = true
		case "-corrupt=false", "--corrupt=false":
			corrupt = false
		case "-exec-check":
			sysExit(0) // run.sh: can this kernel start the binary natively?
		default:
			diagStart().s("unknown argument ").quotedStr(a).s(" (the only one is -corrupt)")
			diagEnd()
			sysExit(2)
		}
	}

	// Faults on bad addresses (read) become panics we can answer instead of crashes.
	debug.SetPanicOnFault(true)
	debug.SetGCPercent(-1)
	// One P between requests (README.md "Counting allocations"): each measurement stops the world, and
	// with an idle second P every startTheWorld wakes an M to spin on it (go1.19 src/runtime/proc.go:1306-1309
	// startTheWorldWithSema -> wakep), which the next stopTheWorld must then stop again: 7-37 us per
	// ReadMemStats on 2 cores, about 1 us with one P (wakep finds no idle P: proc.go:2423, pidleget in
	// 1.21+). Allocation counts do not depend on it; raceFirstUse gets the Ps back while its threads run.
	startProcs = runtime.GOMAXPROCS(1)
	sysBlocking(fdIn)
	sysBlocking(fdOut)

	initRuntime()
	if corrupt {
		corruptRuntime() // exits with status 3 if it cannot write
	}
	d := diagStart().s(runtime.Compiler).c(' ')
	writeVersion(d)
	d.c(' ').s(goos).c('/').s(goarch).s(" ready")
	diagEnd()
	serve()
}

// serve answers every line of stdin in order until stdin ends.
func serve() {
	start, end := 0, 0
	discarding := false // inside a line longer than maxLine: skipping to its newline
	served := 0
	for {
		for {
			nl := indexNewline(inBuf[start:end])
			if nl < 0 {
				break
			}
			line := inBuf[start : start+nl]
			start += nl + 1
			if discarding {
				discarding = false
				replyTooLong()
			} else {
				// Every earlier reply goes out before this request's operation runs: if the operation
				// brings the process down (a fatal error of a broken runtime), this request is the oldest
				// unanswered one, the one the client charges with the crash (ExecAdapter.Submit), also
				// inside a batch. One write per request; the operation's own cost is about the same.
				flush()
				handle(line)
			}
			served++
			if served%gcEvery == 0 {
				runtime.GC()
			}
			if len(out.b) >= flushAt {
				flush()
			}
		}
		switch {
		case start == end || discarding:
			start, end = 0, 0
		case start > 0:
			copy(inBuf, inBuf[start:end])
			end -= start
			start = 0
		}
		if end == len(inBuf) {
			discarding = true
			start, end = 0, 0
		}
		flush()
		n, e := sysRead(fdIn, inBuf[end:], true) // waiting holds the P (sysRead)
		if e != 0 {
			diagStart().s("reading stdin: errno ").dec(int64(e))
			diagEnd()
			sysExit(1)
		}
		if n == 0 {
			if discarding {
				replyTooLong()
			} else if end > start {
				handle(inBuf[start:end]) // a last line without newline is still answered
			}
			flush()
			return
		}
		end += n
	}
}

func indexNewline(b []byte) int {
	for i, c := range b {
		if c == '\n' {
			return i
		}
	}
	return -1
}

func flush() {
	if len(out.b) == 0 {
		return
	}
	if e := sysWriteAll(fdOut, out.b); e != 0 {
		diagStart().s("writing stdout: errno ").dec(int64(e))
		diagEnd()
		sysExit(1)
	}
	out.reset()
}
