package buildfile

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bazelbuild/buildtools/build"
)

// Change is one BUILD file to write: Old is nil for a new file.
type Change struct {
	Path string // relative to the workspace root, slash-separated
	Old  []byte
	New  []byte
}

// Result is what Generate found and would write.
type Result struct {
	Changes []Change     // sorted by Path
	Diags   []Diagnostic // sorted by Path, Line, Col
}

// HasErrors reports whether any diagnostic is an Error.
func (r *Result) HasErrors() bool {
	for _, d := range r.Diags {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Write writes every change below root.
func (r *Result) Write(root string) error {
	for _, c := range r.Changes {
		p := filepath.Join(root, filepath.FromSlash(c.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		mode := os.FileMode(0o644)
		if st, err := os.Stat(p); err == nil {
			mode = st.Mode().Perm()
		}
		if err := os.WriteFile(p, c.New, mode); err != nil {
			return err
		}
	}
	return nil
}

// pkgFile is one package's BUILD file, parsed (or new).
type pkgFile struct {
	dir      string // package path, "" for the root package
	path     string // BUILD file path
	old      []byte // nil for a new file
	f        *build.File
	bad      bool // did not parse: left alone
	libs     []*target
	bins     []*target
	names    map[string]bool // every rule name in the file
	modified bool
	removed  map[string]bool // kinds of rules removed as stale
	gone     map[string]bool // names of rules removed as stale
}

// target is a kernel_library or kernel_binary, existing or planned.
type target struct {
	pkg    *pkgFile
	call   *build.CallExpr // nil while planned
	name   string
	srcs   []string // kernel_library: source paths relative to the root
	opaque bool     // srcs is not a literal list of this package's files
	kept   bool
	entry  string // kernel_binary
	module *pyFile
}

func (t *target) label() Label { return Label{Pkg: t.pkg.dir, Name: t.name} }

func (t *target) rule() *build.Rule { return build.NewRule(t.call) }

type generator struct {
	cfg       Config
	root      string
	modRoot   string
	dirs      []string
	dv        *directives
	tree      *tree
	pkgs      map[string]*pkgFile
	defsLabel string
	diags     []Diagnostic
	warned    map[string]bool
}

// Generate computes the BUILD files for cfg. It reads the workspace and
// writes nothing; an error is returned only when it cannot run at all
// (problems in the inputs are Diagnostics).
func Generate(cfg Config) (*Result, error) {
	root, err := filepath.Abs(cfg.Root)
	if err != nil {
		return nil, err
	}
	g := &generator{cfg: cfg, root: root, pkgs: map[string]*pkgFile{}, warned: map[string]bool{}}
	g.modRoot = cleanRel(filepath.ToSlash(cfg.ModuleRoot))
	if strings.HasPrefix(g.modRoot, "../") || g.modRoot == ".." || path.IsAbs(g.modRoot) {
		return nil, fmt.Errorf("module root %q is not below the workspace root", cfg.ModuleRoot)
	}
	if err := g.isDir(g.modRoot); err != nil {
		return nil, fmt.Errorf("module root: %w", err)
	}
	for _, d := range cfg.Dirs {
		d = cleanRel(filepath.ToSlash(d))
		if strings.HasPrefix(d, "../") || d == ".." || path.IsAbs(d) {
			return nil, fmt.Errorf("directory %q is not below the workspace root", d)
		}
		if err := g.isDir(d); err != nil {
			return nil, err
		}
		g.dirs = append(g.dirs, d)
	}
	if len(g.dirs) == 0 {
		g.dirs = []string{g.modRoot}
	}
	var diags []Diagnostic
	g.dv, diags = readDirectives(root, []string{"", g.modRoot}, cfg.Resolve)
	g.diags = append(g.diags, diags...)
	g.defsLabel = g.dv.load
	if g.defsLabel == "" {
		g.defsLabel = "@rules_artiq//rules:defs.bzl"
		if _, err := os.Stat(filepath.Join(root, "rules", "defs.bzl")); err == nil {
			g.defsLabel = "//rules:defs.bzl" // rules_artiq itself
		}
	}
	// Bazel does not see what .bazelignore lists; neither does buildgen.
	if data, err := os.ReadFile(filepath.Join(root, ".bazelignore")); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				g.dv.exclude[cleanRel(line)] = true
			}
		}
	}
	if g.tree, err = scanTree(root, g.modRoot, g.dv.exclude); err != nil {
		return nil, err
	}
	g.loadPackages()
	g.decideKernels()
	g.planTargets()
	res := &Result{}
	var dirs []string
	for d := range g.pkgs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		p := g.pkgs[d]
		if p.bad || !g.pkgInScope(p) {
			continue
		}
		g.update(p)
		if !p.modified {
			continue
		}
		if p.old == nil && cfg.Command != "" {
			p.f.Stmt = append([]build.Expr{header(cfg.Command)}, p.f.Stmt...)
		}
		out := build.Format(p.f)
		if !bytes.Equal(out, p.old) {
			res.Changes = append(res.Changes, Change{Path: p.path, Old: p.old, New: out})
		}
	}
	sort.SliceStable(g.diags, func(i, j int) bool {
		a, b := g.diags[i], g.diags[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	res.Diags = g.diags
	return res, nil
}

func (g *generator) isDir(rel string) error {
	st, err := os.Stat(filepath.Join(g.root, filepath.FromSlash(rel)))
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is not a directory", rel)
	}
	return nil
}

// report records a diagnostic, once.
func (g *generator) report(sev Severity, p string, line, col int, format string, args ...any) {
	d := Diagnostic{Path: p, Line: line, Col: col, Severity: sev, Msg: fmt.Sprintf(format, args...)}
	if g.warned[d.String()] {
		return
	}
	g.warned[d.String()] = true
	g.diags = append(g.diags, d)
}

// warnOnce reports a warning once per key.
func (g *generator) warnOnce(key, p string, line, col int, format string, args ...any) {
	if g.warned[key] {
		return
	}
	g.warned[key] = true
	g.report(Warning, p, line, col, format, args...)
}

// inScope reports whether p (a path relative to the root) is below one of
// the directories to update.
func (g *generator) inScope(p string) bool {
	for _, d := range g.dirs {
		if under(p, d) {
			return true
		}
	}
	return false
}

// pkgInScope: a package is updated when it is in scope or one of its
// targets lists a file in scope.
func (g *generator) pkgInScope(p *pkgFile) bool {
	if g.inScope(p.dir) {
		return true
	}
	for _, t := range p.libs {
		for _, s := range t.srcs {
			if g.inScope(s) {
				return true
			}
		}
	}
	return false
}

// loadPackages parses the BUILD files found and indexes their kernel
// targets.
func (g *generator) loadPackages() {
	for _, dir := range g.tree.pkgDirs {
		name := buildFileName(g.root, dir)
		p := &pkgFile{dir: dir, path: path.Join(dir, name), names: map[string]bool{}, removed: map[string]bool{}, gone: map[string]bool{}}
		g.pkgs[dir] = p
		data, err := os.ReadFile(filepath.Join(g.root, filepath.FromSlash(p.path)))
		if err != nil {
			g.report(Error, p.path, 0, 0, "%v", err)
			p.bad = true
			continue
		}
		p.old = data
		f, err := build.ParseBuild(p.path, data)
		if err != nil {
			g.parseError(p.path, err)
			p.bad = true
			continue
		}
		p.f = f
		for _, st := range f.Stmt {
			call, ok := st.(*build.CallExpr)
			if !ok {
				continue
			}
			r := build.NewRule(call)
			name := r.Name()
			if name == "" {
				continue
			}
			p.names[name] = true
			switch r.Kind() {
			case kindLibrary:
				t := &target{pkg: p, call: call, name: name, kept: ruleKept(call)}
				t.srcs, t.opaque = g.ruleSrcs(r, dir)
				p.libs = append(p.libs, t)
				if !t.opaque {
					for _, s := range t.srcs {
						if f := g.tree.files[s]; f != nil {
							f.targets = append(f.targets, t)
							f.kernel = true
						}
					}
				}
			case kindBinary:
				p.bins = append(p.bins, &target{pkg: p, call: call, name: name, kept: ruleKept(call), entry: r.AttrString("entry")})
			}
		}
	}
}

// parseError reports a buildtools parse error ("path:line:col: msg").
func (g *generator) parseError(p string, err error) {
	msg := err.Error()
	var line, col int
	if rest, ok := strings.CutPrefix(msg, p+":"); ok {
		if n, _ := fmt.Sscanf(rest, "%d:%d:", &line, &col); n == 2 {
			msg = strings.TrimSpace(rest[strings.Index(rest, ": ")+1:])
		} else {
			line, col = 0, 0
		}
	}
	g.report(Error, p, line, col, "%s", msg)
}

// ruleSrcs lists the files of a kernel_library's srcs; opaque is true
// when srcs is not a literal list of files of its package.
func (g *generator) ruleSrcs(r *build.Rule, dir string) (srcs []string, opaque bool) {
	list, ok := r.Attr("srcs").(*build.ListExpr)
	if !ok {
		return nil, true
	}
	for _, x := range list.List {
		s, ok := x.(*build.StringExpr)
		if !ok {
			return nil, true
		}
		l, ok := ParseLabel(s.Value, dir)
		if !ok || l.Repo != "" || l.Pkg != dir {
			return nil, true
		}
		srcs = append(srcs, path.Join(dir, l.Name))
	}
	return srcs, false
}

// resolution is where an import leads: a target of the workspace, a label
// from a mapping, or nowhere (built-in modules).
type resolution struct {
	file  *pyFile // a module of the workspace
	label string  // a mapping's label
	ok    bool
}

// lookup resolves one import, by the precedence in the package comment.
// For `from a import b` the module a comes first, then a.b (Python's
// order: a name of a, else its submodule).
func (g *generator) lookup(imp importRef) resolution {
	for _, cand := range []string{imp.text, imp.probe} {
		if cand == "" {
			continue
		}
		if l, ok := g.dv.exact[cand]; ok {
			return resolution{label: l, ok: true}
		}
		if f := g.tree.byModule[cand]; f != nil {
			return resolution{file: f, ok: true}
		}
	}
	for _, cand := range []string{imp.text, imp.probe} {
		if l, ok := g.dv.prefix(cand); cand != "" && ok {
			return resolution{label: l, ok: true}
		}
	}
	if g.dv.isBuiltin(imp.text) {
		return resolution{ok: true}
	}
	return resolution{}
}

// decideKernels marks the kernel modules: files listed in kernel_library
// srcs (marked by loadPackages), files with kernel code, and every module
// of the workspace that a kernel module imports.
func (g *generator) decideKernels() {
	var paths []string
	for p := range g.tree.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var work []*pyFile
	for _, p := range paths {
		f := g.tree.files[p]
		if !f.kernel && !mayBeKernel(f.src) {
			continue
		}
		f.parse()
		if f.kernel || f.decorated {
			f.kernel = true
			work = append(work, f)
		}
	}
	for len(work) > 0 {
		f := work[0]
		work = work[1:]
		for _, imp := range f.imports {
			if r := g.lookup(imp); r.file != nil && !r.file.kernel {
				r.file.kernel = true
				r.file.parse()
				work = append(work, r.file)
			}
		}
	}
	for _, p := range paths {
		f := g.tree.files[p]
		if f.kernel && g.inScope(f.path) {
			for _, e := range f.errs {
				g.report(Error, f.path, int(e.Pos.Line), int(e.Pos.Col), "%s", e.Msg)
			}
		}
	}
}

// planTargets gives every kernel module without a kernel_library a new
// one in its directory, and with Binaries every module with a `run`
// kernel a kernel_binary, so that imports can resolve to them.
func (g *generator) planTargets() {
	var paths []string
	for p, f := range g.tree.files {
		if f.kernel {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		f := g.tree.files[p]
		base := strings.TrimSuffix(path.Base(f.path), ".py")
		if len(f.targets) == 0 {
			pkg := g.pkg(f.dir)
			if pkg.bad {
				continue
			}
			names := []string{base, base + "_lib"}
			if f.hasRun {
				names = names[1:]
			}
			name := pkg.freeName(names)
			if name == "" {
				if g.inScope(f.path) {
					g.report(Error, f.path, 0, 0, "cannot name a kernel_library for %s in %s: %s already exist", f.path, pkg.path, strings.Join(names, " and "))
				}
				continue
			}
			t := &target{pkg: pkg, name: name, srcs: []string{f.path}, module: f}
			pkg.names[name] = true
			pkg.libs = append(pkg.libs, t)
			f.targets = append(f.targets, t)
		}
		if !g.cfg.Binaries || !f.hasRun || g.binaryFor(f) != nil {
			continue
		}
		lib := f.targets[0]
		pkg := lib.pkg
		name := pkg.freeName([]string{base, base + "_bin"})
		if name == "" {
			if g.inScope(f.path) {
				g.report(Error, f.path, 0, 0, "cannot name a kernel_binary for %s in %s: %s and %s_bin already exist", f.path, pkg.path, base, base)
			}
			continue
		}
		pkg.names[name] = true
		pkg.bins = append(pkg.bins, &target{pkg: pkg, name: name, entry: f.module + ".run", module: f})
	}
}

// pkg returns the package of dir, a new empty one if it has no BUILD file.
func (g *generator) pkg(dir string) *pkgFile {
	if p := g.pkgs[dir]; p != nil {
		return p
	}
	p := &pkgFile{
		dir:     dir,
		path:    path.Join(dir, "BUILD.bazel"),
		f:       &build.File{Path: path.Join(dir, "BUILD.bazel"), Type: build.TypeBuild},
		names:   map[string]bool{},
		removed: map[string]bool{},
		gone:    map[string]bool{},
	}
	g.pkgs[dir] = p
	return p
}

func (p *pkgFile) freeName(names []string) string {
	for _, n := range names {
		if !p.names[n] {
			return n
		}
	}
	return ""
}

// binaryFor returns the kernel_binary whose entry is f's run kernel.
func (g *generator) binaryFor(f *pyFile) *target {
	entry := f.module + ".run"
	var dirs []string
	for d := range g.pkgs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		for _, b := range g.pkgs[d].bins {
			if b.entry == entry {
				return b
			}
		}
	}
	return nil
}

// provider picks the target that provides module f to an importer in
// package dir: the nearest (see the package comment).
func (g *generator) provider(f *pyFile, dir string, at func() (string, int, int)) *target {
	ts := f.targets
	if len(ts) == 0 {
		return nil
	}
	if len(ts) == 1 {
		return ts[0]
	}
	best := append([]*target(nil), ts...)
	rank := func(t *target) (int, int) {
		switch {
		case t.pkg.dir == dir:
			return 0, 0
		case t.pkg.dir == f.dir:
			return 1, 0
		}
		return 2, distance(dir, t.pkg.dir)
	}
	sort.SliceStable(best, func(i, j int) bool {
		a1, a2 := rank(best[i])
		b1, b2 := rank(best[j])
		if a1 != b1 {
			return a1 < b1
		}
		if a2 != b2 {
			return a2 < b2
		}
		return best[i].label().String() < best[j].label().String()
	})
	var all []string
	for _, t := range best {
		all = append(all, t.label().Abs())
	}
	p, line, col := at()
	g.warnOnce("provider\x00"+p+"\x00"+f.module, p, line, col,
		"module %s is provided by %s; using the nearest, %s", f.module, strings.Join(all, " and "), all[0])
	return best[0]
}

// deps computes the labels that target t needs for its modules' imports.
// ok is false when a module could not be parsed (deps then stay as they
// are).
func (g *generator) deps(t *target, mods []*pyFile) (labels []Label, ok bool) {
	seen := map[string]bool{}
	self := t.label().String()
	for _, m := range mods {
		if len(m.errs) > 0 {
			return nil, false
		}
	}
	for _, m := range mods {
		for _, imp := range m.imports {
			r := g.lookup(imp)
			var l Label
			switch {
			case !r.ok:
				g.report(Error, m.path, imp.line, imp.col, "cannot resolve import %q", imp.text)
				continue
			case r.file != nil:
				if r.file == m {
					continue
				}
				pt := g.provider(r.file, t.pkg.dir, func() (string, int, int) { return m.path, imp.line, imp.col })
				if pt == nil {
					g.warnOnce("notarget\x00"+r.file.path, m.path, imp.line, imp.col,
						"module %s (%s) has no kernel_library and none can be made", r.file.module, r.file.path)
					continue
				}
				if pt.call == nil && !g.pkgInScope(pt.pkg) {
					g.warnOnce("outside\x00"+r.file.path, m.path, imp.line, imp.col,
						"module %s (%s) has no kernel_library yet: run buildgen on %s too", r.file.module, r.file.path, r.file.dir)
				}
				l = pt.label()
			case r.label != "":
				var ok bool
				if l, ok = ParseLabel(r.label, t.pkg.dir); !ok {
					continue
				}
			default:
				continue // built-in
			}
			if s := l.String(); s != self && !seen[s] {
				seen[s] = true
				labels = append(labels, l)
			}
		}
	}
	return labels, true
}

// importsAttr is the imports attribute that makes modRoot the module root
// of package dir (nil: the default, the repository root).
func (g *generator) importsAttr(dir string) []string {
	if g.modRoot == "" {
		return nil
	}
	return []string{relPath(dir, g.modRoot)}
}

// importRoots normalizes an imports attribute of package dir to root paths.
func importRoots(dir string, imports []string) ([]string, error) {
	if len(imports) == 0 {
		return []string{""}, nil
	}
	var roots []string
	for _, imp := range imports {
		if path.IsAbs(imp) {
			return nil, errors.New("absolute import")
		}
		r := cleanRel(path.Join(dir, imp))
		if r == ".." || strings.HasPrefix(r, "../") {
			return nil, errors.New("import leaves the repository")
		}
		roots = append(roots, r)
	}
	return roots, nil
}

// update edits the BUILD file of one package in scope.
func (g *generator) update(p *pkgFile) {
	for _, t := range p.libs {
		if t.call == nil {
			continue // new: below
		}
		g.updateLibrary(t)
	}
	for _, t := range p.bins {
		if t.call != nil {
			g.updateBinary(t)
		}
	}
	// New targets, in the order of their files; a binary after its library.
	var news []*target
	for _, t := range p.libs {
		if t.call == nil {
			news = append(news, t)
		}
	}
	for _, t := range p.bins {
		if t.call == nil {
			news = append(news, t)
		}
	}
	sort.SliceStable(news, func(i, j int) bool {
		if news[i].module.path != news[j].module.path {
			return news[i].module.path < news[j].module.path
		}
		return news[i].entry == "" && news[j].entry != ""
	})
	for _, t := range news {
		if t.entry == "" {
			g.createLibrary(t)
		} else {
			g.createBinary(t)
		}
	}
	if len(p.removed) > 0 {
		dropUnusedLoads(p.f, p.removed)
		g.danglingRefs(p)
	}
	if p.modified {
		ensureLoads(p.f, g.defsLabel)
	}
}

// danglingRefs warns about rules of p that still name a target removed
// as stale.
func (g *generator) danglingRefs(p *pkgFile) {
	for _, st := range p.f.Stmt {
		call, ok := st.(*build.CallExpr)
		if !ok {
			continue
		}
		r := build.NewRule(call)
		build.Walk(call, func(x build.Expr, _ []build.Expr) {
			s, ok := x.(*build.StringExpr)
			if !ok {
				return
			}
			l, ok := ParseLabel(s.Value, p.dir)
			if !ok || l.Repo != "" || l.Pkg != p.dir || !p.gone[l.Name] {
				return
			}
			g.report(Warning, p.path, s.Start.Line, 0, "%s %q still refers to %q, which was removed", r.Kind(), ":"+r.Name(), ":"+l.Name)
		})
	}
}

func (g *generator) ruleLine(t *target) int {
	start, _ := t.call.Span()
	return start.Line
}

func (g *generator) updateLibrary(t *target) {
	p := t.pkg
	if t.kept || t.opaque {
		return
	}
	r := t.rule()
	line := g.ruleLine(t)
	// Sources that are gone.
	var gone []string
	var mods []*pyFile
	for _, s := range t.srcs {
		if _, err := os.Stat(filepath.Join(g.root, filepath.FromSlash(s))); err != nil {
			gone = append(gone, s)
			continue
		}
		f := g.tree.files[s]
		if f == nil {
			g.report(Warning, p.path, line, 0, "left %q alone: %s is not a module below the module root %q", ":"+t.name, s, g.modRoot)
			return
		}
		mods = append(mods, f)
	}
	if len(gone) > 0 {
		if !g.cfg.RemoveStale {
			for _, s := range gone {
				g.report(Warning, p.path, line, 0, "kernel_library %q lists %s, which does not exist (--remove-stale removes it)", ":"+t.name, relPath(p.dir, s))
			}
		} else if len(mods) == 0 {
			removeStmt(p.f, t.call)
			p.removed[kindLibrary] = true
			p.gone[t.name] = true
			p.modified = true
			g.report(Warning, p.path, line, 0, "removed kernel_library %q: its sources are gone", ":"+t.name)
			return
		} else {
			list := r.Attr("srcs").(*build.ListExpr)
			keep := list.List[:0]
			for i, x := range list.List {
				if i < len(t.srcs) && contains(gone, t.srcs[i]) {
					continue
				}
				keep = append(keep, x)
			}
			list.List = keep
			list.ForceMultiLine = len(keep) > 1
			p.modified = true
			for _, s := range gone {
				g.report(Warning, p.path, line, 0, "removed %s from the srcs of %q: it is gone", relPath(p.dir, s), ":"+t.name)
			}
		}
	}
	if len(mods) == 0 {
		return
	}
	// The module root: a target made for another one is not ours.
	as := r.AttrDefn("imports")
	if !attrKept(as) {
		var have []string
		if as != nil {
			have = build.Strings(as.RHS)
		}
		roots, err := importRoots(p.dir, have)
		if err != nil || (as != nil && have == nil) {
			g.report(Warning, p.path, line, 0, "left %q alone: cannot read its imports", ":"+t.name)
			return
		}
		if len(roots) != 1 || roots[0] != g.modRoot {
			if as != nil || g.modRoot == "" {
				g.report(Warning, p.path, line, 0, "left %q alone: its import roots %q are not the module root %q", ":"+t.name, roots, g.modRoot)
				return
			}
			r.SetAttr("imports", strList(g.importsAttr(p.dir)))
			p.modified = true
		}
	}
	if labels, ok := g.deps(t, mods); ok && setLabels(r, "deps", p.dir, labels) {
		p.modified = true
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (g *generator) createLibrary(t *target) {
	p := t.pkg
	f := t.module
	src := path.Base(f.path)
	if rel := relPath(p.dir, f.dir); rel != "." {
		src = rel + "/" + src
	}
	attrs := []*build.AssignExpr{
		attr("name", str(t.name)),
		attr("srcs", strList([]string{src})),
	}
	if imp := g.importsAttr(p.dir); imp != nil {
		attrs = append(attrs, attr("imports", strList(imp)))
	}
	// Other packages' modules may import it.
	if !hasDefaultVisibility(p.f) {
		attrs = append(attrs, attr("visibility", strList([]string{"//visibility:public"})))
	}
	t.call = newCall(kindLibrary, attrs...)
	if labels, ok := g.deps(t, []*pyFile{f}); ok && len(labels) > 0 {
		setLabels(t.rule(), "deps", p.dir, labels)
	}
	p.f.Stmt = append(p.f.Stmt, t.call)
	p.modified = true
}

func (g *generator) createBinary(t *target) {
	p := t.pkg
	lib := g.provider(t.module, p.dir, func() (string, int, int) { return t.module.path, 0, 0 })
	t.call = newCall(kindBinary,
		attr("name", str(t.name)),
		attr("entry", str(t.entry)),
		attr("deps", strList([]string{lib.label().Rel(p.dir)})),
	)
	p.f.Stmt = append(p.f.Stmt, t.call)
	p.modified = true
}

// updateBinary reports (and with RemoveStale removes) a kernel_binary whose
// entry is gone, and with Binaries keeps its deps on the entry's library.
func (g *generator) updateBinary(t *target) {
	p := t.pkg
	if t.kept {
		return
	}
	dot := strings.LastIndex(t.entry, ".")
	if dot <= 0 {
		return
	}
	mod, fn := t.entry[:dot], t.entry[dot+1:]
	line := g.ruleLine(t)
	f := g.tree.byModule[mod]
	var why string
	switch {
	case f == nil:
		file := path.Join(g.modRoot, strings.ReplaceAll(mod, ".", "/")+".py")
		if path.Dir(file) != p.dir && !(p.dir == "" && path.Dir(file) == ".") {
			return // not a module of this package
		}
		if _, err := os.Stat(filepath.Join(g.root, filepath.FromSlash(file))); err == nil {
			return
		}
		why = fmt.Sprintf("its entry module %s (%s) is gone", mod, relPath(p.dir, file))
	case f.kernel && f.parsed && len(f.errs) == 0 && !f.funcs[fn]:
		why = fmt.Sprintf("%s defines no function %s", f.path, fn)
	}
	if why != "" {
		if g.cfg.RemoveStale {
			removeStmt(p.f, t.call)
			p.removed[kindBinary] = true
			p.gone[t.name] = true
			p.modified = true
			g.report(Warning, p.path, line, 0, "removed kernel_binary %q: %s", ":"+t.name, why)
		} else {
			g.report(Warning, p.path, line, 0, "kernel_binary %q is stale: %s (--remove-stale removes it)", ":"+t.name, why)
		}
		return
	}
	if !g.cfg.Binaries || f == nil || !f.kernel || len(f.targets) == 0 || !f.hasRun || fn != "run" {
		return
	}
	lib := g.provider(f, p.dir, func() (string, int, int) { return f.path, 0, 0 })
	if setLabels(t.rule(), "deps", p.dir, []Label{lib.label()}) {
		p.modified = true
	}
}
