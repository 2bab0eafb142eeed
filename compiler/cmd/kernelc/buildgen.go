package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/rules-artiq/rules_artiq/buildfile"
)

func init() {
	register("buildgen", "create or update BUILD files from the imports of kernel modules", runBuildgen)
}

const buildgenUsage = `usage: kernelc buildgen [flags] [DIR...]

Creates or updates the BUILD.bazel files of the kernel modules below DIR
(default: the module root): one kernel_library per module, with deps from
its imports, and with --binaries a kernel_binary per module that defines a
` + "`@kernel def run()`" + `. Hand edits marked "# keep" survive; nothing is
deleted without --remove-stale. See docs/buildgen.md.

Exit status: 0 done; 1 --check found BUILD files out of date; 2 bad input
(unresolvable imports, syntax errors: everything else is still written);
3 the files could not be read or written.

flags:
`

type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(s string) error { *r = append(*r, s); return nil }

func runBuildgen(args []string) int {
	fs := flag.NewFlagSet("buildgen", flag.ContinueOnError)
	root := fs.String("root", "", "the workspace root (default: $BUILD_WORKSPACE_DIRECTORY, or the nearest directory up from here with a WORKSPACE, WORKSPACE.bazel or MODULE.bazel file)")
	prefix := fs.String("prefix", "", "the module root, relative to the workspace root: module paths start there (examples/lib/ttl.py under examples is lib.ttl)")
	binaries := fs.Bool("binaries", false, "also keep a kernel_binary for every module with a `@kernel def run()`")
	removeStale := fs.Bool("remove-stale", false, "delete targets and srcs whose sources are gone (without it they are only reported)")
	check := fs.Bool("check", false, "write nothing: list the BUILD files that are out of date, exit 1 if any")
	var resolves repeated
	fs.Var(&resolves, "resolve", "MODULE=LABEL: resolve MODULE (or with MODULE ending in .*, every module below it) to LABEL, like a `# buildgen:resolve` directive (repeatable)")
	fs.Usage = func() {
		fmt.Fprint(os.Stderr, buildgenUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitCompile
	}

	cwd, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(os.Stderr, "kernelc buildgen:", err)
		return exitTool
	}
	// Under `bazel run`, relative paths are relative to where bazel ran.
	if wd := os.Getenv("BUILD_WORKING_DIRECTORY"); wd != "" {
		cwd = wd
	}
	ws := *root
	if ws == "" {
		ws = os.Getenv("BUILD_WORKSPACE_DIRECTORY")
	}
	if ws == "" {
		if ws = findWorkspace(cwd); ws == "" {
			fmt.Fprintln(os.Stderr, "kernelc buildgen: no WORKSPACE, WORKSPACE.bazel or MODULE.bazel here or above: give --root")
			return exitCompile
		}
	} else if !filepath.IsAbs(ws) {
		ws = filepath.Join(cwd, ws)
	}

	cfg := buildfile.Config{
		Root:        ws,
		ModuleRoot:  *prefix,
		Binaries:    *binaries,
		RemoveStale: *removeStale,
	}
	command := []string{"kernelc buildgen"}
	if p := filepath.ToSlash(filepath.Clean(*prefix)); *prefix != "" && p != "." {
		command = append(command, "--prefix "+p)
	}
	if *binaries {
		command = append(command, "--binaries")
	}
	for _, r := range resolves {
		m, err := buildfile.ParseMapping(r)
		if err != nil {
			fmt.Fprintln(os.Stderr, "kernelc buildgen:", err)
			return exitCompile
		}
		cfg.Resolve = append(cfg.Resolve, m)
		command = append(command, "--resolve "+m.Module+"="+m.Label)
	}
	cfg.Command = strings.Join(command, " ")
	for _, d := range fs.Args() {
		if !filepath.IsAbs(d) {
			d = filepath.Join(cwd, d)
		}
		rel, err := filepath.Rel(ws, d)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			fmt.Fprintf(os.Stderr, "kernelc buildgen: %s is not below the workspace root %s\n", d, ws)
			return exitCompile
		}
		cfg.Dirs = append(cfg.Dirs, rel)
	}

	res, err := buildfile.Generate(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kernelc buildgen:", err)
		return exitCompile
	}
	show := func(p string) string {
		if rel, err := filepath.Rel(cwd, filepath.Join(ws, filepath.FromSlash(p))); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
		return filepath.Join(ws, filepath.FromSlash(p))
	}
	for _, d := range res.Diags {
		d.Path = show(d.Path)
		fmt.Fprintln(os.Stderr, d)
	}
	status := exitOK
	if *check {
		for _, c := range res.Changes {
			fmt.Fprintf(os.Stderr, "kernelc buildgen: %s is out of date\n", show(c.Path))
		}
		if len(res.Changes) > 0 {
			status = exitException
		}
	} else {
		if err := res.Write(ws); err != nil {
			fmt.Fprintln(os.Stderr, "kernelc buildgen:", err)
			return exitTool
		}
		for _, c := range res.Changes {
			verb := "updated"
			if c.Old == nil {
				verb = "created"
			}
			fmt.Fprintf(os.Stderr, "kernelc buildgen: %s %s\n", verb, show(c.Path))
		}
	}
	if res.HasErrors() {
		status = exitCompile
	}
	return status
}

// findWorkspace returns the nearest directory from dir up that is a Bazel
// workspace root, or "".
func findWorkspace(dir string) string {
	for {
		for _, m := range []string{"WORKSPACE", "WORKSPACE.bazel", "MODULE.bazel", "REPO.bazel"} {
			if st, err := os.Stat(filepath.Join(dir, m)); err == nil && !st.IsDir() {
				return dir
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
