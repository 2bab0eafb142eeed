// Package format_test keeps the repository's Starlark files as buildifier
// wants them: every BUILD, BUILD.bazel, WORKSPACE, WORKSPACE.bazel,
// MODULE.bazel and .bzl file is formatted exactly as `buildifier` formats
// it (buildtools' build.Format, with the file type buildifier picks from
// the name), and has none of the lint warnings this project enforces.
//
// The enforced warnings are all of buildtools' warn.AllWarnings (what
// `buildifier --lint=warn --warnings=all` reports: the default set plus
// unsorted-dict-items) except native-android, native-cc, native-java,
// native-proto and native-py. Those five ask to load language rules from
// their rules_* repositories instead of using the native ones; this
// repository builds with Bazel 4.2.3 offline, where rules_cc and rules_java
// are local stubs that forward to the native rules (third_party/README.md),
// so they cannot apply.
//
// The files are the ones git tracks or would track (new files count before
// they are committed); outside a git checkout, a walk that skips .git and
// bazel-* output links. `go test ./tests/format -fix` rewrites the files
// that are not formatted (lint findings are left to fix by hand).
package format_test

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/bazelbuild/buildtools/build"
	"github.com/bazelbuild/buildtools/warn"
)

var fix = flag.Bool("fix", false, "rewrite files that are not formatted as buildifier formats them")

// root is the repository root, relative to this package's directory.
const root = "../.."

// notEnforced are the warnings left out, with the reason in the package
// comment.
var notEnforced = map[string]bool{
	"native-android": true,
	"native-cc":      true,
	"native-java":    true,
	"native-proto":   true,
	"native-py":      true,
}

func enforced() []string {
	var out []string
	for _, w := range warn.AllWarnings {
		if !notEnforced[w] {
			out = append(out, w)
		}
	}
	return out
}

// isStarlark reports whether a file name is one buildifier formats as
// BUILD, WORKSPACE, MODULE.bazel or .bzl. BUILD.lab is a BUILD file that a
// script copies into a workspace of its own (tools/check_artiq.sh).
func isStarlark(name string) bool {
	switch name {
	case "BUILD", "BUILD.bazel", "BUILD.lab", "WORKSPACE", "WORKSPACE.bazel", "MODULE.bazel":
		return true
	}
	return strings.HasSuffix(name, ".bzl")
}

// starlarkFiles lists the repository's Starlark files, slash paths
// relative to the root.
func starlarkFiles(t *testing.T) []string {
	t.Helper()
	var all []string
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = root
	if out, err := cmd.Output(); err == nil {
		for _, f := range strings.Split(string(out), "\x00") {
			if f != "" {
				all = append(all, f)
			}
		}
	} else {
		t.Logf("git ls-files: %v; walking the tree instead", err)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p != root && (d.Name() == ".git" || strings.HasPrefix(d.Name(), "bazel-")) {
				return filepath.SkipDir
			}
			if !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				all = append(all, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var files []string
	for _, f := range all {
		if strings.HasPrefix(f, "bazel-") || !isStarlark(path.Base(f)) {
			continue
		}
		// Deleted in the working tree, or a link: not ours to check.
		if st, err := os.Lstat(filepath.Join(root, filepath.FromSlash(f))); err != nil || !st.Mode().IsRegular() {
			continue
		}
		files = append(files, f)
	}
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatal("no Starlark files found")
	}
	return files
}

// workspaceOf is the directory of the nearest WORKSPACE, WORKSPACE.bazel
// or MODULE.bazel at or above the directory of f (a slash path relative to
// root): the repository that f belongs to, as buildifier finds it.
func workspaceOf(f string) string {
	dir := path.Dir(f)
	for {
		for _, m := range []string{"WORKSPACE", "WORKSPACE.bazel", "MODULE.bazel"} {
			if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(dir), m)); err == nil {
				return dir
			}
		}
		if dir == "." {
			return dir
		}
		dir = path.Dir(dir)
	}
}

// parse parses a repository file as buildifier does, with its package and
// workspace set (some checks, like bzl-visibility, need them).
func parse(t *testing.T, rel string) (*build.File, []byte, bool) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := build.Parse(rel, data)
	if err != nil {
		t.Errorf("%s does not parse: %v", rel, err)
		return nil, nil, false
	}
	ws := workspaceOf(rel)
	f.WorkspaceRoot, _ = filepath.Abs(filepath.Join(root, filepath.FromSlash(ws)))
	inWS := rel
	if ws != "." {
		inWS = strings.TrimPrefix(rel, ws+"/")
	}
	f.Pkg = path.Dir(inWS)
	if f.Pkg == "." {
		f.Pkg = ""
	}
	f.Label = path.Base(inWS)
	return f, data, true
}

func TestFormatted(t *testing.T) {
	for _, rel := range starlarkFiles(t) {
		f, data, ok := parse(t, rel)
		if !ok {
			continue
		}
		want := build.Format(f)
		if bytes.Equal(want, data) {
			continue
		}
		if *fix {
			if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(rel)), want, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("formatted %s", rel)
			continue
		}
		t.Errorf("%s is not formatted as buildifier formats it (first difference at line %d); go test ./tests/format -fix rewrites it", rel, firstDiffLine(data, want))
	}
}

func firstDiffLine(a, b []byte) int {
	la := strings.Split(string(a), "\n")
	lb := strings.Split(string(b), "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return i + 1
		}
	}
	if len(la) < len(lb) {
		return len(la)
	}
	return len(lb)
}

func TestLint(t *testing.T) {
	warnings := enforced()
	for _, rel := range starlarkFiles(t) {
		f, _, ok := parse(t, rel)
		if !ok {
			continue
		}
		ws := f.WorkspaceRoot
		reader := warn.NewFileReader(func(p string) ([]byte, error) {
			return os.ReadFile(filepath.Join(ws, filepath.FromSlash(p)))
		})
		for _, w := range warn.FileWarnings(f, warnings, nil, warn.ModeWarn, reader) {
			msg, _, _ := strings.Cut(w.Message, "\n")
			t.Errorf("%s:%d: %s [%s] (%s)", rel, w.Start.Line, msg, w.Category, w.URL)
		}
	}
}

// The checks must see the problems they are meant to catch.
func TestChecksCatchProblems(t *testing.T) {
	// Loads out of order (build.Format sorts them), an unused load, two
	// targets of one name, a native cc rule.
	bad := []byte(`load("//b:defs.bzl", "y")
load("//a:defs.bzl", "x")

y(name="z",
  srcs=["b.c", "a.c"])

cc_library(name = "z")
`)
	f, err := build.ParseBuild("pkg/BUILD.bazel", bad)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(build.Format(f), bad) {
		t.Error("build.Format left an unformatted file alone")
	}
	got := map[string]bool{}
	for _, w := range warn.FileWarnings(f, enforced(), nil, warn.ModeWarn, nil) {
		got[w.Category] = true
	}
	for _, want := range []string{"load", "duplicated-name"} {
		if !got[want] {
			t.Errorf("lint did not report %s; got %v", want, got)
		}
	}
	if got["native-cc"] {
		t.Error("native-cc is reported but not enforced")
	}
}
