// Package cache_test checks the lab's shared cache end to end: a real
// bazel-remote (built from the version go.mod pins, started by the
// project's command tools/cache) on loopback, and real Bazel builds of
// //examples/... in copies of this checkout at different absolute paths,
// using the .bazelrc configurations `lab` and `ci` with the endpoint in
// each copy's user.bazelrc, as docs/cache.md tells a lab to.
//
// One CI build fills a cache (the seed); then, in order:
//
//   - two_checkouts_one_cache: a second checkout at another path, with no
//     disk cache, executes nothing: every spawn is a remote cache hit.
//   - lab_does_not_upload: --config=lab builds an edit locally and writes
//     nothing to the cache.
//   - cache_down: with the server stopped, a fresh checkout builds
//     everything locally, with a warning; with a host that never answers,
//     the build waits out the lab timeouts and succeeds.
//   - auth: with an htpasswd file, requests without credentials cannot
//     write (HTTP PUT 401, Bazel's uploads refused, nothing stored), CI's
//     credentials write, a workstation with read credentials (in $NETRC)
//     gets hits; with --allow_unauthenticated_reads anyone reads, still
//     nobody writes without credentials. No credential reaches an
//     execution log or the action cache.
//   - corrupt_blob: a corrupted CAS blob on the server's disk is never
//     linked: bazel-remote's zstd checksums catch a flipped bit, Bazel's
//     digest check (--remote_verify_downloads) catches a well-formed blob
//     with the wrong content; either way the action runs again locally.
//
// The figures (times, hit counts, sizes) are logged with the prefix
// "FIGURE" (go test -v); docs/cache.md quotes them. Needs bazel and the Go
// modules of go.sum; without them the test skips, unless CI is set.
package cache_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rules-artiq/rules_artiq/tests/bazeltest"
)

const (
	// The module the tests edit, and its archive and the device binary,
	// as short paths (bazeltest.ShortPath).
	ttlSource  = "examples/lib/ttl.py"
	ttlArchive = "examples/lib/ttl/lib.ttl.a"
	rabiELF    = "examples/experiments/rabi.elf"

	target = "//examples/..."
)

// lab is the state the subtests share: the seed cache and its server.
type lab struct {
	env  *bazeltest.Env
	tl   tools
	seed *server
	// seedLog is the seed build's execution log.
	seedLog *bazeltest.Log
	// workstation is a second checkout, made by the first subtest that
	// needs it.
	workstation *bazeltest.Workspace
}

// marker appends a kernel function to the TTL driver: a change of the
// module's interface, so its compile, its importers' compiles and the
// link all miss the cache.
func marker(n int) func(string) string {
	return func(src string) string {
		return src + fmt.Sprintf("\n\n@kernel\ndef cache_test_marker() -> int32:\n    return %d\n", n)
	}
}

// useCache points a workspace at a server the way docs/cache.md says:
// user.bazelrc, which git ignores. extra lines follow.
func useCache(t *testing.T, w *bazeltest.Workspace, s *server, extra ...string) {
	t.Helper()
	lines := append([]string{"build:lab_cache --remote_cache=" + s.grpcURL()}, extra...)
	w.WriteFile(t, "user.bazelrc", strings.Join(lines, "\n")+"\n")
}

// spawnOf returns the spawn of a mnemonic whose primary output has this
// short path.
func spawnOf(t *testing.T, log *bazeltest.Log, mnemonic, short string) *bazeltest.Spawn {
	t.Helper()
	for _, s := range log.ByMnemonic(mnemonic) {
		for _, o := range s.Outputs() {
			if bazeltest.ShortPath(o) == short {
				return s
			}
		}
	}
	t.Fatalf("no %s spawn for %s in the execution log", mnemonic, short)
	return nil
}

// outputDigest is the digest the log records for an output (short path).
func outputDigest(t *testing.T, log *bazeltest.Log, short string) string {
	t.Helper()
	for _, s := range log.Spawns {
		for _, f := range s.ActualOutputs {
			if bazeltest.ShortPath(f.Path) == short {
				return f.Digest.Hash
			}
		}
	}
	t.Fatalf("no spawn produced %s", short)
	return ""
}

