package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/rules-artiq/rules_artiq/simulator"
)

func init() {
	register("simrt", "build the simulator runtime (for the Bazel toolchain)", runSimrt)
}

func runSimrt(args []string) int {
	fs := flag.NewFlagSet("kernelc simrt", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: kernelc simrt --clang PATH --lld PATH --libgcc DIR --picolibc DIR [--target rv32g|rv32ima] -o OUT")
		fs.PrintDefaults()
	}
	var tools simulator.Tools
	fs.StringVar(&tools.Clang, "clang", "", "clang (14) `PATH`")
	fs.StringVar(&tools.LLD, "lld", "", "ld.lld (14) `PATH`")
	fs.StringVar(&tools.LibgccDir, "libgcc", "", "`DIR` with the riscv32 multilib libgcc.a (directly or under <multilib>/)")
	fs.StringVar(&tools.PicolibcDir, "picolibc", "", "picolibc root `DIR` (include/, lib/<multilib>/libc.a)")
	target := fs.String("target", "rv32g", "device target whose ELFs the runtime loads")
	out := fs.String("o", "", "output `FILE`")
	if err := fs.Parse(args); err != nil {
		return exitCompile
	}
	if fs.NArg() != 0 || *out == "" || tools.Clang == "" || tools.LLD == "" || tools.LibgccDir == "" || tools.PicolibcDir == "" {
		fs.Usage()
		return exitCompile
	}
	if err := simulator.BuildRuntimeFor(context.Background(), tools, *target, *out); err != nil {
		fmt.Fprintln(os.Stderr, "kernelc simrt:", err)
		os.Remove(*out)
		return exitTool
	}
	return exitOK
}
