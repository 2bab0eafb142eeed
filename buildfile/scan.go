package buildfile

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// pyFile is one .py file below the module root.
type pyFile struct {
	path   string // relative to the workspace root, slash-separated
	dir    string // path.Dir(path), "" for the root
	module string // module path: lib.pulses
	src    []byte

	parsed    bool
	errs      syntax.ErrorList
	decorated bool            // defines @kernel, @portable or @syscall code
	hasRun    bool            // a module-level `@kernel def run()` without parameters
	funcs     map[string]bool // module-level function names
	imports   []importRef

	kernel  bool      // decided to be a kernel module
	targets []*target // the kernel_library targets that list it
}

// importRef is one imported module, at the position of the import.
type importRef struct {
	line, col int
	// text is the module as written (a relative import made absolute).
	text string
	// probe, if set, is tried first as a module of the workspace or an
	// exact mapping: for `from a import b`, the module a.b.
	probe string
}

// kernelDecorators mark kernel code; `run` must be a @kernel.
var kernelDecorators = map[string]bool{"kernel": true, "portable": true, "syscall": true}

// mayBeKernel is a cheap test before parsing: a file without any of these
// is host code and is not parsed (host Python may use syntax the kernel
// parser rejects).
func mayBeKernel(src []byte) bool {
	for d := range kernelDecorators {
		if bytes.Contains(src, []byte("@"+d)) {
			return true
		}
	}
	return false
}

// parse parses f once and records what Generate needs.
func (f *pyFile) parse() {
	if f.parsed {
		return
	}
	f.parsed = true
	ast, errs := syntax.Parse(f.path, f.src)
	f.errs = errs
	f.funcs = map[string]bool{}
	for _, s := range ast.Body {
		var decos []syntax.Expr
		switch s := s.(type) {
		case *syntax.FuncDef:
			decos = s.Decorators
			f.funcs[s.Name] = true
			if s.Name == "run" && len(s.Params) == 0 && hasDecorator(s.Decorators, "kernel") {
				f.hasRun = true
			}
		case *syntax.ClassDef:
			for _, m := range s.Body {
				if fd, ok := m.(*syntax.FuncDef); ok {
					decos = append(decos, fd.Decorators...)
				}
			}
		}
		for d := range kernelDecorators {
			if hasDecorator(decos, d) {
				f.decorated = true
			}
		}
	}
	walkStmts(ast.Body, func(s syntax.Stmt) {
		switch s := s.(type) {
		case *syntax.Import:
			for _, a := range s.Names {
				f.imports = append(f.imports, importRef{line: int(a.P.Line), col: int(a.P.Col), text: a.Name})
			}
		case *syntax.ImportFrom:
			p := s.Pos()
			base, ok := f.absolute(s.Level, s.Module)
			if !ok {
				f.imports = append(f.imports, importRef{line: int(p.Line), col: int(p.Col), text: strings.Repeat(".", s.Level) + s.Module})
				return
			}
			if s.Star || len(s.Names) == 0 {
				f.imports = append(f.imports, importRef{line: int(p.Line), col: int(p.Col), text: base})
				return
			}
			for _, a := range s.Names {
				probe := a.Name
				if base != "" {
					probe = base + "." + a.Name
				}
				f.imports = append(f.imports, importRef{line: int(p.Line), col: int(p.Col), text: base, probe: probe})
			}
		}
	})
}

// absolute makes a relative import absolute: level dots below f's
// package. ok is false if it climbs above the module root.
func (f *pyFile) absolute(level int, mod string) (string, bool) {
	if level == 0 {
		return mod, true
	}
	parts := strings.Split(f.module, ".")
	if level > len(parts)-1 {
		return "", false
	}
	base := parts[:len(parts)-level]
	if mod != "" {
		base = append(base, mod)
	}
	return strings.Join(base, "."), true
}

func hasDecorator(decos []syntax.Expr, name string) bool {
	for _, d := range decos {
		if c, ok := d.(*syntax.Call); ok {
			d = c.Fun
		}
		switch d := d.(type) {
		case *syntax.Name:
			if d.Value == name {
				return true
			}
		case *syntax.Attribute:
			if d.Name == name {
				return true
			}
		}
	}
	return false
}