// fileDigest is the SHA-256 of an output in a workspace's bazel-bin.
func fileDigest(t *testing.T, w *bazeltest.Workspace, log *bazeltest.Log, short string) string {
	t.Helper()
	for _, s := range log.Spawns {
		for _, o := range s.Outputs() {
			if bazeltest.ShortPath(o) == short {
				return w.OutputDigest(t, o)
			}
		}
	}
	// Not in this log (a local action cache hit): the path is the seed's.
	path := "bazel-out/k8-fastbuild/bin/" + short
	return w.OutputDigest(t, path)
}

// onlyHits fails unless Bazel's summary line and the execution log agree
// that nothing ran: every spawn was a remote cache hit.
func onlyHits(t *testing.T, r *bazeltest.Result) {
	t.Helper()
	if !r.HasProcesses {
		t.Fatalf("no process summary in bazel's output:\n%s", r.Output)
	}
	for kind := range r.Processes.ByKind {
		if kind != "remote cache hit" && kind != "internal" {
			t.Errorf("summary %q: %q processes ran (want only remote cache hits and internal)", r.Processes.Line, kind)
		}
	}
	if ran := r.Log.ExecutedSpawns(); len(ran) > 0 {
		t.Errorf("%d spawns executed, want none:\n%s", len(ran), r.Summary())
	}
	if hits := r.Processes.ByKind["remote cache hit"]; hits != len(r.Log.Spawns) {
		t.Errorf("summary says %d remote cache hits, the execution log has %d spawns", hits, len(r.Log.Spawns))
	}
}

func figure(t *testing.T, format string, args ...any) {
	t.Helper()
	t.Logf("FIGURE "+format, args...)
}

func TestLabCache(t *testing.T) {
	bazel := bazeltest.Require(t)
	tl := buildTools(t)
	env := bazeltest.NewEnv(t, bazel, bazeltest.Options{Untracked: true})
	// Every checkout must have the same sources, whatever happens to this
	// checkout while the test runs: copy them from one snapshot.
	snapshot := filepath.Join(env.Root, "snapshot")
	if err := bazeltest.CopyFiles(env.Repo, snapshot, env.Files()); err != nil {
		t.Fatal(err)
	}
	env.Repo = snapshot
	l := &lab{env: env, tl: tl}

	// The seed: CI builds everything, cold, and uploads it.
	l.seed = startServer(t, tl, filepath.Join(env.Root, "cache-seed"))
	ci := env.Workspace(t, "ci/runner/work/rules_artiq")
	useCache(t, ci, l.seed)
	r := ci.Build(t, "--config=ci", "--disk_cache=", target)
	l.seedLog = r.Log
	if ran := r.Log.ExecutedSpawns(); len(ran) == 0 {
		t.Fatalf("the seed build executed nothing: is something else answering? %s", r.Summary())
	}
	ac, cas := entries(t, l.seed.dir)
	st := l.seed.status(t)
	figure(t, "seed: CI cold build with upload %v; %s; %s", r.Elapsed.Round(100*time.Millisecond), r.Processes.Line, oneLine(r.Summary()))
	figure(t, "seed: cache holds %d action results, %d CAS blobs; %d bytes on disk (zstd), %d uncompressed", ac, cas, st.CurrSize, st.UncompressedSize)
	if ac == 0 || cas == 0 {
		t.Fatalf("CI uploaded nothing: %d AC, %d CAS entries", ac, cas)
	}
	ci.Shutdown(t)

	t.Run("two_checkouts_one_cache", l.twoCheckouts)
	t.Run("lab_does_not_upload", l.labDoesNotUpload)
	t.Run("cache_down", l.cacheDown)
	t.Run("auth", l.auth)
	t.Run("corrupt_blob", l.corruptBlob)
}

func oneLine(s fmt.Stringer) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s.String(), "\n", ";")), " ")
}

// workstationWS is the second checkout, at a path of another length and
// depth than the seed's, pointed at the seed server.
func (l *lab) workstationWS(t *testing.T) *bazeltest.Workspace {
	t.Helper()
	if l.workstation == nil {
		l.workstation = l.env.Workspace(t, "lab/control-pc-2/home/physicist/src/rules_artiq")
		useCache(t, l.workstation, l.seed)
	}
	return l.workstation
}

