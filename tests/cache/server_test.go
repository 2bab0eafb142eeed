package cache_test

import (
	"bytes"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// ciEnv reports whether the environment says this is a CI machine (CI is
// set, as CI services set it: bazeltest.Require's rule), where a missing
// tool fails the test instead of skipping it.
func ciEnv() bool {
	_, set := os.LookupEnv("CI")
	return set
}

// missing skips the test, or fails it on CI.
func missing(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if ciEnv() {
		t.Fatalf("%s (CI is set: a missing tool is an error)", msg)
	}
	t.Skipf("%s: skipping", msg)
}

// tools are the two commands the tests run: the project's cache command
// (tools/cache) and the bazel-remote it builds.
type tools struct {
	labCache    string
	bazelRemote string
}

// buildTools builds `go run ./tools/cache`'s binary, and bazel-remote at
// the version go.mod pins with that command's --build mode (from the
// module cache; warm, a few seconds).
func buildTools(t *testing.T) tools {
	t.Helper()
	dir := t.TempDir()
	tl := tools{
		labCache:    filepath.Join(dir, "lab-cache"),
		bazelRemote: filepath.Join(dir, "bazel-remote"),
	}
	out, err := exec.Command("go", "build", "-o", tl.labCache, "github.com/rules-artiq/rules_artiq/tools/cache").CombinedOutput()
	if err != nil {
		t.Fatalf("go build ./tools/cache: %v\n%s", err, out)
	}
	start := time.Now()
	out, err = exec.Command(tl.labCache, "--build", tl.bazelRemote).CombinedOutput()
	if err != nil {
		missing(t, "cannot build bazel-remote from the module cache (run tools/setup.sh, which runs go mod download): %v\n%s", err, out)
	}
	t.Logf("built bazel-remote in %v: %s", time.Since(start).Round(time.Millisecond), strings.TrimSpace(string(out)))
	return tl
}

// server is one bazel-remote on loopback, started by the project's cache
// command (which execs bazel-remote, so the process is the server).
type server struct {
	tl       tools
	dir      string
	grpcPort int
	httpPort int
	args     []string
	cmd      *exec.Cmd
	log      *os.File
	done     chan error
	// user/password for the HTTP status page when authentication is on.
	user, password string
}

// freePort returns a loopback TCP port that nothing listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startServer runs `lab-cache --dir DIR --host 127.0.0.1 ... extra...` and
// waits until its HTTP port answers. The server is killed when the test
// ends, if stop was not called before.
func startServer(t *testing.T, tl tools, dir string, extra ...string) *server {
	t.Helper()
	s := &server{tl: tl, dir: dir, grpcPort: freePort(t), httpPort: freePort(t), args: extra}
	s.start(t)
	t.Cleanup(func() { s.stop(t) })
	return s
}

func (s *server) start(t *testing.T) {
	t.Helper()
	argv := append([]string{
		"--bazel_remote=" + s.tl.bazelRemote,
		"--dir=" + s.dir,
		"--max_size=1",
		"--host=127.0.0.1",
		fmt.Sprintf("--grpc_port=%d", s.grpcPort),
		fmt.Sprintf("--http_port=%d", s.httpPort),
	}, s.args...)
	logFile, err := os.CreateTemp("", "bazel-remote-*.log")
	if err != nil {
		t.Fatal(err)
	}
	s.log = logFile
	s.cmd = exec.Command(s.tl.labCache, argv...)
	s.cmd.Stdout = logFile
	s.cmd.Stderr = logFile
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s.done = make(chan error, 1)
	go func() { s.done <- s.cmd.Wait() }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		// Any HTTP answer (a 401 too) means the server is up.
		resp, err := http.Get(s.httpURL() + "/status")
		if err == nil {
			resp.Body.Close()
			return
		}
		select {
		case err := <-s.done:
			s.done <- err
			t.Fatalf("bazel-remote exited: %v\n%s", err, s.logText())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("bazel-remote did not answer on %s within 30s\n%s", s.httpURL(), s.logText())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// stop kills the server and waits for it; stopping a stopped server does
// nothing.
func (s *server) stop(t *testing.T) {
	t.Helper()
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
	s.cmd = nil
	s.log.Close()
	os.Remove(s.log.Name())
}

// restart stops the server and starts it again on the same directory and
// ports with other extra flags.
func (s *server) restart(t *testing.T, extra ...string) {
	t.Helper()
	s.stop(t)
	s.args = extra
	s.start(t)
}

func (s *server) logText() string {
	data, _ := os.ReadFile(s.log.Name())
	return string(data)
}

func (s *server) grpcURL() string { return fmt.Sprintf("grpc://127.0.0.1:%d", s.grpcPort) }
func (s *server) httpURL() string { return fmt.Sprintf("http://127.0.0.1:%d", s.httpPort) }

// status is bazel-remote's /status page (the fields the tests use).
type status struct {
	CurrSize         int64
	UncompressedSize int64
	NumFiles         int64
}

func (s *server) status(t *testing.T) status {
	t.Helper()
	req, err := http.NewRequest("GET", s.httpURL()+"/status", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.user != "" {
		req.SetBasicAuth(s.user, s.password)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var st status
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatalf("/status: %v", err)
	}
	return st
}

// httpDo sends one HTTP request to the server and returns the status code
// and body; user "" sends no credentials.
func (s *server) httpDo(t *testing.T, method, path string, body []byte, user, password string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, s.httpURL()+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if user != "" {
		req.SetBasicAuth(user, password)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, data
}

// entries counts the blobs in a cache directory: action cache entries and
// CAS blobs.
func entries(t *testing.T, dir string) (ac, cas int) {
	t.Helper()
	count := func(sub string) int {
		n := 0
		filepath.WalkDir(filepath.Join(dir, sub), func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				n++
			}
			return nil
		})
		return n
	}
	return count("ac.v2"), count("cas.v2")
}

// casFile is the file that holds the CAS blob with this digest.
func casFile(t *testing.T, dir, hash string) string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "cas.v2", hash[:2], hash+"-*"))
	if err != nil || len(m) != 1 {
		t.Fatalf("CAS blob %s in %s: %v %v", hash, dir, m, err)
	}
	return m[0]
}

// copyDir copies a cache directory (regular files and directories).
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// htpasswdSHA is one htpasswd line with a {SHA} password hash, which
// bazel-remote accepts (as it does bcrypt, what `htpasswd -B` writes; the
// standard library has no bcrypt).
func htpasswdSHA(user, password string) string {
	sum := sha1.Sum([]byte(password))
	return user + ":{SHA}" + base64.StdEncoding.EncodeToString(sum[:]) + "\n"
}

// basicAuth is the value of an Authorization header.
func basicAuth(user, password string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))
}

// blackhole listens on a loopback port and never answers: the TCP
// handshake completes (the kernel does it) but no gRPC reply ever comes,
// like a cache host that hangs.
func blackhole(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c) // held open, never read or written
		}
	}()
	t.Cleanup(func() {
		l.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return l.Addr().(*net.TCPAddr).Port
}
