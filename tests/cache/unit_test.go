package cache_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const unitFile = "../../tools/cache/artiq-lab-cache.service"

// unit is what the tests read from the systemd unit.
type unit struct {
	execStart string
	env       map[string]string
	// credentials maps a LoadCredential name to its source file.
	credentials map[string]string
}

func readUnit(t *testing.T) unit {
	t.Helper()
	f, err := os.Open(unitFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	u := unit{env: map[string]string{}, credentials: map[string]string{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		key, value, ok := strings.Cut(line, "=")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		switch key {
		case "ExecStart":
			u.execStart = value
		case "Environment":
			k, v, _ := strings.Cut(value, "=")
			u.env[k] = v
		case "LoadCredential":
			k, v, _ := strings.Cut(value, ":")
			u.credentials[k] = v
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return u
}

// TestSystemdUnit runs bazel-remote with the unit's environment (its
// paths moved to a temporary directory, its addresses to free loopback
// ports) and checks that the server comes up as the unit promises: zstd
// storage, the htpasswd file from systemd's credentials directory, reads
// open to all, writes only with credentials. With systemd-analyze on the
// machine, the unit file must also pass `systemd-analyze verify`.
func TestSystemdUnit(t *testing.T) {
	u := readUnit(t)
	if u.execStart != "/usr/local/bin/bazel-remote" {
		t.Errorf("ExecStart=%s: docs/cache.md installs bazel-remote to /usr/local/bin/bazel-remote", u.execStart)
	}
	for k, want := range map[string]string{
		"BAZEL_REMOTE_STORAGE_MODE":          "zstd",
		"BAZEL_REMOTE_HTPASSWD_FILE":         "%d/htpasswd",
		"BAZEL_REMOTE_UNAUTHENTICATED_READS": "true",
	} {
		if got := u.env[k]; got != want {
			t.Errorf("Environment=%s=%q, want %q", k, got, want)
		}
	}
	if _, ok := u.credentials["htpasswd"]; !ok {
		t.Errorf("no LoadCredential=htpasswd:...")
	}

	tl := buildTools(t)
	if path, err := exec.LookPath("systemd-analyze"); err == nil {
		data, err := os.ReadFile(unitFile)
		if err != nil {
			t.Fatal(err)
		}
		copyUnit := filepath.Join(t.TempDir(), "artiq-lab-cache.service")
		text := strings.Replace(string(data), "ExecStart="+u.execStart, "ExecStart="+tl.bazelRemote, 1)
		if err := os.WriteFile(copyUnit, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(path, "verify", copyUnit).CombinedOutput(); err != nil {
			t.Errorf("systemd-analyze verify: %v\n%s", err, out)
		}
	}

	tmp := t.TempDir()
	creds := filepath.Join(tmp, "credentials")
	if err := os.MkdirAll(creds, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(creds, "htpasswd"), []byte(htpasswdSHA("ci", "ci-password")), 0o600); err != nil {
		t.Fatal(err)
	}
	grpcPort, httpPort := freePort(t), freePort(t)
	env := []string{"PATH=/usr/bin:/bin", "HOME=" + tmp}
	for k, v := range u.env {
		switch k {
		case "BAZEL_REMOTE_DIR":
			v = filepath.Join(tmp, "cache")
		case "BAZEL_REMOTE_GRPC_ADDRESS":
			v = fmt.Sprintf("127.0.0.1:%d", grpcPort)
		case "BAZEL_REMOTE_HTTP_ADDRESS":
			v = fmt.Sprintf("127.0.0.1:%d", httpPort)
		case "BAZEL_REMOTE_MAX_SIZE":
			v = "1"
		}
		env = append(env, k+"="+strings.ReplaceAll(v, "%d", creds))
	}
	cmd := exec.Command(tl.bazelRemote)
	cmd.Env = env
	logFile := filepath.Join(tmp, "bazel-remote.log")
	lf, err := os.Create(logFile)
	if err != nil {
		t.Fatal(err)
	}
	defer lf.Close()
	cmd.Stdout, cmd.Stderr = lf, lf
	if err := os.MkdirAll(filepath.Join(tmp, "cache"), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		cmd.Process.Kill()
		<-done
	}()
	s := &server{grpcPort: grpcPort, httpPort: httpPort}
	for start := time.Now(); ; time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(s.httpURL() + "/status"); err == nil {
			resp.Body.Close()
			break
		}
		select {
		case err := <-done:
			done <- err
			log, _ := os.ReadFile(logFile)
			t.Fatalf("bazel-remote with the unit's environment exited: %v\n%s", err, log)
		default:
		}
		if time.Since(start) > 30*time.Second {
			t.Fatal("bazel-remote did not come up in 30s")
		}
	}
	log, _ := os.ReadFile(logFile)
	for _, want := range []string{"Storage mode: zstd", "Authentication: basic"} {
		if !strings.Contains(string(log), want) {
			t.Errorf("bazel-remote's log lacks %q:\n%s", want, log)
		}
	}
	blob := []byte("unit test blob\n")
	sum := sha256.Sum256(blob)
	path := "/cas/" + hex.EncodeToString(sum[:])
	if code, _ := s.httpDo(t, "GET", path, nil, "", ""); code != http.StatusNotFound {
		t.Errorf("anonymous GET of a missing blob: HTTP %d, want 404 (reads are open)", code)
	}
	if code, _ := s.httpDo(t, "PUT", path, blob, "", ""); code != http.StatusUnauthorized {
		t.Errorf("anonymous PUT: HTTP %d, want 401", code)
	}
	if code, _ := s.httpDo(t, "PUT", path, blob, "ci", "ci-password"); code != http.StatusOK {
		t.Errorf("PUT with CI's credentials: HTTP %d, want 200", code)
	}
	if code, body := s.httpDo(t, "GET", path, nil, "", ""); code != http.StatusOK || string(body) != string(blob) {
		t.Errorf("anonymous GET after CI's PUT: HTTP %d %q", code, body)
	}
}
