package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const lab = "../../../snapshot/testdata/lab"

func labArgs(out string, extra ...string) []string {
	args := []string{"--device-db", lab + "/device_db.py", "--datasets", lab + "/datasets.json", "--path", lab + "/pylib"}
	args = append(args, extra...)
	return append(args, lab+"/experiments/rabi_scan.py:RabiScan", "-o", out)
}

func TestSnapshotCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "rabi.snap")
	var stderr bytes.Buffer
	if rc := snapshotMain(labArgs(out), &stderr); rc != exitOK {
		t.Fatalf("exit %d\n%s", rc, stderr.String())
	}
	got, _ := os.ReadFile(out)
	want, err := os.ReadFile(lab + "/rabi_scan.snap")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("kernelc snapshot output differs from the golden snapshot:\n%s", got)
	}
	// Flags after the positional argument and the .method form work too.
	out2 := filepath.Join(dir, "rabi2.snap")
	args := []string{lab + "/experiments/rabi_scan.py:RabiScan.run", "-o", out2, "--device-db", lab + "/device_db.py",
		"--datasets", lab + "/datasets.json", "--path", lab + "/pylib"}
	if rc := snapshotMain(args, &stderr); rc != exitOK {
		t.Fatalf("exit %d\n%s", rc, stderr.String())
	}
	if got2, _ := os.ReadFile(out2); !bytes.Equal(got2, want) {
		t.Error("flags after the positional argument gave a different snapshot")
	}

	// A failed run reports file:line:col and the key, exits 2, and leaves
	// the old snapshot as it was.
	stderr.Reset()
	rc := snapshotMain(labArgs(out, "--arg", "n_points=3", "--arg", "n_points=4"), &stderr)
	if rc != exitCompile {
		t.Errorf("exit %d, want %d", rc, exitCompile)
	}
	msg := stderr.String()
	wantMsg := lab + `/experiments/rabi_scan.py:24:9: error: argument "n_points" is given twice on the command line: --arg n_points=3, --arg n_points=4` + "\n" +
		`          self.setattr_argument("n_points", NumberValue(5, precision=0, step=1))` + "\n" +
		"          ^\n"
	if msg != wantMsg {
		t.Errorf("stderr:\n%s\nwant:\n%s", msg, wantMsg)
	}
	if again, _ := os.ReadFile(out); !bytes.Equal(again, want) {
		t.Error("a failed run changed the old snapshot")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("files left behind: %v", ents)
	}

	// The hint of an unsupported construct is printed.
	stderr.Reset()
	bad := filepath.Join(dir, "bad.py")
	os.WriteFile(bad, []byte("from artiq.experiment import *\nclass E(EnvExperiment):\n    def build(self):\n        with self:\n            pass\n    @kernel\n    def run(self):\n        pass\n"), 0o644)
	if rc := snapshotMain([]string{bad + ":E", "-o", out}, &stderr); rc != exitCompile {
		t.Errorf("exit %d", rc)
	}
	if !strings.Contains(stderr.String(), "bad.py:4:9: error: cannot evaluate with statements") ||
		!strings.Contains(stderr.String(), "hint: ") || !strings.Contains(stderr.String(), "Python exporter") {
		t.Errorf("stderr:\n%s", stderr.String())
	}

	// --check accepts the canonical snapshot and rejects a reordered one.
	if rc := snapshotMain([]string{"--check", out}, &stderr); rc != exitOK {
		t.Errorf("--check of a good snapshot: exit %d\n%s", rc, stderr.String())
	}
	lines := strings.Split(string(want), "\n")
	lines[1], lines[2] = lines[2], lines[1]
	reordered := filepath.Join(dir, "reordered.snap")
	os.WriteFile(reordered, []byte(strings.Join(lines, "\n")), 0o644)
	stderr.Reset()
	if rc := snapshotMain([]string{"--check", reordered}, &stderr); rc != exitCompile {
		t.Errorf("--check of a reordered snapshot: exit %d", rc)
	}

	// An output that cannot be written is a tool failure.
	if rc := snapshotMain(labArgs(filepath.Join(dir, "missing", "x.snap")), &stderr); rc != exitTool {
		t.Errorf("unwritable output: exit %d, want %d", rc, exitTool)
	}
	// Bad usage.
	for _, a := range [][]string{nil, {"x.py:C"}, {"x:C", "-o", out}, {"--bogus"}} {
		if rc := snapshotMain(a, &stderr); rc != exitCompile {
			t.Errorf("%v: exit %d, want %d", a, rc, exitCompile)
		}
	}
}
