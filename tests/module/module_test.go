// Package module_test checks the Bazel files that Bazel 4.2.3 cannot: it
// ignores MODULE.bazel, so buildtools' parser and linter stand in for a
// modern Bazel here. It also keeps every BUILD and .bzl file of the
// repository buildifier-clean.
package module_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/bazelbuild/buildtools/build"
	"github.com/bazelbuild/buildtools/warn"
)

// root is the repository root, relative to this package's directory
// (where go test runs).
const root = "../.."

func readModule(t *testing.T) *build.File {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "MODULE.bazel"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := build.ParseModule("MODULE.bazel", data)
	if err != nil {
		t.Fatalf("MODULE.bazel does not parse: %v", err)
	}
	return f
}

func lint(t *testing.T, f *build.File, dir string, warnings []string) {
	t.Helper()
	reader := warn.NewFileReader(func(path string) ([]byte, error) {
		return os.ReadFile(filepath.Join(dir, path))
	})
	for _, finding := range warn.FileWarnings(f, warnings, nil, warn.ModeWarn, reader) {
		t.Errorf("%s:%d: %s: %s", f.Path, finding.Start.Line, finding.Category, finding.Message)
	}
}

func TestModuleLintsClean(t *testing.T) {
	f := readModule(t)
	if f.Type != build.TypeModule {
		t.Fatalf("MODULE.bazel parsed as file type %v, want TypeModule", f.Type)
	}
	lint(t, f, root, warn.AllWarnings)
}

// calls returns the top-level calls of f to the function name.
func calls(f *build.File, name string) []*build.CallExpr {
	var out []*build.CallExpr
	for _, stmt := range f.Stmt {
		if c, ok := stmt.(*build.CallExpr); ok {
			if id, ok := c.X.(*build.Ident); ok && id.Name == name {
				out = append(out, c)
			}
		}
	}
	return out
}

func kwarg(c *build.CallExpr, name string) string {
	for _, arg := range c.List {
		if a, ok := arg.(*build.AssignExpr); ok {
			if id, ok := a.LHS.(*build.Ident); ok && id.Name == name {
				if s, ok := a.RHS.(*build.StringExpr); ok {
					return s.Value
				}
			}
		}
	}
	return ""
}

func TestModuleDeclaresRulesArtiq(t *testing.T) {
	f := readModule(t)
	mods := calls(f, "module")
	if len(mods) != 1 {
		t.Fatalf("want one module() call, got %d", len(mods))
	}
	if got := kwarg(mods[0], "name"); got != "rules_artiq" {
		t.Errorf("module name = %q, want rules_artiq", got)
	}
	if kwarg(mods[0], "version") == "" {
		t.Error("module() has no version")
	}
	deps := map[string]string{}
	for _, c := range calls(f, "bazel_dep") {
		deps[kwarg(c, "name")] = kwarg(c, "version")
	}
	for _, want := range []string{"platforms", "bazel_skylib"} {
		if deps[want] == "" {
			t.Errorf("no bazel_dep(name = %q, version = ...)", want)
		}
	}
	if len(calls(f, "register_toolchains")) == 0 {
		t.Error("MODULE.bazel registers no toolchains")
	}
}

// The repositories MODULE.bazel imports with use_repo must be exactly the
// ones the module extension creates.
func TestModuleUsesEveryExtensionRepo(t *testing.T) {
	f := readModule(t)
	var used []string
	for _, c := range calls(f, "use_repo") {
		for _, arg := range c.List[1:] {
			if s, ok := arg.(*build.StringExpr); ok {
				used = append(used, s.Value)
			}
		}
	}
	sort.Strings(used)

	data, err := os.ReadFile(filepath.Join(root, "toolchain/extensions.bzl"))
	if err != nil {
		t.Fatal(err)
	}
	ext, err := build.ParseBzl("toolchain/extensions.bzl", data)
	if err != nil {
		t.Fatal(err)
	}
	var created []string
	build.Walk(ext, func(x build.Expr, _ []build.Expr) {
		if c, ok := x.(*build.CallExpr); ok {
			if name := kwarg(c, "name"); name != "" {
				created = append(created, name)
			}
		}
	})
	// Repositories that an extension's tags name in MODULE.bazel
	// (artiq.sources(name = "artiq")).
	for _, stmt := range f.Stmt {
		if c, ok := stmt.(*build.CallExpr); ok {
			if _, isTag := c.X.(*build.DotExpr); isTag {
				if name := kwarg(c, "name"); name != "" {
					created = append(created, name)
				}
			}
		}
	}
	sort.Strings(created)
	if !reflect.DeepEqual(used, created) {
		t.Errorf("use_repo names %v, the extension creates %v", used, created)
	}
}

