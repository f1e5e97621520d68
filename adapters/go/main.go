// Command goadapter answers exec protocol 1 (docs/protocol.md) from inside a real Go runtime:
// it reads the runtime's own small-value table and shared zero, converts values through
// //go:noinline functions and counts what each operation allocated with runtime.MemStats.
//
// It reports what the runtime does; it never adjusts an observation. Diagnostics go to stderr.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
)

// maxLine bounds one request line; a longer line is answered with an error and skipped.
const maxLine = 1 << 20

func main() {
	corrupt := flag.Bool("corrupt", false, "negative control: write table slot 5 and a byte of the shared zero before answering")
	flag.Parse()

	// Faults on bad addresses (read) become panics we can answer instead of crashes.
	debug.SetPanicOnFault(true)
	// The collector stays quiet between the two MemStats reads of a measurement; it is run
	// explicitly every gcEvery requests instead (see serve).
	debug.SetGCPercent(-1)

	initRuntime()
	if *corrupt {
		if err := corruptRuntime(); err != nil {
			fmt.Fprintln(os.Stderr, "goadapter: -corrupt failed:", err)
			os.Exit(3)
		}
	}
	fmt.Fprintf(os.Stderr, "goadapter: %s %s %s/%s ready\n", runtime.Compiler, runtimeVersion(), runtime.GOOS, runtime.GOARCH)
	if err := serve(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "goadapter:", err)
		os.Exit(1)
	}
}

const gcEvery = 4096

func serve(in io.Reader, out io.Writer) error {
	r := bufio.NewReaderSize(in, 64<<10)
	w := bufio.NewWriterSize(out, 64<<10)
	enc := json.NewEncoder(w)
	n := 0
	for {
		line, tooLong, err := readLine(r)
		if err == io.EOF {
			return w.Flush()
		}
		if err != nil {
			return err
		}
		var rep reply
		if tooLong {
			rep = reply{ID: -1, Error: &replyError{"bad-request", fmt.Sprintf("request line longer than %d bytes", maxLine)}}
		} else {
			rep = handle(line)
		}
		if err := enc.Encode(&rep); err != nil {
			return err
		}
		// Flush when the client has nothing more queued: batches get one write, single requests no delay.
		if r.Buffered() == 0 {
			if err := w.Flush(); err != nil {
				return err
			}
		}
		n++
		if n%gcEvery == 0 {
			runtime.GC()
		}
	}
}

// readLine reads one line without its newline; a line over maxLine is consumed and reported.
func readLine(r *bufio.Reader) ([]byte, bool, error) {
	var buf []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(buf)+len(chunk) <= maxLine+1 {
			buf = append(buf, chunk...)
		} else {
			buf = buf[:0]
			for err == bufio.ErrBufferFull {
				_, err = r.ReadSlice('\n')
			}
			if err != nil && err != io.EOF {
				return nil, false, err
			}
			return nil, true, nil
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(buf) > 0 {
			return buf, false, nil // a last line without newline is still answered
		}
		if err != nil {
			return nil, false, err
		}
		return buf[:len(buf)-1], false, nil
	}
}

func handle(line []byte) (rep reply) {
	var req request
	if err := json.Unmarshal(line, &req); err != nil {
		return reply{ID: -1, Error: &replyError{"bad-request", "not a JSON request: " + err.Error()}}
	}
	if req.ID == nil {
		return reply{ID: -1, Error: &replyError{"bad-request", errNoID.Error()}}
	}
	rep.ID = *req.ID
	defer func() {
		if p := recover(); p != nil {
			rep.OK = false
			rep.Result = nil
			rep.Error = &replyError{"runtime-panic", fmt.Sprint(p)}
		}
	}()
	res, err := dispatch(&req)
	if err != nil {
		code := "internal"
		if oe, ok := err.(*opError); ok {
			code = oe.code
		}
		rep.Error = &replyError{code, err.Error()}
		return rep
	}
	rep.OK = true
	if res == nil {
		res = struct{}{}
	}
	rep.Result = res
	return rep
}
