// Package support builds the kernel support library: freestanding C that
// is compiled for the core device and linked into every device ELF. It
// provides what generated code needs beyond the firmware's exports (the
// kernel heap, Python's repr() of floats and strings for print(), and the
// code-point arithmetic of str: len, indexing, slicing), and may itself
// call only firmware exports and its own functions.
//
// The C sources are embedded (src/*.c); Build compiles them with clang for
// one target and archives them (compiler/object), deterministically: the same
// sources and tools give a byte-identical archive at any path.
package support

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/object"
	"github.com/rules-artiq/rules_artiq/internal/atomicfile"
)

//go:embed src
var srcFS embed.FS

// Tools are the programs Build runs.
type Tools struct {
	Clang string // clang (14)
}

// targetFlags are the clang flags per device target (compiler/target
// names): the same CPU, ABI and float convention as the compiled kernels.
var targetFlags = map[string][]string{
	"rv32g":    {"--target=riscv32-unknown-linux", "-march=rv32imafd", "-mabi=ilp32d", "-mno-relax"},
	"rv32ima":  {"--target=riscv32-unknown-linux", "-march=rv32ima", "-mabi=ilp32", "-mno-relax"},
	"cortexa9": {"--target=armv7-unknown-linux-gnueabihf", "-mcpu=cortex-a9", "-mfloat-abi=hard", "-mfpu=neon-fp16"},
}

// commonFlags: position-independent like the kernels, nothing from a host
// libc, and hidden symbols so that nothing reaches the dynamic symbol
// table of the device ELF.
var commonFlags = []string{
	"-O2", "-fPIC", "-ffreestanding", "-fno-builtin", "-fvisibility=hidden",
	"-fno-stack-protector", "-ffunction-sections", "-fdata-sections",
	"-Wall", "-Wextra",
}

// Targets lists the targets Build accepts.
func Targets() []string {
	var names []string
	for n := range targetFlags {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// CompileFlags returns the clang flags Build uses for target, for callers
// that fold them into a cache key.
func CompileFlags(target string) ([]string, error) {
	tf, ok := targetFlags[target]
	if !ok {
		return nil, fmt.Errorf("support: unknown target %q (have %s)", target, strings.Join(Targets(), ", "))
	}
	return append(append([]string{}, tf...), commonFlags...), nil
}

// Sources returns the embedded C sources by file name, for cache keys.
func Sources() map[string][]byte {
	out := map[string][]byte{}
	entries, err := fs.ReadDir(srcFS, "src")
	if err != nil {
		panic(err) // embedded at build time
	}
	for _, e := range entries {
		data, err := srcFS.ReadFile(path.Join("src", e.Name()))
		if err != nil {
			panic(err)
		}
		out[e.Name()] = data
	}
	return out
}

// Build compiles the support library for target and writes the archive
// (libkernelsupport.a) to out, replacing it atomically; on failure out is
// left untouched.
func Build(ctx context.Context, tools Tools, target, out string) error {
	flags, err := CompileFlags(target)
	if err != nil {
		return err
	}
	clang, err := toolPath(tools.Clang)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "kernelsupport-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	srcs := Sources()
	var names []string
	for n := range srcs {
		names = append(names, n)
	}
	sort.Strings(names)
	// Every source first: the .c files include the headers.
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(work, n), srcs[n], 0o644); err != nil {
			return err
		}
	}
	var members []object.Member
	for _, n := range names {
		if filepath.Ext(n) != ".c" {
			continue
		}
		obj := strings.TrimSuffix(n, ".c") + ".o"
		args := append(append([]string{}, flags...), "-ffile-prefix-map="+work+"=.", "-c", n, "-o", obj)
		if err := run(ctx, work, clang, args); err != nil {
			return err
		}
		data, err := os.ReadFile(filepath.Join(work, obj))
		if err != nil {
			return err
		}
		members = append(members, object.Member{Name: obj, Data: data})
	}
	data, err := object.EncodeArchive(members)
	if err != nil {
		return err
	}
	return atomicfile.Write(out, data, 0o644)
}

func run(ctx context.Context, dir, tool string, args []string) error {
	cmd := exec.CommandContext(ctx, tool, args...)
	cmd.Dir = dir
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("support: %s %s: %v\n%s", filepath.Base(tool), strings.Join(args, " "), err, buf.String())
	}
	return nil
}

// toolPath resolves a bare name in PATH and makes a relative path absolute,
// since the tools run in a scratch directory.
func toolPath(p string) (string, error) {
	if p == "" {
		return "", fmt.Errorf("support: tool path is empty")
	}
	if !strings.ContainsRune(p, filepath.Separator) {
		return exec.LookPath(p)
	}
	return filepath.Abs(p)
}
