package main

// Protocol 2 (PROTOCOL2.md), Go side, through the built binary with hand-written JSON lines (the C#
// client speaks protocol 1 until it is updated): negotiation, absent lookups, region protections,
// the new value kinds, emptySlice, reset, and compiled maps whose zero is observed. A protocol-1
// client sees none of it.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
)

var built struct {
	once sync.Once
	path string
	err  error
}

// adapterBinary builds the adapter once with the toolchain running the tests.
func adapterBinary(t *testing.T) string {
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "goadapter-test")
		if err != nil {
			built.err = err
			return
		}
		built.path = filepath.Join(dir, "goadapter")
		args := []string{"build", "-o", built.path, "."}
		if runtime.Compiler == "gccgo" {
			// Static, as build.sh links it: dynamically linked, the compiled [70000]byte lookup reads
			// past the end of gccgo's 8192-byte go..zerovalue into unmapped memory and faults.
			args = []string{"build", "-compiler", "gccgo", "-gccgoflags=-static", "-o", built.path, "."}
		}
		cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), args...)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
		if out, err := cmd.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.path
}

type session2 struct {
	t   *testing.T
	in  *bufio.Writer
	out *bufio.Scanner
	id  int
	cmd *exec.Cmd
}

func start(t *testing.T) *session2 {
	cmd := exec.Command(adapterBinary(t))
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &session2{t: t, in: bufio.NewWriter(stdin), out: bufio.NewScanner(stdout), cmd: cmd}
	s.out.Buffer(make([]byte, 2<<20), 2<<20)
	t.Cleanup(func() { stdin.Close(); cmd.Wait() })
	return s
}

// ask sends one request (args: the members after "op", as JSON text) and returns the reply's result,
// or the error object when ok is false.
func (s *session2) ask(op, args string) (map[string]interface{}, bool) {
	s.id++
	line := `{"id":` + strconv.Itoa(s.id) + `,"op":"` + op + `"`
	if args != "" {
		line += "," + args
	}
	line += "}\n"
	s.in.WriteString(line)
	s.in.Flush()
	if !s.out.Scan() {
		s.t.Fatalf("no reply to %s", line)
	}
	var rep map[string]interface{}
	if err := json.Unmarshal(s.out.Bytes(), &rep); err != nil {
		s.t.Fatalf("reply to %s is not JSON: %s", line, s.out.Bytes())
	}
	if rep["ok"] == true {
		return rep["result"].(map[string]interface{}), true
	}
	return rep["error"].(map[string]interface{}), false
}

func (s *session2) must(op, args string) map[string]interface{} {
	r, ok := s.ask(op, args)
	if !ok {
		s.t.Fatalf("%s %s: error %v", op, args, r)
	}
	return r
}

func hexOf(t *testing.T, v interface{}) uint64 {
	s, _ := v.(string)
	n, err := strconv.ParseUint(strings.TrimPrefix(s, "0x"), 16, 64)
	if err != nil || !strings.HasPrefix(s, "0x") {
		t.Fatalf("not a protocol number: %v", v)
	}
	return n
}

func TestProtocol1ClientSeesNoProtocol2(t *testing.T) {
	s := start(t)
	if p := s.must("hello", `"protocols":[1]`)["protocol"]; p != 1.0 {
		t.Fatalf("protocol %v to a protocol-1 client", p)
	}
	for name, r := range s.must("regions", "") {
		if m, ok := r.(map[string]interface{}); ok {
			if _, has := m["protection"]; has {
				t.Errorf("region %s carries a protection in protocol 1", name)
			}
		}
	}
	if n := len(s.must("compilerTypes", "")["types"].([]interface{})); n != 8 {
		t.Errorf("protocol 1 compilerTypes: %d types, want the 8 it always had", n)
	}
	for _, op := range []string{"emptySlice", "reset"} {
		if r, ok := s.ask(op, ""); ok || r["code"] != "bad-request" {
			t.Errorf("%s in protocol 1: %v", op, r)
		}
	}
	if r, ok := s.ask("convert", `"kind":"float32","bits":"0x1"`); ok || r["code"] != "bad-request" {
		t.Errorf("float32 in protocol 1: %v", r)
	}
	big := s.must("createType", `"kind":"struct","size":"0x800"`)["type"]
	m := s.must("makeMap", fmt.Sprintf(`"element":%v`, big))["map"]
	r := s.must("lookupMissing", fmt.Sprintf(`"map":%v,"key":"0x1"`, m))
	if r["pointer"] != "0x0" || r["absent"] != nil {
		t.Errorf("protocol 1 lookup in a reflect map of 2048-byte elements: %v, want pointer 0x0", r)
	}
}

