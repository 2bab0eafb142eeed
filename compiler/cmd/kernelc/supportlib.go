package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/rules-artiq/rules_artiq/linker/support"
)

func init() {
	register("supportlib", "build the kernel support library (float printing, kernel heap) for a target", runSupportLib)
}

func runSupportLib(args []string) int {
	fs := flag.NewFlagSet("kernelc supportlib", flag.ContinueOnError)
	tgt := fs.String("target", "", "core-device target ("+strings.Join(support.Targets(), ", ")+")")
	clang := fs.String("clang", "clang-14", "path of clang")
	out := fs.String("o", "", "the archive to write")
	if err := fs.Parse(args); err != nil {
		return exitCompile
	}
	if *tgt == "" || *out == "" || fs.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: kernelc supportlib --target T [--clang PATH] -o OUT.a")
		return exitCompile
	}
	if err := support.Build(context.Background(), support.Tools{Clang: *clang}, *tgt, *out); err != nil {
		fmt.Fprintf(os.Stderr, "kernelc supportlib: %v\n", err)
		return exitTool
	}
	return exitOK
}
