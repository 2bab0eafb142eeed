package simulator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/rules-artiq/rules_artiq/internal/atomicfile"
)

//go:embed runtime
var runtimeFS embed.FS

// Tools are the programs and libraries that build the runtime.
type Tools struct {
	Clang string // clang (14), able to target riscv32
	LLD   string // ld.lld (14)
	// LibgccDir holds libgcc.a for the runtime's multilib, either directly
	// or under <multilib>/ (e.g. Debian's
	// /usr/lib/gcc/riscv64-unknown-elf/12.2.0).
	LibgccDir string
	// PicolibcDir is picolibc's root: include/ and lib/<multilib>/libc.a
	// or lib/libc.a (e.g. Debian's /usr/lib/picolibc/riscv64-unknown-elf).
	// A directory holding libc.a directly is accepted if include/ is
	// beside it or above.
	PicolibcDir string
}

// runtimeTarget is how the runtime is built for one device ABI.
type runtimeTarget struct {
	march, mabi string
	multilib    string // GCC/picolibc multilib directory
	elfFlags    uint32 // e_flags of the device ELFs it loads
	nowLoWord   int    // index of the low time word in uint32_t now[4]
}

var runtimeTargets = map[string]runtimeTarget{
	"rv32g":   {"rv32imafd", "ilp32d", "rv32imafdc/ilp32d", 0x4, 2},
	"rv32ima": {"rv32ima", "ilp32", "rv32imac/ilp32", 0x0, 1},
}

// RuntimeTargets lists the device targets the simulator can run.
func RuntimeTargets() []string {
	var names []string
	for n := range runtimeTargets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// buildVersion changes whenever the build recipe changes, so that cached
// runtimes built by an older recipe are not reused.
const buildVersion = "simrt-build-1"

func (rt runtimeTarget) compileFlags() []string {
	return []string{
		"--target=riscv32-unknown-elf", "-march=" + rt.march, "-mabi=" + rt.mabi,
		"-O2", "-ffreestanding", "-fno-pic", "-fno-stack-protector",
		"-ffunction-sections", "-fdata-sections", "-funwind-tables",
		"-Wall", "-Wextra", "-Wno-unused-parameter",
		fmt.Sprintf("-DRT_ELF_FLAGS=0x%x", rt.elfFlags),
		fmt.Sprintf("-DRT_NOW_LO_WORD=%d", rt.nowLoWord),
	}
}

func linkFlags() []string {
	// --eh-frame-hdr: the unwinder finds the runtime's own frames (those
	// between a raise and the kernel) through its PT_GNU_EH_FRAME.
	return []string{"-static", "--build-id=none", "-e", "_start", "--gc-sections",
		"--strip-debug", "--discard-locals", "--eh-frame-hdr"}
}

// BuildRuntime builds the rv32g runtime into out.
func BuildRuntime(ctx context.Context, tools Tools, out string) error {
	return BuildRuntimeFor(ctx, tools, "rv32g", out)
}

// BuildRuntimeFor builds the runtime that loads device ELFs of target
// (see RuntimeTargets) into out, atomically. The output depends only on the
// embedded sources and the tools: not on paths, time or the environment.
func BuildRuntimeFor(ctx context.Context, tools Tools, target, out string) (err error) {
	rt, ok := runtimeTargets[target]
	if !ok {
		return fmt.Errorf("simulator: no runtime for target %q (have %s)", target, strings.Join(RuntimeTargets(), ", "))
	}
	libgcc, err := findLib(tools.LibgccDir, rt.multilib, "libgcc.a", false)
	if err != nil {
		return err
	}
	libc, err := findLib(tools.PicolibcDir, rt.multilib, "libc.a", true)
	if err != nil {
		return err
	}
	include, err := picolibcInclude(tools.PicolibcDir, libc)
	if err != nil {
		return err
	}
	clang, err := toolPath(tools.Clang, "clang")
	if err != nil {
		return err
	}
	lld, err := toolPath(tools.LLD, "ld.lld")
	if err != nil {
		return err
	}

	work, err := os.MkdirTemp("", "simrt-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	srcs, err := writeSources(work)
	if err != nil {
		return err
	}

	flags := append(rt.compileFlags(),
		"-nostdlibinc", "-isystem", include,
		// Nothing is compiled with -g, but keep the temp dir out of any
		// string clang might record.
		"-ffile-prefix-map="+work+"=.")
	var objs []string
	for _, s := range srcs {
		if filepath.Ext(s) == ".c" || filepath.Ext(s) == ".S" {
			objs = append(objs, strings.TrimSuffix(s, filepath.Ext(s))+".o")
		}
	}
	// Compile in parallel; errors are reported in source order.
	errs := make([]error, len(objs))
	var wg sync.WaitGroup
	i := 0
	for _, s := range srcs {
		ext := filepath.Ext(s)
		if ext != ".c" && ext != ".S" {
			continue
		}
		wg.Add(1)
		go func(i int, src string) {
			defer wg.Done()
			args := append(append([]string{}, flags...), "-c", src, "-o", objs[i])
			errs[i] = runTool(ctx, work, clang, args)
		}(i, s)
		i++
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}

	linked := "runtime.elf"
	args := append(linkFlags(), "-o", linked)
	args = append(args, objs...)
	args = append(args, "--start-group", libc, libgcc, "--end-group")
	if err := runTool(ctx, work, lld, args); err != nil {
		return err
	}
	data, err := os.ReadFile(filepath.Join(work, linked))
	if err != nil {
		return err
	}
	return atomicfile.Write(out, data, 0o755)
}

// writeSources copies the embedded runtime sources into dir/runtime and
// returns their paths relative to dir, sorted.
func writeSources(dir string) ([]string, error) {
	var out []string
	err := fs.WalkDir(runtimeFS, "runtime", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := runtimeFS.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return err
		}
		out = append(out, filepath.FromSlash(p))
		return nil
	})
	sort.Strings(out)
	return out, err
}