// The client that needs no protection says so ("protection": false: the suite judges none, and under
// qemu-user each reading of /proc/self/maps costs about a millisecond); absent or true, it is given.
func TestRegionsWithoutProtection(t *testing.T) {
	s := start(t)
	s.must("hello", `"protocols":[1,2]`)
	count := func(args string) (regions, protections int) {
		r := s.must("regions", args)
		each := func(v interface{}) {
			if m, ok := v.(map[string]interface{}); ok {
				regions++
				if _, has := m["protection"]; has {
					protections++
				}
			}
		}
		for _, v := range r {
			each(v)
			if list, ok := v.([]interface{}); ok {
				for _, e := range list {
					each(e)
				}
			}
		}
		return regions, protections
	}
	if n, p := count(`"protection":false`); n < 3 || p != 0 {
		t.Errorf(`regions with "protection":false: %d of %d regions carry a protection, want none`, p, n)
	}
	for _, args := range []string{"", `"protection":true`, `"protection":null`} {
		if n, p := count(args); n < 3 || p != n {
			t.Errorf("regions %s: %d of %d regions carry a protection, want all", args, p, n)
		}
	}
	if r, ok := s.ask("regions", `"protection":"no"`); ok || r["code"] != "bad-request" {
		t.Errorf(`regions with "protection":"no": %v, want bad-request`, r)
	}
}