// walkStmts calls fn for every statement, nested ones included.
func walkStmts(stmts []syntax.Stmt, fn func(syntax.Stmt)) {
	for _, s := range stmts {
		fn(s)
		switch s := s.(type) {
		case *syntax.FuncDef:
			walkStmts(s.Body, fn)
		case *syntax.ClassDef:
			walkStmts(s.Body, fn)
		case *syntax.If:
			walkStmts(s.Body, fn)
			walkStmts(s.Else, fn)
		case *syntax.While:
			walkStmts(s.Body, fn)
			walkStmts(s.Else, fn)
		case *syntax.For:
			walkStmts(s.Body, fn)
			walkStmts(s.Else, fn)
		case *syntax.Try:
			walkStmts(s.Body, fn)
			for _, h := range s.Handlers {
				walkStmts(h.Body, fn)
			}
			walkStmts(s.Else, fn)
			walkStmts(s.Finally, fn)
		case *syntax.With:
			walkStmts(s.Body, fn)
		}
	}
}

// tree is what a walk of the module root found.
type tree struct {
	files    map[string]*pyFile // by path
	byModule map[string]*pyFile
	pkgDirs  []string // directories with a BUILD file, sorted
}

// scanTree walks the module root modRoot (relative to root), skipping
// hidden directories, bazel-* output links, nested workspaces and
// excluded paths. It also records the BUILD files of modRoot's ancestors.
func scanTree(root, modRoot string, exclude map[string]bool) (*tree, error) {
	t := &tree{files: map[string]*pyFile{}, byModule: map[string]*pyFile{}}
	start := filepath.Join(root, filepath.FromSlash(modRoot))
	err := filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = cleanRel(filepath.ToSlash(rel))
		name := d.Name()
		if d.IsDir() {
			if rel != modRoot {
				if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "bazel-") || name == "__pycache__" || exclude[rel] {
					return filepath.SkipDir
				}
				for _, m := range workspaceMarkers {
					if _, err := os.Stat(filepath.Join(p, m)); err == nil {
						return filepath.SkipDir
					}
				}
			}
			if buildFileName(root, rel) != "" {
				t.pkgDirs = append(t.pkgDirs, rel)
			}
			return nil
		}
		if !strings.HasSuffix(name, ".py") || name == "__init__.py" || exclude[rel] || !d.Type().IsRegular() {
			return nil
		}
		mod := modulePath(modRoot, rel)
		if mod == "" {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f := &pyFile{path: rel, dir: cleanRel(path.Dir(rel)), module: mod, src: src}
		t.files[rel] = f
		t.byModule[mod] = f
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Packages above the module root may list its files in srcs.
	for dir := modRoot; dir != ""; {
		dir = cleanRel(path.Dir(dir))
		if buildFileName(root, dir) != "" {
			t.pkgDirs = append(t.pkgDirs, dir)
		}
	}
	sort.Strings(t.pkgDirs)
	return t, nil
}

// modulePath is the module path of file rel below modRoot, or "" if a
// component is not an identifier.
func modulePath(modRoot, rel string) string {
	sub := rel
	if modRoot != "" {
		var ok bool
		sub, ok = strings.CutPrefix(rel, modRoot+"/")
		if !ok {
			return ""
		}
	}
	mod := strings.ReplaceAll(strings.TrimSuffix(sub, ".py"), "/", ".")
	if !isModulePath(mod) {
		return ""
	}
	return mod
}

// cleanRel cleans a slash path relative to the workspace root; the root
// itself is "".
func cleanRel(p string) string {
	p = path.Clean(p)
	if p == "." {
		return ""
	}
	return p
}

// under reports whether p is dir or below it ("" is the root, above all).
func under(p, dir string) bool {
	return dir == "" || p == dir || strings.HasPrefix(p, dir+"/")
}

// relPath is the slash path from directory from to directory to.
func relPath(from, to string) string {
	if from == to {
		return "."
	}
	f := splitPath(from)
	t := splitPath(to)
	i := 0
	for i < len(f) && i < len(t) && f[i] == t[i] {
		i++
	}
	var parts []string
	for range f[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, t[i:]...)
	return strings.Join(parts, "/")
}

func splitPath(p string) []string {
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// distance is the number of directory steps between a and b.
func distance(a, b string) int {
	r := relPath(a, b)
	if r == "." {
		return 0
	}
	return len(strings.Split(r, "/"))
}

// workspaceMarkers make their directory the root of a Bazel workspace.
var workspaceMarkers = []string{"WORKSPACE", "WORKSPACE.bazel", "MODULE.bazel", "REPO.bazel"}
