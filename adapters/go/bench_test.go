package main

// Throughput of the adapter alone (bench.sh runs it; README.md "Throughput"): a Go client starts the
// adapter, sends hello and a workload's setup, then N requests of the workload and reads every reply:
//
//   batched:   batches of B requests (GOADAPTER_BENCH_BATCH, default 4000, as bench --figure 3's Submit):
//              a writer goroutine writes the whole batch while the main goroutine reads its replies, and
//              the next batch starts when the last reply has come (ExecAdapter.Submit's pattern);
//   unbatched: one request, then its reply (how SuiteRunner drives an adapter).
//
// checks/s is the requests of the timed part over its wall time (start-up, hello and setup untimed);
// CPU/request is the adapter process's user+system time (qemu's included under emulation) less that of
// a session without timed requests (the best of three), over the requests. Every reply must be ok.
//
//   GOADAPTER_BENCH="<command> [args]"  the adapter to start (bench.sh: run.sh <rt> <arch>); unset: skipped
//   GOADAPTER_BENCH_N=20000             requests per batched session (unbatched sessions: N/4)
//   GOADAPTER_BENCH_BATCH=4000          requests per batch
//   GOADAPTER_BENCH_WORKLOADS=fig3,small,large,mixed,strings,lookup (default: all)

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// benchWorkloads: the body of request i of the workload (after hello and setup).
var benchWorkloads = map[string]func(i int) string{
	// bench --figure 3's check: convert(uint16, v), v cycling 0..299 (256 table hits, 44 allocations)
	"fig3": func(i int) string { return fmt.Sprintf(`"op":"convert","kind":"uint16","bits":"%#x"`, i%300) },
	// uint16 below 256: served from the table, 0 objects (SV-002's cases)
	"small": func(i int) string { return fmt.Sprintf(`"op":"convert","kind":"uint16","bits":"%#x"`, i%256) },
	// uint16 of 256 and above: 1 object each (SV-003's cases)
	"large": func(i int) string { return fmt.Sprintf(`"op":"convert","kind":"uint16","bits":"%#x"`, 256+i%4096) },
	// every integer kind, 15 of 16 values below 256
	"mixed": func(i int) string {
		kinds := [...]string{"bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "int", "uint", "uintptr"}
		v := i % 256
		if i%16 == 15 {
			v = 256 + i
		}
		if kinds[i%12] == "bool" {
			v &= 1
		}
		return fmt.Sprintf(`"op":"convert","kind":"%s","bits":"%#x"`, kinds[i%12], v)
	},
	// one-byte strings (0 objects)
	"strings": func(i int) string { return fmt.Sprintf(`"op":"oneByteString","value":%d`, i%256) },
	// a missing-key lookup in a map of 16-byte elements made by reflect (0 objects); needs the setup
	"lookup": func(i int) string { return fmt.Sprintf(`"op":"lookupMissing","map":0,"key":"%#x"`, i+1) },
}

var benchSetup = map[string][]string{
	"lookup": {`"op":"createType","kind":"array","size":"0x10"`, `"op":"makeMap","element":0`},
}

type benchResult struct {
	wall time.Duration
	cpu  time.Duration
}

// benchSession runs one adapter process: hello, setup, then n requests of the workload, batched in
// batches of batch requests or unbatched (batch 0).
func benchSession(argv []string, workload string, n, batch int) (benchResult, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return benchResult{}, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return benchResult{}, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return benchResult{}, err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	in := bufio.NewWriterSize(stdin, 1<<16)
	out := bufio.NewReaderSize(stdout, 1<<20)
	gen := benchWorkloads[workload]
	line := func(id int, body string) []byte {
		return []byte(`{"id":` + strconv.Itoa(id) + "," + body + "}\n")
	}
	recv := func(id int) error {
		reply, err := out.ReadSlice('\n')
		if err != nil {
			return fmt.Errorf("%s: reply to request %d: %v", workload, id, err)
		}
		if !bytes.HasPrefix(reply, []byte(`{"id":`+strconv.Itoa(id)+`,"ok":true`)) {
			return fmt.Errorf("%s: reply to request %d: %s", workload, id, reply)
		}
		return nil
	}
	setup := append([]string{`"op":"hello","protocols":[1,2]`}, benchSetup[workload]...)
	for i, s := range setup {
		in.Write(line(i+1, s))
	}
	if err := in.Flush(); err != nil {
		return benchResult{}, err
	}
	for i := range setup {
		if err := recv(i + 1); err != nil {
			return benchResult{}, err
		}
	}
	first := len(setup) + 1
	// All request lines are made before the clock starts.
	lines := make([][]byte, n)
	for i := range lines {
		lines[i] = line(first+i, gen(i))
	}
	start := time.Now()
	if batch > 0 {
		for lo := 0; lo < n; lo += batch {
			hi := lo + batch
			if hi > n {
				hi = n
			}
			written := make(chan error, 1)
			go func(part [][]byte) {
				for _, l := range part {
					in.Write(l)
				}
				written <- in.Flush()
			}(lines[lo:hi])
			for i := lo; i < hi; i++ {
				if err := recv(first + i); err != nil {
					return benchResult{}, err
				}
			}
			if err := <-written; err != nil {
				return benchResult{}, err
			}
		}
	} else {
		for i := 0; i < n; i++ {
			in.Write(lines[i])
			if err := in.Flush(); err != nil {
				return benchResult{}, err
			}
			if err := recv(first + i); err != nil {
				return benchResult{}, err
			}
		}
	}
	wall := time.Since(start)
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		return benchResult{}, fmt.Errorf("%s: adapter: %v", workload, err)
	}
	return benchResult{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}, nil
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func TestBench(t *testing.T) {
	command := os.Getenv("GOADAPTER_BENCH")
	if command == "" {
		t.Skip("GOADAPTER_BENCH is not set (bench.sh sets it)")
	}
	argv := strings.Fields(command)
	n := envInt("GOADAPTER_BENCH_N", 20000)
	batch := envInt("GOADAPTER_BENCH_BATCH", 4000)
	workloads := []string{"fig3", "small", "large", "mixed", "strings", "lookup"}
	if s := os.Getenv("GOADAPTER_BENCH_WORKLOADS"); s != "" {
		workloads = strings.Split(s, ",")
	}
	fmt.Printf("%-8s %-9s %8s %12s %10s\n", "workload", "mode", "requests", "CPU/request", "checks/s")
	for _, w := range workloads {
		if benchWorkloads[w] == nil {
			t.Fatalf("unknown workload %q", w)
		}
		// The CPU of starting, hello and the setup: the best of three sessions without timed requests.
		base := time.Duration(1 << 62)
		for i := 0; i < 3; i++ {
			r, err := benchSession(argv, w, 0, batch)
			if err != nil {
				t.Fatal(err)
			}
			if r.cpu < base {
				base = r.cpu
			}
		}
		for _, mode := range []string{"batched", "unbatched"} {
			m, b := n, batch
			if mode == "unbatched" {
				m, b = n/4, 0
			}
			r, err := benchSession(argv, w, m, b)
			if err != nil {
				t.Fatal(err)
			}
			cpu := float64(r.cpu-base) / float64(m) / 1e3
			fmt.Printf("%-8s %-9s %8d %10.2fus %10.0f\n", w, mode, m, cpu, float64(m)/r.wall.Seconds())
		}
	}
}