// runTool runs a tool in dir; its output is only shown when it fails.
func runTool(ctx context.Context, dir, tool string, args []string) error {
	cmd := exec.CommandContext(ctx, tool, args...)
	cmd.Dir = dir
	var buf bytes.Buffer
	cmd.Stdout = &buf
	cmd.Stderr = &buf
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("simulator: %s %s: %v\n%s", filepath.Base(tool), strings.Join(args, " "), err, buf.String())
	}
	return nil
}

// toolPath makes a tool path usable from another working directory: a
// bare name is looked up in PATH, a relative path is made absolute.
func toolPath(p, what string) (string, error) {
	if p == "" {
		return "", fmt.Errorf("simulator: no %s given", what)
	}
	if !strings.ContainsRune(p, filepath.Separator) {
		return exec.LookPath(p)
	}
	return filepath.Abs(p)
}

func findLib(dir, multilib, name string, picolibc bool) (string, error) {
	if dir == "" {
		return "", fmt.Errorf("simulator: no directory given for %s", name)
	}
	cands := []string{filepath.Join(dir, filepath.FromSlash(multilib), name), filepath.Join(dir, name)}
	if picolibc {
		cands = append([]string{
			filepath.Join(dir, "lib", filepath.FromSlash(multilib), name),
			filepath.Join(dir, "lib", name),
		}, cands...)
	}
	for _, c := range cands {
		if st, err := os.Stat(c); err == nil && !st.IsDir() {
			return filepath.Abs(c)
		}
	}
	return "", fmt.Errorf("simulator: %s for %s not found under %s", name, multilib, dir)
}

// picolibcInclude finds include/ at the picolibc root or above the
// directory that held libc.a.
func picolibcInclude(root, libc string) (string, error) {
	for d := filepath.Dir(libc); ; d = filepath.Dir(d) {
		if st, err := os.Stat(filepath.Join(d, "include", "picolibc.h")); err == nil && !st.IsDir() {
			return filepath.Join(d, "include"), nil
		}
		if d == filepath.Dir(d) {
			break
		}
	}
	return "", fmt.Errorf("simulator: picolibc headers (include/picolibc.h) not found around %s", root)
}

// Debian's locations of the runtime's libraries (see the BRIEF).
const (
	debianLibgcc   = "/usr/lib/gcc/riscv64-unknown-elf/12.2.0"
	debianPicolibc = "/usr/lib/picolibc/riscv64-unknown-elf"
)