func TestProtocol2(t *testing.T) {
	s := start(t)
	if p := s.must("hello", `"protocols":[1,2]`)["protocol"]; p != 2.0 {
		t.Fatalf("protocol %v to a client offering [1,2]", p)
	}
	regions := s.must("regions", "")
	region := func(name string) (base, size uint64, prot string) {
		r, ok := regions[name].(map[string]interface{})
		if !ok {
			t.Fatalf("regions.%s missing: %v", name, regions)
		}
		prot, _ = r["protection"].(string)
		if len(prot) != 3 {
			t.Errorf("regions.%s: protection %q", name, r["protection"])
		}
		return hexOf(t, r["base"]), hexOf(t, r["size"]), prot
	}
	zeroBase, zeroSize, _ := region("staticZero")
	region("table")
	czBase, czSize, czProt := region("compilerZero")
	t.Logf("compilerZero %v at %#x, %d bytes, %s", regions["compilerZero"].(map[string]interface{})["name"], czBase, czSize, czProt)

	// scan counts in the adapter: the static zero and the compiler's zero hold no non-zero byte; the table does.
	for _, z := range [][2]uint64{{zeroBase, zeroSize}, {czBase, czSize}} {
		r := s.must("scan", fmt.Sprintf(`"address":"%#x","size":"%#x"`, z[0], z[1]))
		if r["nonZero"] != "0x0" || r["first"] != nil {
			t.Errorf("scan of the zero at %#x (%d bytes): %v, want nonZero 0x0 and no first", z[0], z[1], r)
		}
	}
	tableBase, _, _ := region("table")
	if r := s.must("scan", fmt.Sprintf(`"address":"%#x","size":"0x800"`, tableBase)); r["nonZero"] == "0x0" || (r["first"] != "0x8" && r["first"] != "0xf") {
		t.Errorf("scan of the table: %v, want non-zero bytes, the first in slot 1 (slot 0 holds 0): offset 0x8, or 0xf big-endian", r)
	}

	// Compiled maps: small elements get the shared zero; large ones of package main the compiler's zero.
	types := s.must("compilerTypes", "")["types"].([]interface{})
	over, upto := 0, 0
	for _, x := range types {
		ct := x.(map[string]interface{})
		size := hexOf(t, ct["size"])
		m := s.must("makeMap", fmt.Sprintf(`"element":%v`, ct["type"]))["map"]
		r := s.must("lookupMissing", fmt.Sprintf(`"map":%v,"key":"0x2a"`, m))
		p := hexOf(t, r["pointer"])
		t.Logf("compiled %-12v lookup -> %#x", ct["name"], p)
		switch {
		case size <= 1024:
			upto++
			if runtime.Compiler == "gc" && p != zeroBase {
				t.Errorf("compiled %v: pointer %#x, want the shared zero %#x", ct["name"], p, zeroBase)
			}
		default:
			over++
			if ct["name"] == "[8192]uint8" && p != czBase {
				t.Errorf("compiled %v (package main's largest): pointer %#x, want compilerZero %#x", ct["name"], p, czBase)
			}
		}
		s.must("assign", fmt.Sprintf(`"map":%v,"key":"0x2a","fill":9`, m))
		if r, ok := s.ask("lookupMissing", fmt.Sprintf(`"map":%v,"key":"0x2a"`, m)); ok || r["code"] != "bad-request" {
			t.Errorf("compiled %v: a key assigned is still missing: %v", ct["name"], r)
		}
	}
	if over < 3 || upto < 1 {
		t.Errorf("compilerTypes: %d above 1024 bytes and %d at or below; want at least 3 and 1", over, upto)
	}
	// The markers are gone and the protections restored.
	zero := s.must("read", fmt.Sprintf(`"address":"%#x","length":%d`, zeroBase, zeroSize))["bytes"].(string)
	cz := s.must("read", fmt.Sprintf(`"address":"%#x","length":%d`, czBase, czSize))["bytes"].(string)
	if strings.Trim(zero, "0") != "" || strings.Trim(cz, "0") != "" {
		t.Errorf("a zero region is not all zero after the observations")
	}
	if _, _, prot := func() (uint64, uint64, string) { regions = s.must("regions", ""); return region("compilerZero") }(); prot != czProt {
		t.Errorf("compilerZero protection %s after the observations, %s before", prot, czProt)
	}

	// A reflect-made element type over 1024 bytes: the runtime hands out no zero.
	big := s.must("createType", `"kind":"struct","size":"0x800"`)["type"]
	m := s.must("makeMap", fmt.Sprintf(`"element":%v`, big))["map"]
	r := s.must("lookupMissing", fmt.Sprintf(`"map":%v,"key":"0x1"`, m))
	if r["absent"] != true || r["pointer"] != nil || r["allocated"] == nil {
		t.Errorf("reflect map of 2048-byte elements: %v, want absent", r)
	}

	for _, k := range []string{"float32", "float64", "complex64", "pair32", "array8", "zerosize"} {
		r := s.must("convert", `"kind":"`+k+`","bits":"0x0"`)
		a := r["allocated"].(map[string]interface{})
		t.Logf("convert %-9s 0x0 -> %v, %v objects", k, r["pointer"], a["objects"])
		if k == "zerosize" && a["objects"] != "0x0" {
			t.Errorf("struct{} allocated %v", a["objects"])
		}
	}
	r = s.must("emptySlice", "")
	if hexOf(t, r["pointer"]) == 0 {
		t.Errorf("emptySlice: %v", r)
	}
	if r, ok := s.ask("reset", ""); ok || r["code"] != "unsupported" {
		t.Errorf("reset: %v, want unsupported", r)
	}
}
