package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestServerArgs(t *testing.T) {
	htpasswd := filepath.Join(t.TempDir(), "htpasswd")
	if err := os.WriteFile(htpasswd, []byte("ci:{SHA}x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		c    config
		want []string
	}{
		{
			name: "defaults: loopback, zstd, no auth",
			c:    config{dir: "/var/cache/x", maxSizeGiB: 20, host: "127.0.0.1", grpcPort: 9092, httpPort: 8080},
			want: []string{"--dir=/var/cache/x", "--max_size=20", "--storage_mode=zstd",
				"--grpc_address=127.0.0.1:9092", "--http_address=127.0.0.1:8080"},
		},
		{
			name: "lab network, open reads, extra flags",
			c: config{dir: "/c", maxSizeGiB: 50, host: "0.0.0.0", grpcPort: 1, httpPort: 2,
				htpasswd: htpasswd, openReads: true, extra: []string{"--max_blob_size=1000"}},
			want: []string{"--dir=/c", "--max_size=50", "--storage_mode=zstd",
				"--grpc_address=0.0.0.0:1", "--http_address=0.0.0.0:2",
				"--htpasswd_file=" + htpasswd, "--allow_unauthenticated_reads", "--max_blob_size=1000"},
		},
		{
			name: "IPv6",
			c:    config{dir: "/c", maxSizeGiB: 1, host: "::1", grpcPort: 9092, httpPort: 8080},
			want: []string{"--dir=/c", "--max_size=1", "--storage_mode=zstd",
				"--grpc_address=[::1]:9092", "--http_address=[::1]:8080"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.c.check(); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, tc.c.serverArgs()); diff != "" {
				t.Errorf("serverArgs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckRejects(t *testing.T) {
	ok := config{dir: "/c", maxSizeGiB: 1, host: "127.0.0.1", grpcPort: 9092, httpPort: 8080}
	for name, edit := range map[string]func(*config){
		"size":               func(c *config) { c.maxSizeGiB = 0 },
		"port range":         func(c *config) { c.grpcPort = 70000 },
		"same ports":         func(c *config) { c.httpPort = c.grpcPort },
		"open reads no auth": func(c *config) { c.openReads = true },
		"missing htpasswd":   func(c *config) { c.htpasswd = "/nonexistent/htpasswd" },
	} {
		c := ok
		edit(&c)
		if err := c.check(); err == nil {
			t.Errorf("%s: check accepted %+v", name, c)
		}
	}
}

func TestClientHelp(t *testing.T) {
	c := config{dir: "/c", maxSizeGiB: 5, host: "10.0.0.7", grpcPort: 9092, httpPort: 8080, htpasswd: "/etc/h", openReads: true}
	help := c.clientHelp("v2.6.1")
	for _, want := range []string{
		"bazel-remote v2.6.1",
		"build:lab_cache --remote_cache=grpc://10.0.0.7:9092",
		"--config=lab",
		"--config=ci",
		"machine 10.0.0.7 login",
		"anyone may read",
	} {
		if !strings.Contains(help, want) {
			t.Errorf("client help lacks %q:\n%s", want, help)
		}
	}
}

// The dry run names the binary and the server command without building or
// starting anything.
func TestDryRun(t *testing.T) {
	var out, errs bytes.Buffer
	bin := filepath.Join(t.TempDir(), "bazel-remote")
	err := run([]string{"--dry_run", "--bazel_remote=" + bin, "--dir=/tmp/lab-cache", "--grpc_port=19092"}, &out, &errs)
	if err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	want := bin + " --dir=/tmp/lab-cache --max_size=20 --storage_mode=zstd --grpc_address=127.0.0.1:19092 --http_address=127.0.0.1:8080"
	if !strings.Contains(out.String(), want) {
		t.Errorf("dry run output lacks %q:\n%s", want, out.String())
	}
}
