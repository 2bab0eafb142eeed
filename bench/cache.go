package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// cache is the shared cache of the benchmark's workspaces: a bazel-remote
// on loopback (the version go.mod pins as a tool, built from the module
// cache), or, when that cannot be built or was not asked for, a local
// disk cache. Either way it starts empty and lives in the env's
// directory, never in the user's caches.
type cache struct {
	kind string // "bazel-remote" or "disk"
	dir  string
	// bazel-remote only:
	version string
	grpc    string
	cmd     *exec.Cmd
	logFile *os.File
}

// flags are the bazel build flags that select the cache. They also
// override the repository's .bazelrc, whose --disk_cache is the user's.
func (c *cache) flags() []string {
	if c.kind == "disk" {
		return []string{"--disk_cache=" + c.dir}
	}
	return []string{"--disk_cache=", "--remote_cache=grpc://" + c.grpc, "--remote_upload_local_results=true"}
}

func (c *cache) describe() string {
	if c.kind == "disk" {
		return "local disk cache (--disk_cache)"
	}
	return fmt.Sprintf("bazel-remote %s on loopback (--remote_cache=grpc://%s, zstd storage)", c.version, c.grpc)
}

// newCache sets up the cache below root. kind is "auto", "remote" or
// "disk".
func newCache(root, repo, kind string) (*cache, error) {
	if kind == "disk" {
		return diskCache(root)
	}
	c, err := startBazelRemote(root, repo)
	if err != nil {
		if kind == "remote" {
			return nil, err
		}
		fmt.Fprintf(os.Stderr, "bench: bazel-remote unavailable (%v); using a local disk cache\n", err)
		return diskCache(root)
	}
	return c, nil
}

func diskCache(root string) (*cache, error) {
	dir := filepath.Join(root, "disk-cache")
	return &cache{kind: "disk", dir: dir}, os.MkdirAll(dir, 0o755)
}

const bazelRemotePkg = "github.com/buchgr/bazel-remote/v2"

// startBazelRemote builds bazel-remote at the version go.mod pins (`go
// build`, as `go tool bazel-remote` would, into root/bin) and starts it
// on free loopback ports.
func startBazelRemote(root, repo string) (*cache, error) {
	goEnv := append(os.Environ(), "GOFLAGS=-mod=readonly", "GOTOOLCHAIN=local", "CGO_ENABLED=0")
	list := exec.Command("go", "list", "-m", "-f", "{{.Version}}", bazelRemotePkg)
	list.Dir = repo
	list.Env = goEnv
	out, err := list.Output()
	if err != nil {
		return nil, fmt.Errorf("go.mod does not pin %s: %v", bazelRemotePkg, err)
	}
	version := strings.TrimSpace(string(out))
	bin := filepath.Join(root, "bin", "bazel-remote")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, bazelRemotePkg)
	build.Dir = repo
	build.Env = goEnv
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build %s: %v\n%s", bazelRemotePkg, err, out)
	}
	grpcPort, err := freePort()
	if err != nil {
		return nil, err
	}
	httpPort, err := freePort()
	if err != nil {
		return nil, err
	}
	c := &cache{kind: "bazel-remote", dir: filepath.Join(root, "bazel-remote"), version: version,
		grpc: fmt.Sprintf("127.0.0.1:%d", grpcPort)}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return nil, err
	}
	c.logFile, err = os.Create(filepath.Join(root, "bazel-remote.log"))
	if err != nil {
		return nil, err
	}
	c.cmd = exec.Command(bin,
		"--dir="+c.dir,
		"--max_size=20",
		"--storage_mode=zstd",
		"--grpc_address="+c.grpc,
		fmt.Sprintf("--http_address=127.0.0.1:%d", httpPort),
	)
	c.cmd.Stdout = c.logFile
	c.cmd.Stderr = c.logFile
	if err := c.cmd.Start(); err != nil {
		return nil, err
	}
	// Wait for the gRPC port.
	deadline := time.Now().Add(60 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", c.grpc, time.Second)
		if err == nil {
			conn.Close()
			return c, nil
		}
		if time.Now().After(deadline) {
			c.stop()
			return nil, fmt.Errorf("bazel-remote did not listen on %s within 60 s (log: %s)", c.grpc, c.logFile.Name())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// stop ends the bazel-remote this benchmark started (by its process).
func (c *cache) stop() {
	if c.cmd != nil && c.cmd.Process != nil {
		c.cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { c.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			c.cmd.Process.Kill()
			<-done
		}
		c.cmd = nil
	}
	if c.logFile != nil {
		c.logFile.Close()
		c.logFile = nil
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
