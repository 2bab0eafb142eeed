package buildfile

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Config says what Generate scans and how it resolves imports.
type Config struct {
	// Root is the workspace root directory (an OS path). Labels and every
	// path in a Result are relative to it.
	Root string
	// ModuleRoot is the directory below Root that module paths start from,
	// slash-separated, relative to Root ("" or "." is Root itself).
	ModuleRoot string
	// Dirs are the directories whose BUILD files are created or updated,
	// relative to Root, with everything below them. Empty means ModuleRoot.
	// Modules elsewhere below ModuleRoot are still read to resolve imports.
	Dirs []string
	// Binaries adds a kernel_binary for every module with a `run` kernel.
	Binaries bool
	// RemoveStale deletes targets (and srcs) whose sources are gone.
	// Without it they are only reported.
	RemoveStale bool
	// Resolve maps modules to labels, as `# buildgen:resolve` directives
	// do; these take precedence over the directives.
	Resolve []Mapping
	// Command is the command line recorded in the header comment of BUILD
	// files that Generate creates ("" leaves it out).
	Command string
}

// Mapping resolves Module, or with a trailing ".*" every module below a
// prefix (and the prefix itself), to Label.
type Mapping struct {
	Module string
	Label  string
}

// ParseMapping parses MODULE=LABEL (the --resolve flag).
func ParseMapping(s string) (Mapping, error) {
	mod, label, ok := strings.Cut(s, "=")
	m := Mapping{Module: strings.TrimSpace(mod), Label: strings.TrimSpace(label)}
	if !ok {
		return Mapping{}, fmt.Errorf("--resolve %q: want MODULE=LABEL", s)
	}
	if err := m.check(); err != nil {
		return Mapping{}, err
	}
	return m, nil
}

func (m Mapping) check() error {
	mod := strings.TrimSuffix(m.Module, ".*")
	if !isModulePath(mod) {
		return fmt.Errorf("%q is not a module path (a.b.c, or a.b.* for everything below a.b)", m.Module)
	}
	if _, ok := ParseLabel(m.Label, ""); !ok || !(strings.HasPrefix(m.Label, "//") || strings.HasPrefix(m.Label, "@")) {
		return fmt.Errorf("%q is not an absolute label (//pkg:name or @repo//pkg:name)", m.Label)
	}
	return nil
}

