// Command labgen writes a synthetic ARTIQ lab for the benchmarks: drivers,
// shared library modules and experiments as kernel code, with their BUILD
// files (see package bench/lab and docs/benchmarks.md).
//
//	go run ./bench/labgen -seed 1 -experiments 76 -libs 18 -o lab
//	go run ./bench/labgen -seed 1 -size 100 -o lab      # about 100 modules
//
// The same flags give byte-identical files. -o is the lab directory (its
// module root); -package is that directory relative to the workspace root,
// for labels (default: found from the nearest WORKSPACE above -o, else the
// base name of -o).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/rules-artiq/rules_artiq/bench/lab"
)

func main() {
	seed := flag.Uint64("seed", 1, "random seed")
	exps := flag.Int("experiments", 0, "number of experiments (kernel binaries)")
	libs := flag.Int("libs", 0, "number of shared library modules")
	size := flag.Int("size", 0, "instead of -experiments/-libs: about this many kernel modules in all")
	hostEvery := flag.Int("host-every", 10, "every N-th experiment reads host values through kernel_snapshot (0: none)")
	out := flag.String("o", "", "lab directory to write (created)")
	pkg := flag.String("package", "", "the lab directory relative to the workspace root (default: from the nearest WORKSPACE)")
	rules := flag.String("rules", "//rules:defs.bzl", "label of the kernel rules' defs.bzl")
	flag.Parse()
	if *out == "" || flag.NArg() != 0 || (*size == 0 && (*exps == 0 || *libs == 0)) {
		fmt.Fprintln(os.Stderr, "usage: labgen [-seed S] (-experiments N -libs M | -size N) [-host-every K] [-package P] -o DIR")
		flag.PrintDefaults()
		os.Exit(2)
	}
	cfg := lab.Config{Seed: *seed, Experiments: *exps, Libs: *libs, HostEvery: *hostEvery}
	if *size != 0 {
		cfg = lab.SizeConfig(*seed, *size)
		cfg.HostEvery = *hostEvery
	}
	cfg.RulesLoad = *rules
	cfg.Package = *pkg
	if cfg.Package == "" {
		cfg.Package = packageOf(*out)
	}
	l, err := lab.Generate(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "labgen:", err)
		os.Exit(2)
	}
	if err := l.Write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "labgen:", err)
		os.Exit(3)
	}
	m := l.Manifest
	fmt.Printf("labgen: %s: %d modules (%d experiments, %d libraries, %d drivers), %d files\n",
		*out, m.Modules, m.Experiments, m.Libs, m.Drivers, len(l.Files))
}

// packageOf returns dir relative to the nearest directory above it that
// holds a WORKSPACE file, or dir's base name.
func packageOf(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.Base(dir)
	}
	for p := filepath.Dir(abs); ; p = filepath.Dir(p) {
		for _, w := range []string{"WORKSPACE", "WORKSPACE.bazel", "MODULE.bazel"} {
			if _, err := os.Stat(filepath.Join(p, w)); err == nil {
				rel, err := filepath.Rel(p, abs)
				if err == nil {
					return filepath.ToSlash(rel)
				}
			}
		}
		if filepath.Dir(p) == p {
			return filepath.Base(abs)
		}
	}
}
