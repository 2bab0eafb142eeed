// Command cache runs the lab's shared Bazel cache: bazel-remote, pinned in
// go.mod as a tool, started with defaults that suit a lab (docs/cache.md).
//
//	go run ./tools/cache [flags] [-- bazel-remote flags...]
//
// It builds bazel-remote from the module cache at the version go.mod pins
// (once; the binary is kept under ~/.cache/rules_artiq/bin), prints how to
// point Bazel at the cache, and then becomes bazel-remote (exec), so that
// stopping it (Ctrl-C, kill, systemd) stops the server. The defaults:
//
//	--dir          ~/.cache/rules_artiq/lab-cache (the blobs; safe to delete while stopped)
//	--max_size     20 (GiB; bazel-remote evicts the least recently used blobs beyond it)
//	--host         127.0.0.1 (loopback; --host=0.0.0.0 serves the lab network)
//	--grpc_port    9092 (what Bazel uses: --remote_cache=grpc://HOST:9092)
//	--http_port    8080 (status page, metrics, curl)
//	zstd storage   (bazel-remote's --storage_mode zstd, klauspost/compress)
//
// Authentication is off unless --htpasswd names an htpasswd file (bcrypt or
// {SHA} entries, e.g. from `htpasswd -B`); then every request needs one of
// its users, or only writes do with --allow_unauthenticated_reads.
// bazel-remote has no read-only users: anyone who may authenticate may
// write.
//
// Other modes:
//
//	go run ./tools/cache --build PATH     build bazel-remote to PATH and exit (servers, CI)
//	go run ./tools/cache --dry_run ...    print the client settings and the server command, start nothing
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// bazelRemotePkg is the main package of the tool that go.mod pins.
const bazelRemotePkg = "github.com/buchgr/bazel-remote/v2"

// config is what the command line chose.
type config struct {
	dir         string
	maxSizeGiB  int
	host        string
	grpcPort    int
	httpPort    int
	htpasswd    string
	openReads   bool
	bazelRemote string
	extra       []string
}

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "cache: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	home, _ := os.UserHomeDir()
	fs := flag.NewFlagSet("cache", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.StringVar(&c.dir, "dir", filepath.Join(home, ".cache", "rules_artiq", "lab-cache"), "cache `directory` (created if missing)")
	fs.IntVar(&c.maxSizeGiB, "max_size", 20, "maximum cache size in `GiB`; least recently used blobs are evicted beyond it")
	fs.StringVar(&c.host, "host", "127.0.0.1", "address to listen on; 0.0.0.0 for every interface")
	fs.IntVar(&c.grpcPort, "grpc_port", 9092, "gRPC `port` (Bazel's --remote_cache=grpc://HOST:PORT)")
	fs.IntVar(&c.httpPort, "http_port", 8080, "HTTP `port` (/status, /metrics, plain GET/PUT)")
	fs.StringVar(&c.htpasswd, "htpasswd", "", "htpasswd `file`: require one of its users (default: no authentication)")
	fs.BoolVar(&c.openReads, "allow_unauthenticated_reads", false, "with --htpasswd: let anyone read, only its users write")
	fs.StringVar(&c.bazelRemote, "bazel_remote", "", "bazel-remote `binary` to run (default: build the version go.mod pins, once)")
	build := fs.String("build", "", "build bazel-remote (the version go.mod pins) to `path` and exit")
	dryRun := fs.Bool("dry_run", false, "print the client settings and the server command line; start nothing")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: go run ./tools/cache [flags] [-- bazel-remote flags...]\n\n"+
			"Runs the lab's shared Bazel cache (bazel-remote, zstd storage); see docs/cache.md.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	c.extra = fs.Args()

	if *build != "" {
		version, err := buildServer(*build, stderr)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "built bazel-remote %s: %s\n", version, *build)
		return nil
	}
	if err := c.check(); err != nil {
		return err
	}
	if c.htpasswd != "" {
		abs, err := filepath.Abs(c.htpasswd)
		if err != nil {
			return err
		}
		c.htpasswd = abs
	}
	version := "(given binary)"
	if c.bazelRemote == "" {
		var err error
		if c.bazelRemote, version, err = cachedBinary(home, stderr, *dryRun); err != nil {
			return err
		}
	}
	argv := c.serverArgs()
	fmt.Fprint(stdout, c.clientHelp(version))
	if *dryRun {
		fmt.Fprintf(stdout, "\nserver command:\n  %s %s\n", c.bazelRemote, strings.Join(argv, " "))
		return nil
	}
	if err := os.MkdirAll(c.dir, 0o750); err != nil {
		return err
	}
	// Become bazel-remote: signals, the exit status and the process id are
	// the server's own.
	return syscall.Exec(c.bazelRemote, append([]string{c.bazelRemote}, argv...), os.Environ())
}

func (c *config) check() error {
	if c.maxSizeGiB <= 0 {
		return fmt.Errorf("--max_size must be a positive number of GiB, not %d", c.maxSizeGiB)
	}
	for _, p := range []int{c.grpcPort, c.httpPort} {
		if p <= 0 || p > 65535 {
			return fmt.Errorf("port %d out of range", p)
		}
	}
	if c.grpcPort == c.httpPort {
		return fmt.Errorf("--grpc_port and --http_port are both %d", c.grpcPort)
	}
	if c.openReads && c.htpasswd == "" {
		return fmt.Errorf("--allow_unauthenticated_reads needs --htpasswd (without it everyone may read and write)")
	}
	if c.htpasswd != "" {
		if _, err := os.Stat(c.htpasswd); err != nil {
			return fmt.Errorf("--htpasswd: %v", err)
		}
	}
	return nil
}