func isModulePath(s string) bool {
	if s == "" {
		return false
	}
	for _, p := range strings.Split(s, ".") {
		if !isIdentifier(p) {
			return false
		}
	}
	return true
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_', 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
		case '0' <= r && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// Severity of a Diagnostic.
type Severity int

const (
	// Error makes `kernelc buildgen` exit with status 2.
	Error Severity = iota
	// Warning is reported and changes nothing else.
	Warning
)

// Diagnostic is one problem found, at a position in a file relative to
// the workspace root. Col is 0 when unknown.
type Diagnostic struct {
	Path     string
	Line     int
	Col      int
	Severity Severity
	Msg      string
}

// String is "path:line:col: msg", or "path:line:col: warning: msg".
func (d Diagnostic) String() string {
	pos := d.Path
	if d.Line > 0 {
		pos += fmt.Sprintf(":%d", d.Line)
		if d.Col > 0 {
			pos += fmt.Sprintf(":%d", d.Col)
		}
	}
	if d.Severity == Warning {
		return pos + ": warning: " + d.Msg
	}
	return pos + ": " + d.Msg
}

// directives are the settings read from `# buildgen:` comments of the
// BUILD files at the workspace root and at the module root.
type directives struct {
	exact    map[string]string // module -> label
	prefixes []Mapping         // "a.b.*" as Module "a.b", longest first
	builtins []string
	load     string // label of the .bzl file that defines the kernel rules
	exclude  map[string]bool
}

var directiveRE = regexp.MustCompile(`^\s*#\s*buildgen:\s*(\S+)\s*(.*?)\s*$`)

// defaultBuiltins are the modules of the kernel language itself.
var defaultBuiltins = []string{"artiq", "math", "numpy"}

// readDirectives reads the directives of the BUILD files of dirs (relative
// to root, in order: later ones win for load and for equal modules).
func readDirectives(root string, dirs []string, flags []Mapping) (*directives, []Diagnostic) {
	d := &directives{exact: map[string]string{}, exclude: map[string]bool{}}
	d.builtins = append(d.builtins, defaultBuiltins...)
	var diags []Diagnostic
	prefixes := map[string]string{}
	seen := map[string]bool{}
	for _, dir := range dirs {
		name := buildFileName(root, dir)
		rel := path.Join(dir, name)
		if name == "" || seen[rel] {
			continue
		}
		seen[rel] = true
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			diags = append(diags, Diagnostic{Path: rel, Msg: err.Error()})
			continue
		}
		for i, line := range strings.Split(string(data), "\n") {
			m := directiveRE.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			bad := func(format string, args ...any) {
				diags = append(diags, Diagnostic{Path: rel, Line: i + 1, Msg: fmt.Sprintf(format, args...)})
			}
			args := strings.Fields(m[2])
			switch m[1] {
			case "resolve":
				if len(args) != 2 {
					bad("buildgen:resolve wants MODULE LABEL, got %q", m[2])
					continue
				}
				mp := Mapping{Module: args[0], Label: args[1]}
				if err := mp.check(); err != nil {
					bad("buildgen:resolve: %v", err)
					continue
				}
				if p, ok := strings.CutSuffix(mp.Module, ".*"); ok {
					prefixes[p] = mp.Label
				} else {
					d.exact[mp.Module] = mp.Label
				}
			case "builtin":
				if len(args) != 1 || !isModulePath(args[0]) {
					bad("buildgen:builtin wants one module path, got %q", m[2])
					continue
				}
				d.builtins = append(d.builtins, args[0])
			case "load":
				if len(args) != 1 || !strings.HasSuffix(args[0], ".bzl") {
					bad("buildgen:load wants the label of a .bzl file, got %q", m[2])
					continue
				}
				d.load = args[0]
			case "exclude":
				if len(args) != 1 {
					bad("buildgen:exclude wants one path, got %q", m[2])
					continue
				}
				d.exclude[path.Clean(path.Join(dir, args[0]))] = true
			default:
				bad("unknown directive buildgen:%s (want resolve, builtin, load or exclude)", m[1])
			}
		}
	}
	for _, mp := range flags {
		if p, ok := strings.CutSuffix(mp.Module, ".*"); ok {
			prefixes[p] = mp.Label
		} else {
			d.exact[mp.Module] = mp.Label
		}
	}
	for p, l := range prefixes {
		d.prefixes = append(d.prefixes, Mapping{Module: p, Label: l})
	}
	sort.Slice(d.prefixes, func(i, j int) bool {
		a, b := d.prefixes[i].Module, d.prefixes[j].Module
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return a < b
	})
	return d, diags
}

// buildFileName is the name of the BUILD file of dir ("BUILD.bazel" wins
// over "BUILD", as in Bazel), or "" if it has none.
func buildFileName(root, dir string) string {
	for _, name := range []string{"BUILD.bazel", "BUILD"} {
		if st, err := os.Stat(filepath.Join(root, filepath.FromSlash(dir), name)); err == nil && !st.IsDir() {
			return name
		}
	}
	return ""
}

// isBuiltin reports whether mod is (below) a built-in module.
func (d *directives) isBuiltin(mod string) bool {
	for _, b := range d.builtins {
		if mod == b || strings.HasPrefix(mod, b+".") {
			return true
		}
	}
	return false
}

// prefix returns the label of the longest prefix mapping covering mod.
func (d *directives) prefix(mod string) (string, bool) {
	for _, p := range d.prefixes {
		if mod == p.Module || strings.HasPrefix(mod, p.Module+".") {
			return p.Label, true
		}
	}
	return "", false
}