// twoCheckouts: the second checkout compiles and links nothing.
func (l *lab) twoCheckouts(t *testing.T) {
	w := l.workstationWS(t)
	r := w.Build(t, "--config=lab", "--disk_cache=", target)
	figure(t, "second checkout, --config=lab, no disk cache: %v; %s", r.Elapsed.Round(100*time.Millisecond), r.Processes.Line)
	onlyHits(t, r)
	for _, m := range []string{"KernelCompile", "KernelLink"} {
		if len(r.Log.ByMnemonic(m)) == 0 {
			t.Errorf("no %s spawn in the second build: what did it build?\n%s", m, r.Summary())
		}
	}
	if got, want := len(r.Log.Spawns), len(l.seedLog.Spawns); got != want {
		t.Errorf("second build has %d spawns, the seed %d", got, want)
	}
	if got, want := fileDigest(t, w, r.Log, rabiELF), outputDigest(t, l.seedLog, rabiELF); got != want {
		t.Errorf("%s: %s, the seed built %s", rabiELF, got, want)
	}
}

// labDoesNotUpload: a workstation's local results stay local.
func (l *lab) labDoesNotUpload(t *testing.T) {
	w := l.workstationWS(t)
	w.Edit(t, ttlSource, marker(1))
	defer w.Restore(t)
	ac0, cas0 := entries(t, l.seed.dir)
	r := w.Build(t, "--config=lab", "--disk_cache=", target)
	if !spawnOf(t, r.Log, "KernelCompile", ttlArchive).Executed() {
		t.Fatalf("the edited module was not compiled:\n%s", r.Summary())
	}
	ac1, cas1 := entries(t, l.seed.dir)
	if ac1 != ac0 || cas1 != cas0 {
		t.Errorf("--config=lab wrote to the cache: %d→%d AC, %d→%d CAS entries", ac0, ac1, cas0, cas1)
	}
	figure(t, "edit on a workstation (--config=lab): %v; %s; cache unchanged", r.Elapsed.Round(100*time.Millisecond), r.Processes.Line)
}

// cacheDown: the build succeeds locally, with a warning.
func (l *lab) cacheDown(t *testing.T) {
	l.seed.stop(t)

	// Refused: a fresh checkout builds everything itself.
	w := l.env.Workspace(t, "lab/control-pc-3/rules_artiq")
	useCache(t, w, l.seed)
	r := w.Build(t, "--config=lab", "--disk_cache=", target)
	const warning = "WARNING: Failed to query remote execution capabilities"
	if !strings.Contains(r.Output, warning) {
		t.Errorf("no %q in bazel's output:\n%s", warning, r.Output)
	}
	if hits := r.Log.CacheHits(); len(hits) > 0 {
		t.Errorf("%d cache hits with the cache down", len(hits))
	}
	if got, want := len(r.Log.ExecutedSpawns()), len(l.seedLog.Spawns); got != want {
		t.Errorf("%d spawns ran locally, want all %d:\n%s", got, want, r.Summary())
	}
	if got, want := fileDigest(t, w, r.Log, rabiELF), outputDigest(t, l.seedLog, rabiELF); got != want {
		t.Errorf("%s built locally: %s, the seed built %s", rabiELF, got, want)
	}
	figure(t, "cache down (connection refused), fresh checkout: %v; %s", r.Elapsed.Round(100*time.Millisecond), r.Processes.Line)
	w.Shutdown(t)

	// A host that accepts connections and never answers: the lab
	// configuration's timeout and retries bound the wait.
	ws := l.workstationWS(t)
	ws.Edit(t, ttlSource, marker(2))
	defer ws.Restore(t)
	port := blackhole(t)
	r = ws.Build(t, "--config=lab", "--disk_cache=", fmt.Sprintf("--remote_cache=grpc://127.0.0.1:%d", port), target)
	if !strings.Contains(r.Output, warning) {
		t.Errorf("no %q in bazel's output:\n%s", warning, r.Output)
	}
	if !spawnOf(t, r.Log, "KernelCompile", ttlArchive).Executed() {
		t.Errorf("the edited module was not compiled:\n%s", r.Summary())
	}
	figure(t, "cache host hangs (no answer), edit of one module: %v; %s", r.Elapsed.Round(100*time.Millisecond), r.Processes.Line)
}

