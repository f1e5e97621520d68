package main

// The transport rule (README.md), checked mechanically:
//
//  1. Imports: the adapter's files import only unsafe, syscall, runtime, runtime/debug, reflect, sync
//     and os (os for os.Args alone): no encoding/json, strconv, fmt, errors, strings, bytes, bufio,
//     debug/elf, encoding/binary or encoding/hex anywhere.
//  2. Machine code: the adapter is built with this toolchain and disassembled (go tool objdump). Every
//     instruction that belongs neither to a function marked //adapter:undertest nor to code inlined
//     from one must not refer to a runtime path under test or to a formatting package: the
//     conversions (runtime.convT*, the 8-bit table runtime.staticuint64s, runtime.zerobase), the shared
//     zero (runtime.zeroVal), strings made at run time (runtime.slicebytetostring, intstring,
//     concatstring*), maps (runtime.mapaccess*, mapassign*, makemap*), and fmt, strconv,
//     encoding/json, errors. Taking the address of the table and of the zero is allowed in the two
//     functions that locate those regions (tableBase, zeroRegion).
//
// Run by `go test` in adapters/go (check.sh runs it with every installed gc version).

import (
	"bufio"
	"go/ast"
	goparser "go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
)

var allowedImports = map[string]string{
	"unsafe":        "",
	"syscall":       "raw system calls",
	"runtime":       "MemStats, GC, Version, linkname targets",
	"runtime/debug": "SetPanicOnFault, SetGCPercent",
	"reflect":       "operations under test only (types and maps made at run time)",
	"sync":          "raceFirstUse's goroutines",
	"os":            "os.Args only",
	"goadapter/far": "compiled maps of a second compilation unit (operations under test)",
}

// mayLocateRegions may take the address of the table and of the shared zero (not use them).
var mayLocateRegions = map[string]bool{"tableBase": true, "zeroRegion": true}

var forbiddenRef = regexp.MustCompile(`\b(runtime\.(convT[A-Za-z0-9]*|staticuint64s|zerobase|zeroVal|slicebytetostring|intstring|concatstring[0-9s]*|mapaccess[A-Za-z0-9_]*|mapassign[A-Za-z0-9_]*|makemap[A-Za-z0-9_]*|mapiterinit)|fmt\.[A-Za-z(]|strconv\.[A-Za-z(]|encoding/json\.|errors\.[A-Za-z(])`)

type funcSpan struct {
	file       string
	start, end int
	key        string // as the linker names it without "main.": f, T.m, (*T).m
	marked     bool
}

func parsePackage(t *testing.T) (*token.FileSet, []*ast.File, []funcSpan) {
	t.Helper()
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	var spans []funcSpan
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := goparser.ParseFile(fset, name, nil, goparser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			key := fd.Name.Name
			if fd.Recv != nil && len(fd.Recv.List) == 1 {
				switch r := fd.Recv.List[0].Type.(type) {
				case *ast.StarExpr:
					key = "(*" + r.X.(*ast.Ident).Name + ")." + key
				case *ast.Ident:
					key = r.Name + "." + key
				}
			}
			marked := false
			if fd.Doc != nil {
				for _, c := range fd.Doc.List {
					if strings.HasPrefix(c.Text, "//adapter:undertest") {
						marked = true
					}
				}
			}
			spans = append(spans, funcSpan{name, fset.Position(fd.Pos()).Line, fset.Position(fd.End()).Line, key, marked})
		}
	}
	return fset, files, spans
}

func TestTransportImports(t *testing.T) {
	fset, files, _ := parsePackage(t)
	for _, f := range files {
		name := fset.Position(f.Pos()).Filename
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if _, ok := allowedImports[path]; !ok {
				t.Errorf("%s imports %q: the adapter may import only %v (README.md, the transport rule)", name, path, keys(allowedImports))
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "os" && sel.Sel.Name != "Args" {
					t.Errorf("%s: os.%s: only os.Args may be used", fset.Position(sel.Pos()), sel.Sel.Name)
				}
			}
			return true
		})
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestTransportMachineCodeTouchesNoMechanism(t *testing.T) {
	if runtime.Compiler != "gc" {
		t.Skip("the machine-code check reads gc's objdump")
	}
	_, _, spans := parsePackage(t)
	markedKey := map[string]bool{}
	for _, s := range spans {
		if s.marked {
			markedKey[s.key] = true
		}
	}
	// inMarked reports whether file:line lies inside a marked function.
	inMarked := func(file string, line int) bool {
		for _, s := range spans {
			if s.marked && s.file == file && line >= s.start && line <= s.end {
				return true
			}
		}
		return false
	}
	// funcAt is the declaration holding file:line ("" outside the package's functions).
	funcAt := func(file string, line int) string {
		for _, s := range spans {
			if s.file == file && line >= s.start && line <= s.end {
				return s.key
			}
		}
		return ""
	}
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	bin := filepath.Join(t.TempDir(), "goadapter")
	build := exec.Command(gobin, "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dump := exec.Command(gobin, "tool", "objdump", "-s", `^main\.`, bin)
	stdout, err := dump.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := dump.Start(); err != nil {
		t.Fatal(err)
	}
	textRE := regexp.MustCompile(`^TEXT main\.(\S+)\(SB\)`)
	instRE := regexp.MustCompile(`^\s+(\S+\.go):(\d+)\s+0x[0-9a-f]+\s+\S+\s+(.*)$`)
	top := ""
	funcs, checked := 0, 0
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := textRE.FindStringSubmatch(line); m != nil {
			top = topLevel(m[1])
			funcs++
			continue
		}
		m := instRE.FindStringSubmatch(line)
		if m == nil || top == "" || markedKey[top] {
			continue
		}
		ln, _ := strconv.Atoi(m[2])
		if inMarked(m[1], ln) {
			continue
		}
		checked++
		ref := forbiddenRef.FindString(m[3])
		if ref == "" {
			continue
		}
		if (mayLocateRegions[top] || mayLocateRegions[funcAt(m[1], ln)]) && (strings.Contains(ref, "staticuint64s") || strings.Contains(ref, "zeroVal")) && strings.HasPrefix(m[3], "LEA") {
			continue
		}
		t.Errorf("transport function %s (%s:%s) refers to %s: %s\n  only a function marked //adapter:undertest may (README.md, the transport rule)", top, m[1], m[2], ref, strings.TrimSpace(m[3]))
	}
	if err := dump.Wait(); err != nil {
		t.Fatal(err)
	}
	if funcs < 50 || checked < 1000 {
		t.Fatalf("objdump gave %d functions and %d checked instructions: the check read nothing useful", funcs, checked)
	}
	t.Logf("%d functions of package main, %d transport instructions checked", funcs, checked)
}

// topLevel maps a linker symbol (without "main.") to its declaration: closures (f.func1, f.func1.2,
// f.gowrap1, f.deferwrap1) belong to f.
func topLevel(sym string) string {
	for _, sep := range []string{".func", ".gowrap", ".deferwrap", ".dwrap"} {
		if i := strings.Index(sym, sep); i > 0 {
			sym = sym[:i]
		}
	}
	return strings.TrimSuffix(sym, "-fm")
}