// DefaultTools finds clang-14 and ld.lld-14 in PATH and the Debian
// locations of libgcc and picolibc.
func DefaultTools() (Tools, error) {
	var t Tools
	var err error
	if t.Clang, err = exec.LookPath("clang-14"); err != nil {
		return t, fmt.Errorf("simulator: clang-14 not found in PATH")
	}
	if t.LLD, err = exec.LookPath("ld.lld-14"); err != nil {
		return t, fmt.Errorf("simulator: ld.lld-14 not found in PATH")
	}
	t.LibgccDir, t.PicolibcDir = debianLibgcc, debianPicolibc
	for _, d := range []string{t.LibgccDir, t.PicolibcDir} {
		if _, err := os.Stat(d); err != nil {
			return t, fmt.Errorf("simulator: %s missing (install gcc-riscv64-unknown-elf and picolibc-riscv64-unknown-elf)", d)
		}
	}
	return t, nil
}

var defaultRuntimes struct {
	sync.Mutex
	paths map[string]string
}

// DefaultRuntime returns the path of the rv32g runtime, built on first use
// with DefaultTools into the user cache.
func DefaultRuntime() (string, error) {
	return DefaultRuntimeFor(context.Background(), "rv32g")
}

// DefaultRuntimeFor returns the path of the runtime for target, built on
// first use into $XDG_CACHE_HOME/rules_artiq (or ~/.cache/rules_artiq) as
// simrt-<target>-<hash>, where the hash covers the sources, the recipe and
// the identities of the tools and libraries. Concurrent builders are safe:
// each writes a temporary file and renames it into place.
func DefaultRuntimeFor(ctx context.Context, target string) (string, error) {
	defaultRuntimes.Lock()
	defer defaultRuntimes.Unlock()
	if p, ok := defaultRuntimes.paths[target]; ok {
		return p, nil
	}
	rt, ok := runtimeTargets[target]
	if !ok {
		return "", fmt.Errorf("simulator: no runtime for target %q", target)
	}
	tools, err := DefaultTools()
	if err != nil {
		return "", err
	}
	key, err := runtimeKey(tools, target, rt)
	if err != nil {
		return "", err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "rules_artiq")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, fmt.Sprintf("simrt-%s-%s", target, key))
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
		if err := BuildRuntimeFor(ctx, tools, target, path); err != nil {
			return "", err
		}
	}
	if defaultRuntimes.paths == nil {
		defaultRuntimes.paths = map[string]string{}
	}
	defaultRuntimes.paths[target] = path
	return path, nil
}

// runtimeKey hashes everything the runtime binary depends on.
func runtimeKey(tools Tools, target string, rt runtimeTarget) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%q\x00%q\x00", buildVersion, target, rt.compileFlags(), linkFlags())
	err := fs.WalkDir(runtimeFS, "runtime", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := runtimeFS.ReadFile(p)
		fmt.Fprintf(h, "src %s %d\x00", p, len(data))
		h.Write(data)
		return err
	})
	if err != nil {
		return "", err
	}
	for _, tool := range []string{tools.Clang, tools.LLD} {
		id, err := toolIdentity(tool)
		if err != nil {
			return "", err
		}
		h.Write([]byte(id))
	}
	libgcc, err := findLib(tools.LibgccDir, rt.multilib, "libgcc.a", false)
	if err != nil {
		return "", err
	}
	libc, err := findLib(tools.PicolibcDir, rt.multilib, "libc.a", true)
	if err != nil {
		return "", err
	}
	include, err := picolibcInclude(tools.PicolibcDir, libc)
	if err != nil {
		return "", err
	}
	for _, f := range []string{libgcc, libc, filepath.Join(include, "picolibc.h")} {
		if err := hashFile(h, f); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

// toolIdentity is the tool's version banner plus a hash of its resolved
// executable: a different build of the same version is a different tool.
func toolIdentity(tool string) (string, error) {
	out, err := exec.Command(tool, "--version").Output()
	if err != nil {
		return "", fmt.Errorf("simulator: %s --version: %v", tool, err)
	}
	real, err := filepath.EvalSymlinks(tool)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	if err := hashFile(h, real); err != nil {
		return "", err
	}
	return fmt.Sprintf("tool %s %x\x00", out, h.Sum(nil)), nil
}

func hashFile(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fmt.Fprintf(w, "file %s\x00", filepath.Base(path))
	_, err = io.Copy(w, f)
	return err
}