// serverArgs is bazel-remote's command line (flags only).
func (c *config) serverArgs() []string {
	argv := []string{
		"--dir=" + c.dir,
		"--max_size=" + strconv.Itoa(c.maxSizeGiB),
		"--storage_mode=zstd",
		"--grpc_address=" + net.JoinHostPort(c.host, strconv.Itoa(c.grpcPort)),
		"--http_address=" + net.JoinHostPort(c.host, strconv.Itoa(c.httpPort)),
	}
	if c.htpasswd != "" {
		argv = append(argv, "--htpasswd_file="+c.htpasswd)
		if c.openReads {
			argv = append(argv, "--allow_unauthenticated_reads")
		}
	}
	return append(argv, c.extra...)
}

// clientHost is the name clients should use for the server.
func (c *config) clientHost() string {
	switch c.host {
	case "", "0.0.0.0", "::":
		if h, err := os.Hostname(); err == nil && h != "" {
			return h
		}
		return "HOST"
	}
	return c.host
}

// clientHelp says where the cache is and how to point Bazel at it.
func (c *config) clientHelp(version string) string {
	host := c.clientHost()
	grpcURL := "grpc://" + net.JoinHostPort(host, strconv.Itoa(c.grpcPort))
	httpURL := "http://" + net.JoinHostPort(host, strconv.Itoa(c.httpPort))
	var b strings.Builder
	fmt.Fprintf(&b, "rules_artiq lab cache: bazel-remote %s\n", version)
	fmt.Fprintf(&b, "  storage  %s (at most %d GiB, zstd)\n", c.dir, c.maxSizeGiB)
	fmt.Fprintf(&b, "  gRPC     %s   (for Bazel)\n", net.JoinHostPort(c.host, strconv.Itoa(c.grpcPort)))
	fmt.Fprintf(&b, "  HTTP     %s   (status: %s/status)\n", net.JoinHostPort(c.host, strconv.Itoa(c.httpPort)), httpURL)
	switch {
	case c.htpasswd == "":
		fmt.Fprintf(&b, "  auth     none: whoever reaches the ports may read and write\n")
	case c.openReads:
		fmt.Fprintf(&b, "  auth     %s: anyone may read, its users write\n", c.htpasswd)
	default:
		fmt.Fprintf(&b, "  auth     %s: its users read and write, nobody else\n", c.htpasswd)
	}
	fmt.Fprintf(&b, "\nPoint Bazel at it in each checkout's user.bazelrc (git ignores it; never commit it):\n")
	fmt.Fprintf(&b, "  build:lab_cache --remote_cache=%s\n", grpcURL)
	fmt.Fprintf(&b, "then build with\n")
	fmt.Fprintf(&b, "  bazel build --config=lab //...   # workstations: read the cache, upload nothing\n")
	fmt.Fprintf(&b, "  bazel build --config=ci //...    # CI: read and upload\n")
	if c.htpasswd != "" {
		fmt.Fprintf(&b, "Credentials go in ~/.netrc (or the file $NETRC names), mode 600:\n")
		fmt.Fprintf(&b, "  machine %s login USER password PASSWORD\n", host)
	}
	fmt.Fprintf(&b, "If the cache is down, builds warn and run locally (docs/cache.md).\n")
	return b.String()
}

// moduleRoot is the directory of the main module's go.mod (this
// repository's), from `go env GOMOD`.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %v (is Go on PATH?)", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside the rules_artiq module: run this from the repository")
	}
	return filepath.Dir(gomod), nil
}

// pinnedVersion is the bazel-remote version that go.mod selects.
func pinnedVersion(root string) (string, error) {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Version}}", bazelRemotePkg)
	cmd.Dir = root
	cmd.Env = goEnv()
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", fmt.Errorf("go list -m %s: %v\n%s", bazelRemotePkg, err, ee.Stderr)
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// goEnv is the environment of the go commands: the user's, but never
// editing go.mod and never switching toolchains.
func goEnv() []string {
	return append(os.Environ(), "GOFLAGS=-mod=readonly", "GOTOOLCHAIN=local")
}

// buildServer builds bazel-remote at the pinned version into out: a static
// binary (no cgo; bazel-remote's zstd is then klauspost/compress), with
// -trimpath, and the version stamped where bazel-remote reports it.
func buildServer(out string, log io.Writer) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	version, err := pinnedVersion(root)
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return "", err
	}
	fmt.Fprintf(log, "cache: building bazel-remote %s (first time: a minute or more)\n", version)
	cmd := exec.Command("go", "build", "-trimpath",
		"-ldflags=-X=main.gitTags="+version,
		"-o", abs, bazelRemotePkg)
	cmd.Dir = root
	cmd.Env = append(goEnv(), "CGO_ENABLED=0")
	cmd.Stdout = log
	cmd.Stderr = log
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build %s: %v (are the modules downloaded? tools/setup.sh runs go mod download)", bazelRemotePkg, err)
	}
	return version, nil
}

// cachedBinary returns bazel-remote at the pinned version from
// ~/.cache/rules_artiq/bin, building it when it is not there yet (unless
// dryRun, which only names it).
func cachedBinary(home string, log io.Writer, dryRun bool) (path, version string, err error) {
	root, err := moduleRoot()
	if err != nil {
		return "", "", err
	}
	if version, err = pinnedVersion(root); err != nil {
		return "", "", err
	}
	path = filepath.Join(home, ".cache", "rules_artiq", "bin", "bazel-remote-"+version)
	if _, err := os.Stat(path); err == nil || dryRun {
		return path, version, nil
	}
	if _, err := buildServer(path, log); err != nil {
		return "", "", err
	}
	return path, version, nil
}