// starlarkFiles lists the repository's BUILD, .bzl, WORKSPACE and
// MODULE.bazel files, outside Bazel's output symlinks.
func starlarkFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, "bazel-") || strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if name == "BUILD" || name == "BUILD.bazel" || name == "WORKSPACE" || name == "MODULE.bazel" || strings.HasSuffix(name, ".bzl") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no Starlark files found")
	}
	return files
}

// Every Starlark file is formatted as buildifier formats it and has none of
// its default lint warnings: the checks of `buildifier --lint=warn`.
func TestStarlarkFilesAreBuildifierClean(t *testing.T) {
	for _, path := range starlarkFiles(t) {
		rel, _ := filepath.Rel(root, path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := build.Parse(rel, data)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		// As buildifier sets them: some checks (bzl-visibility) need the
		// package.
		f.WorkspaceRoot, _ = filepath.Abs(root)
		f.Pkg = filepath.ToSlash(filepath.Dir(rel))
		if f.Pkg == "." {
			f.Pkg = ""
		}
		f.Label = filepath.Base(rel)
		if got := build.Format(f); string(got) != string(data) {
			t.Errorf("%s is not buildifier-formatted", rel)
		}
		lint(t, f, filepath.Dir(path), warn.DefaultWarnings)
	}
}

// globIncludes returns the include patterns of the glob in the srcs of the
// root package's go_srcs filegroup.
func globIncludes(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "BUILD.bazel"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := build.Parse("BUILD.bazel", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range f.Rules("filegroup") {
		if r.Name() != "go_srcs" {
			continue
		}
		call, ok := r.Attr("srcs").(*build.CallExpr)
		if !ok || len(call.List) == 0 {
			t.Fatal("go_srcs: srcs is not a glob(...)")
		}
		list, ok := call.List[0].(*build.ListExpr)
		if !ok {
			t.Fatal("go_srcs: the glob's first argument is not a list")
		}
		var out []string
		for _, x := range list.List {
			if s, ok := x.(*build.StringExpr); ok {
				out = append(out, s.Value)
			}
		}
		return out
	}
	t.Fatal("no go_srcs filegroup in BUILD.bazel")
	return nil
}

// The GoToolBuild actions see only //:go_srcs: every package of this
// module that kernelc and kernelld import must be inside its glob, or the
// Bazel build of the tools fails where `go build` works.
func TestGoSrcsCoverTheToolsPackages(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not on PATH")
	}
	cmd := exec.Command(goTool, "list", "-deps", "-f", "{{if not .Standard}}{{.Dir}}{{end}}",
		"./compiler/cmd/kernelc", "./linker/cmd/kernelld")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=readonly")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	var prefixes []string
	for _, p := range globIncludes(t) {
		prefixes = append(prefixes, strings.TrimSuffix(p, "**"))
	}
	for _, dir := range strings.Fields(string(out)) {
		rel, err := filepath.Rel(abs, dir)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue // a dependency module, from the module cache
		}
		rel = filepath.ToSlash(rel) + "/"
		covered := false
		for _, p := range prefixes {
			if strings.HasPrefix(rel, p) {
				covered = true
			}
		}
		if !covered {
			t.Errorf("package directory %s is imported by the tools but not in //:go_srcs %v", rel, prefixes)
		}
	}
}