// auth: htpasswd-protected cache.
func (l *lab) auth(t *testing.T) {
	l.seed.stop(t)
	dir := filepath.Join(l.env.Root, "cache-auth")
	copyDir(t, l.seed.dir, dir)
	secrets := filepath.Join(l.env.Root, "secrets")
	if err := os.MkdirAll(secrets, 0o700); err != nil {
		t.Fatal(err)
	}
	ciPass := fmt.Sprintf("ci-%d-secret", time.Now().UnixNano())
	labPass := fmt.Sprintf("lab-%d-secret", time.Now().UnixNano())
	htpasswd := filepath.Join(secrets, "htpasswd")
	if err := os.WriteFile(htpasswd, []byte(htpasswdSHA("ci", ciPass)+htpasswdSHA("lab", labPass)), 0o600); err != nil {
		t.Fatal(err)
	}
	noCreds := filepath.Join(secrets, "empty.netrc")
	if err := os.WriteFile(noCreds, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	labNetrc := filepath.Join(secrets, "lab.netrc")
	if err := os.WriteFile(labNetrc, []byte("machine 127.0.0.1\nlogin lab\npassword "+labPass+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// No ~/.netrc of the machine's user may supply credentials.
	t.Setenv("NETRC", noCreds)

	s := startServer(t, l.tl, dir, "--htpasswd="+htpasswd)
	s.user, s.password = "ci", ciPass

	// Direct uploads: refused without (valid) credentials.
	blob := []byte("rules_artiq cache auth test\n")
	sum := sha256.Sum256(blob)
	casPath := "/cas/" + hex.EncodeToString(sum[:])
	for _, c := range []struct{ user, pass string }{{"", ""}, {"ci", "wrong"}, {"nobody", ciPass}} {
		if code, _ := s.httpDo(t, "PUT", casPath, blob, c.user, c.pass); code != 401 {
			t.Errorf("PUT %s as %q: HTTP %d, want 401", casPath, c.user, code)
		}
	}
	if code, _ := s.httpDo(t, "GET", casPath, nil, "ci", ciPass); code != 404 {
		t.Errorf("GET %s after the refused PUTs: HTTP %d, want 404 (nothing stored)", casPath, code)
	}

	// A client without credentials: Bazel cannot even ask for the
	// server's capabilities, warns, and builds the edit locally.
	ac0, cas0 := entries(t, dir)
	ws := l.workstationWS(t)
	ws.Edit(t, ttlSource, marker(3))
	r := ws.Build(t, "--config=ci", "--disk_cache=", "--remote_cache="+s.grpcURL(), target)
	if !strings.Contains(r.Output, "UNAUTHENTICATED") {
		t.Errorf("no UNAUTHENTICATED warning for a client without credentials:\n%s", r.Output)
	}
	if ac, cas := entries(t, dir); ac != ac0 || cas != cas0 {
		t.Errorf("a client without credentials wrote to the cache: %d→%d AC, %d→%d CAS", ac0, ac, cas0, cas)
	}
	ws.Restore(t)
	ws.Shutdown(t)

	// CI, with its credentials in user.bazelrc (--remote_header), builds
	// an edit and uploads it.
	ciWS := l.env.Workspace(t, "auth/ci-runner/rules_artiq")
	useCache(t, ciWS, s, `build:ci "--remote_header=Authorization=`+basicAuth("ci", ciPass)+`"`)
	ciWS.Edit(t, ttlSource, marker(4))
	r = ciWS.Build(t, "--config=ci", "--disk_cache=", target)
	if !spawnOf(t, r.Log, "KernelCompile", ttlArchive).Executed() {
		t.Fatalf("CI did not compile the edit:\n%s", r.Summary())
	}
	ac1, cas1 := entries(t, dir)
	if ac1 <= ac0 || cas1 <= cas0 {
		t.Errorf("CI's credentials did not write: %d→%d AC, %d→%d CAS", ac0, ac1, cas0, cas1)
	}
	figure(t, "auth: CI with credentials, one edit: %v; %s; uploaded %d action results, %d blobs", r.Elapsed.Round(100*time.Millisecond), r.Processes.Line, ac1-ac0, cas1-cas0)
	ciWS.Shutdown(t)

	// A workstation with read credentials ($NETRC) and the same edit: all
	// hits.
	t.Setenv("NETRC", labNetrc)
	pc := l.env.Workspace(t, "auth/lab-pc/rules_artiq")
	useCache(t, pc, s)
	pc.Edit(t, ttlSource, marker(4))
	r = pc.Build(t, "--config=lab", "--disk_cache=", target)
	onlyHits(t, r)
	figure(t, "auth: workstation with read credentials, CI's edit: %v; %s", r.Elapsed.Round(100*time.Millisecond), r.Processes.Line)

	// Open reads: anyone reads, writes still need credentials.
	s.restart(t, "--htpasswd="+htpasswd, "--allow_unauthenticated_reads")
	t.Setenv("NETRC", noCreds)
	if code, _ := s.httpDo(t, "PUT", casPath, blob, "", ""); code != 401 {
		t.Errorf("open reads: PUT without credentials: HTTP %d, want 401", code)
	}
	hash := outputDigest(t, l.seedLog, rabiELF)
	if code, body := s.httpDo(t, "GET", "/cas/"+hash, nil, "", ""); code != 200 || sha256Hex(body) != hash {
		t.Errorf("open reads: GET /cas/%s without credentials: HTTP %d", hash, code)
	}
	// Without credentials, a build of another edit reads what it can and
	// its uploads are refused.
	pc.Restore(t)
	pc.Edit(t, ttlSource, marker(5))
	ac2, cas2 := entries(t, dir)
	r = pc.Build(t, "--config=ci", "--disk_cache=", target)
	if !strings.Contains(r.Output, "WARNING: Writing to Remote Cache") {
		t.Errorf("no warning about the refused upload:\n%s", r.Output)
	}
	if ac, cas := entries(t, dir); ac != ac2 || cas != cas2 {
		t.Errorf("open reads: an anonymous client wrote: %d→%d AC, %d→%d CAS", ac2, ac, cas2, cas)
	}
	// ...and without credentials, CI's edit is all hits.
	pc.Restore(t)
	pc.Edit(t, ttlSource, marker(4))
	pc.Clean(t)
	r = pc.Build(t, "--config=lab", "--disk_cache=", target)
	onlyHits(t, r)
	figure(t, "auth: open reads, anonymous workstation after bazel clean: %v; %s", r.Elapsed.Round(100*time.Millisecond), r.Processes.Line)
	pc.Shutdown(t)

	// No credential in an execution log or in the action cache.
	var files []string
	for _, d := range []string{filepath.Join(l.env.Root, "logs"), filepath.Join(dir, "ac.v2")} {
		filepath.Walk(d, func(p string, info os.FileInfo, err error) error {
			if err == nil && info.Mode().IsRegular() {
				files = append(files, p)
			}
			return nil
		})
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{ciPass, labPass, basicAuth("ci", ciPass)} {
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s contains a credential", f)
			}
		}
	}
	t.Logf("no credential in %d execution logs and action cache entries", len(files))
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// corruptBlob: a corrupted CAS blob is not linked.
func (l *lab) corruptBlob(t *testing.T) {
	l.seed.stop(t)
	dir := filepath.Join(l.env.Root, "cache-corrupt")
	copyDir(t, l.seed.dir, dir)
	archive := outputDigest(t, l.seedLog, ttlArchive)
	elf := outputDigest(t, l.seedLog, rabiELF)
	file := casFile(t, dir, archive)

	// 1. A flipped bit in the stored (zstd-compressed) bytes.
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) <= casHeaderSize {
		t.Fatalf("%s: %d bytes, not a zstd casblob", file, len(data))
	}
	flipped := append([]byte(nil), data...)
	flipped[casHeaderSize+(len(data)-casHeaderSize)/2] ^= 0x10
	if err := os.WriteFile(file, flipped, 0o644); err != nil {
		t.Fatal(err)
	}
	s := startServer(t, l.tl, dir)
	w := l.env.Workspace(t, "lab/control-pc-4/rules_artiq")
	useCache(t, w, s)
	r := w.Build(t, "--config=lab", "--disk_cache=", target)
	l.checkRedone(t, w, r, archive, elf)
	figure(t, "corrupt blob (bit flip, zstd storage): %v; %s", r.Elapsed.Round(100*time.Millisecond), r.Processes.Line)

	// 2. A well-formed blob with the wrong content: bazel-remote serves
	// it (it checks digests when it stores a blob, not when it reads one)...
	content := w.ReadOutput(t, spawnOf(t, r.Log, "KernelCompile", ttlArchive).PrimaryOutput())
	wrong := append([]byte(nil), content...)
	wrong[len(wrong)/2] ^= 0x01
	if err := os.WriteFile(file, identityCasblob(wrong), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, body := s.httpDo(t, "GET", "/cas/"+archive, nil, "", ""); code != 200 || sha256Hex(body) != sha256Hex(wrong) {
		t.Errorf("GET /cas/%s: HTTP %d, %d bytes: bazel-remote no longer serves the substituted blob as is", archive, code, len(body))
	} else {
		t.Logf("bazel-remote serves the substituted blob: sha256 %s for %s", sha256Hex(body), archive)
	}
	// ...and Bazel's digest check rejects it.
	w.Clean(t)
	r = w.Build(t, "--config=lab", "--disk_cache=", target)
	if !strings.Contains(r.Output, "does not match received digest") {
		t.Errorf("no digest mismatch reported:\n%s", r.Output)
	}
	l.checkRedone(t, w, r, archive, elf)
	figure(t, "corrupt blob (wrong content, well-formed): %v; %s", r.Elapsed.Round(100*time.Millisecond), r.Processes.Line)

	// The control: without the check, the substituted archive reaches
	// bazel-out and the link. Observed and logged, not required: it is
	// Bazel's behaviour, not ours.
	w.Clean(t)
	r, err = w.Bazel(t, "build", "--color=no", "--curses=no", "--config=lab", "--disk_cache=", "--noremote_verify_downloads", target)
	if err != nil {
		t.Logf("with --noremote_verify_downloads the build failed; Bazel's last lines:\n%s", lastLines(r.Output, 8))
	} else {
		t.Logf("with --noremote_verify_downloads the build succeeded: %s", r.Processes.Line)
	}
	w.Shutdown(t)
}

// checkRedone: the corrupted archive was compiled again locally, and the
// archive and device binary are the right ones.
func (l *lab) checkRedone(t *testing.T, w *bazeltest.Workspace, r *bazeltest.Result, archive, elf string) {
	t.Helper()
	if !strings.Contains(r.Output, "WARNING: Reading from Remote Cache") {
		t.Errorf("no warning about the failed download:\n%s", r.Output)
	}
	compile := spawnOf(t, r.Log, "KernelCompile", ttlArchive)
	if !compile.Executed() {
		t.Errorf("the compile whose archive is corrupt in the cache was not run again (runner %q)", compile.Runner)
	}
	if got := w.OutputDigest(t, compile.PrimaryOutput()); got != archive {
		t.Errorf("%s in bazel-out: %s, want %s", ttlArchive, got, archive)
	}
	if got := fileDigest(t, w, r.Log, rabiELF); got != elf {
		t.Errorf("%s: %s, want %s", rabiELF, got, elf)
	}
	var ran []string
	for _, s := range r.Log.ExecutedSpawns() {
		ran = append(ran, s.Action())
	}
	sort.Strings(ran)
	t.Logf("ran again: %s", strings.Join(ran, ", "))
}

// casHeaderSize is the size of bazel-remote's header in front of a
// single-chunk CAS blob file (cache/disk/casblob in bazel-remote v2.6.1):
// a zstd skippable frame holding magic uint32, frame size uint32,
// uncompressed size int64, compression uint8, chunk size uint32, the
// number of chunk offsets int64 and the offsets int64 (two: the data's
// start and the file's end), little endian.
const casHeaderSize = 4 + 4 + 8 + 1 + 4 + 8 + 2*8

// identityCasblob returns a CAS blob file holding content uncompressed
// (compression 0), as bazel-remote's uncompressed storage writes one.
func identityCasblob(content []byte) []byte {
	var b bytes.Buffer
	le := func(v any) { binary.Write(&b, binary.LittleEndian, v) }
	le(uint32(0x184D2A50))
	le(uint32(casHeaderSize - 8))
	le(int64(len(content)))
	le(uint8(0))
	le(uint32(1 << 20))
	le(int64(2))
	le(int64(casHeaderSize))
	le(int64(casHeaderSize + len(content)))
	b.Write(content)
	return b.Bytes()
}
