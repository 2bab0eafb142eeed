package snapshot

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const labDir = "testdata/lab"

func labOptions(dir string, args ...string) Options {
	return Options{
		DeviceDB: filepath.Join(dir, "device_db.py"),
		Datasets: filepath.Join(dir, "datasets.json"),
		Path:     []string{filepath.Join(dir, "pylib")},
		File:     filepath.Join(dir, "experiments", "rabi_scan.py"),
		Class:    "RabiScan",
		Args:     args,
	}
}

func freezeLab(t *testing.T, o Options) []byte {
	t.Helper()
	s, err := Freeze(o)
	if err != nil {
		t.Fatalf("Freeze: %v", err)
	}
	return s.Encode()
}

// copyLab copies the lab to a temporary directory, applying edits: file ->
// pairs of (old, new) strings, each old string must occur.
func copyLab(t *testing.T, edits map[string][][2]string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(labDir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(labDir, p)
		if info.IsDir() {
			if info.Name() == "__pycache__" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, e := range edits[filepath.ToSlash(rel)] {
			if !bytes.Contains(data, []byte(e[0])) {
				t.Fatalf("copyLab: %q not in %s", e[0], rel)
			}
			data = bytes.Replace(data, []byte(e[0]), []byte(e[1]), 1)
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// posIn returns "file:line:col" of the first line of file containing
// line, at the column where col starts in it.
func posIn(t *testing.T, dir, file, line, col string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, line) {
			c := strings.Index(l, col)
			if c < 0 {
				t.Fatalf("posIn: %q not in line %q", col, l)
			}
			return filepath.Join(dir, file) + ":" + strconv.Itoa(i+1) + ":" + strconv.Itoa(c+1)
		}
	}
	t.Fatalf("posIn: no line with %q in %s", line, file)
	return ""
}

func TestLabGolden(t *testing.T) {
	got := freezeLab(t, labOptions(labDir))
	golden := filepath.Join(labDir, "rabi_scan.snap")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("snapshot differs from %s (-want +got):\n%s", golden, diff)
	}
	// The golden file is canonical and valid.
	if _, err := Check(golden, want); err != nil {
		t.Errorf("Check(golden): %v", err)
	}
	// Determinism: again, and from a copy at another path.
	if again := freezeLab(t, labOptions(labDir)); !bytes.Equal(again, got) {
		t.Error("a second Freeze gave different bytes")
	}
	abs, _ := filepath.Abs(copyLab(t, nil))
	if other := freezeLab(t, labOptions(abs)); !bytes.Equal(other, got) {
		t.Error("Freeze of the lab at another (absolute) path gave different bytes")
	}
}

// changedLines returns the lines of b that are not in a, and of a not in b.
func changedLines(a, b []byte) (removed, added []string) {
	al := strings.Split(string(a), "\n")
	bl := strings.Split(string(b), "\n")
	in := func(l []string) map[string]bool {
		m := map[string]bool{}
		for _, s := range l {
			m[s] = true
		}
		return m
	}
	am, bm := in(al), in(bl)
	for _, s := range al {
		if !bm[s] {
			removed = append(removed, s)
		}
	}
	for _, s := range bl {
		if !am[s] {
			added = append(added, s)
		}
	}
	return
}

func keysOf(lines []string) []string {
	var keys []string
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) >= 2 {
			keys = append(keys, f[0]+" "+f[1])
		}
	}
	sort.Strings(keys)
	return keys
}

// TestArgChangesOnlyDependents: changing one argument changes exactly the
// lines of the values that depend on it, line for line, and nothing else.
func TestArgChangesOnlyDependents(t *testing.T) {
	base := freezeLab(t, labOptions(labDir))
	for _, c := range []struct {
		arg  string
		want []string
	}{
		{"t_pulse=3e-06", []string{"attr self.durations", "attr self.t_pulse", "attr self.t_pulse_mu", "attr self.t_total", "attr self.title"}},
		{`label="scan"`, []string{"attr self.label", "attr self.name", "attr self.title"}},
		{"label=scan", []string{"attr self.label", "attr self.name", "attr self.title"}},
		{"scan_span=8e-06", []string{"attr self.durations", "attr self.scan_span", "attr self.t_step", "attr self.t_total"}},
		{"detect=False", []string{"attr self.detect", "attr self.flags"}},
		{"mode=slow", []string{"attr self.mode"}},
		{"t_pulse=2e-06", nil}, // the default: byte-identical
	} {
		got := freezeLab(t, labOptions(labDir, c.arg))
		removed, added := changedLines(base, got)
		if len(strings.Split(string(base), "\n")) != len(strings.Split(string(got), "\n")) {
			t.Errorf("--arg %s: the number of lines changed", c.arg)
		}
		if diff := cmp.Diff(c.want, keysOf(removed)); diff != "" {
			t.Errorf("--arg %s: removed lines (-want +got):\n%s", c.arg, diff)
		}
		if diff := cmp.Diff(c.want, keysOf(added)); diff != "" {
			t.Errorf("--arg %s: added lines (-want +got):\n%s", c.arg, diff)
		}
	}
	// An edit of the device database that the experiment does not reach
	// leaves the snapshot byte-identical.
	dir := copyLab(t, map[string][][2]string{"device_db.py": {
		{`"repump": "ttl%d" % (1 + 1),`, `"repump": "ttl3",`},
		{`"port": 3250 + 2 * 10,`, `"port": 4000,`},
	}})
	if got := freezeLab(t, labOptions(dir)); !bytes.Equal(got, base) {
		removed, added := changedLines(base, got)
		t.Errorf("an unreached device_db edit changed the snapshot: -%v +%v", removed, added)
	}
}

func TestPyonDatasets(t *testing.T) {
	base := freezeLab(t, labOptions(labDir))
	o := labOptions(labDir)
	o.Datasets = filepath.Join(labDir, "datasets.pyon")
	got := freezeLab(t, o)
	removed, added := changedLines(base, got)
	want := []string{"attr self.calib list<float> [0.5, 0.25, 0.125]"}
	if diff := cmp.Diff(want, removed); diff != "" {
		t.Errorf("removed (-want +got):\n%s", diff)
	}
	want = []string{"attr self.calib array<float,1> (3,) [0.5, 0.25, 0.125]"}
	if diff := cmp.Diff(want, added); diff != "" {
		t.Errorf("added (-want +got):\n%s", diff)
	}
	ip := newInterp(nil, nil)
	data, _ := os.ReadFile(o.Datasets)
	ds, err := ip.readDatasets(o.Datasets, data)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := ds["offset"].(intV); !ok || v != (intV{-7, np64}) {
		t.Errorf("npscalar: got %#v", ds["offset"])
	}
	if s, _ := ip.repr(ds["unused"], Pos{}); s != "{'a': 1, 'b': [True, False, None], 'c': (1, -inf)}" {
		t.Errorf("pyon dict: %s", s)
	}
	for _, bad := range []string{`{"a": foo}`, `{"a": 1 + 2}`, `[1, 2]`, `{"a": nparray((2,), "<f8", "AAAA")}`, `{"a": nparray((1,), "<c16", "")}`} {
		if _, err := ip.readDatasets("bad.pyon", []byte(bad)); err == nil {
			t.Errorf("readDatasets(%q) succeeded", bad)
		}
	}
	for _, bad := range []string{`{"a": }`, `[1]`, `{"a": 1} 2`, `{"a": 99999999999999999999}`} {
		if _, err := ip.readDatasets("bad.json", []byte(bad)); err == nil {
			t.Errorf("readDatasets(%q) succeeded", bad)
		}
	}
}

func TestLabLookups(t *testing.T) {
	s, err := Freeze(labOptions(labDir))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"self.pmt.channel":      "int32 4",
		"self.ttls[1].target_o": "int32 256",
		"self.led":              "ref<artiq.coredevice.ttl.TTLOut> ttl0",
		"core.ref_period":       "float 1e-09",
		"self.flags[2]":         `str "x"`,
		"self.pmt.core.core":    "ref<artiq.coredevice.core.Core> core",
	} {
		v, err := s.Lookup(path)
		if err != nil {
			t.Errorf("Lookup(%q): %v", path, err)
			continue
		}
		if got := v.Type.String() + " " + v.String(); got != want {
			t.Errorf("Lookup(%q) = %s, want %s", path, got, want)
		}
	}
	o, a, err := s.LookupAttr("self.led.core")
	if err != nil || o.ID != "ttl0" || a.Name != "core" || !a.Invariant {
		t.Errorf("LookupAttr(self.led.core) = %v, %v, %v", o, a, err)
	}
	for _, bad := range []string{"nope.x", "self.nope", "self.t_pulse.x", "self.ttls[5]", "self.", "self.led[0]"} {
		if _, err := s.Lookup(bad); err == nil {
			t.Errorf("Lookup(%q) succeeded", bad)
		}
	}
	c := s.Class("artiq.coredevice.ttl.TTLOut")
	if c == nil {
		t.Fatal("no class TTLOut")
	}
	if diff := cmp.Diff([]string{"ttl0", "ttl1"}, c.Objects); diff != "" {
		t.Errorf("TTLOut objects: %s", diff)
	}
	if diff := cmp.Diff([]string{"channel", "core", "target_o"}, c.Invariants); diff != "" {
		t.Errorf("TTLOut invariants: %s", diff)
	}
	if got := c.Attrs["target_o"].String(); got != "int32" {
		t.Errorf("TTLOut.target_o: %s", got)
	}
	self := s.Object("self")
	if diff := cmp.Diff([]string{"detect_channels", "mode", "n_points", "t_cool", "ttls"}, self.Invariants()); diff != "" {
		t.Errorf("self invariants: %s", diff)
	}
	if s.Entry.Object != "self" || s.Entry.Method != "run" {
		t.Errorf("entry %+v", s.Entry)
	}
}

// TestLabErrors: every kind of bad input gets an error naming the file,
// the line, the column and the key.
func TestLabErrors(t *testing.T) {
	const exp = "experiments/rabi_scan.py"
	type where struct{ file, line, col string }
	for _, c := range []struct {
		name  string
		edits map[string][][2]string
		args  []string
		at    *where // nil: command line
		msg   string
	}{
		{
			name:  "unknown device",
			edits: map[string][][2]string{exp: {{`self.setattr_device("cooling")`, `self.setattr_device("ttl9")`}}},
			at:    &where{exp, `"ttl9"`, "self"},
			msg:   `device "ttl9" is not in the device database (`,
		},
		{
			name:  "alias to a missing device",
			edits: map[string][][2]string{"device_db.py": {{`"cooling": "ttl1",`, `"cooling": "ttl11",`}}},
			at:    &where{"device_db.py", `"cooling"`, `"cooling"`},
			msg:   `alias "cooling" names device "ttl11", which is not in the device database`,
		},
		{
			name:  "alias loop",
			edits: map[string][][2]string{"device_db.py": {{`"detector": "ttl4",`, `"detector": "pmt",`}}},
			at:    &where{"device_db.py", `"pmt": "detector"`, `"pmt"`},
			msg:   `alias loop: "pmt" -> "detector" -> "pmt"`,
		},
		{
			name:  "value does not match the annotation",
			edits: map[string][][2]string{exp: {{`n_points: KernelInvariant[int32]`, `n_points: KernelInvariant[float]`}}},
			at:    &where{exp, `setattr_argument("n_points"`, "self"},
			msg:   "attribute self.n_points: a value of type int32 does not match its annotation float",
		},
		{
			name: "type differs from an earlier instance of the class",
			edits: map[string][][2]string{
				"device_db.py": {{`device_db["wavemeter"]`, "device_db[\"ttl5\"][\"arguments\"][\"gate_latency_mu\"] = 12.0\ndevice_db[\"wavemeter\"]"}},
				exp:            {{`self.setattr_device("scheduler")`, `self.setattr_device("ttl5")`}},
			},
			at:  &where{"device_db.py", `device_db["ttl%d" % ch]`, "device_db"},
			msg: "attribute ttl5.gate_latency_mu has type float, but ttl4.gate_latency_mu of the same class artiq.coredevice.ttl.TTLInOut has type int64",
		},
		{
			name:  "int32 out of range",
			edits: map[string][][2]string{exp: {{"        self.nothing = None\n", "        self.nothing = None\n        self.n_big = 3000000000\n"}}},
			at:    &where{exp, "self.n_big", "n_big"},
			msg:   "self.n_big: 3000000000 does not fit int32",
		},
		{
			name:  "NaN timing attribute",
			edits: map[string][][2]string{exp: {{"        self.nothing = None\n", "        self.nothing = None\n        self.t_wait = self.t_pulse * float(\"nan\")\n"}}},
			at:    &where{exp, "self.t_wait", "t_wait"},
			msg:   "self.t_wait: nan is not a valid timing",
		},
		{
			name: "NaN timing argument",
			args: []string{"t_pulse=nan"},
			at:   &where{exp, `setattr_argument("t_pulse"`, "self"},
			msg:  `argument "t_pulse": nan is not a valid timing (unit us)`,
		},
		{
			name:  "NaN converted to machine units",
			edits: map[string][][2]string{exp: {{"self.t_pulse_mu = self.core.seconds_to_mu(self.t_pulse)", "self.t_pulse_mu = self.core.seconds_to_mu(self.t_pulse * float(\"nan\"))"}}},
			at:    &where{"pylib/artiq/coredevice/core.py", "return numpy.int64", "round"},
			msg:   "ValueError: cannot convert float NaN to integer",
		},
		{
			name: "argument given twice",
			args: []string{"n_points=3", "n_points=4"},
			at:   &where{exp, `setattr_argument("n_points"`, "self"},
			msg:  `argument "n_points" is given twice on the command line: --arg n_points=3, --arg n_points=4`,
		},
		{
			name: "argument the experiment does not ask for",
			args: []string{"n_point=3"},
			msg:  `argument "n_point" was given (--arg n_point=3) but the experiment does not ask for it`,
		},
		{
			name: "argument out of range",
			args: []string{"t_pulse=-1e-06"},
			at:   &where{exp, `setattr_argument("t_pulse"`, "self"},
			msg:  `argument "t_pulse": -1e-06 is outside the range of the NumberValue (min=0.0)`,
		},
		{
			name: "argument not in the choices",
			args: []string{"mode=medium"},
			at:   &where{exp, `setattr_argument("mode"`, "self"},
			msg:  `argument "mode": 'medium' is not one of the choices 'fast', 'slow'`,
		},
		{
			name:  "argument without a default",
			edits: map[string][][2]string{exp: {{`NumberValue(5, precision=0, step=1)`, `NumberValue(precision=0, step=1)`}}},
			at:    &where{exp, `setattr_argument("n_points"`, "self"},
			msg:   `argument "n_points" has no default and is not given`,
		},
		{
			name:  "dataset without a default",
			edits: map[string][][2]string{exp: {{`self.get_dataset("calib")`, `self.get_dataset("calibration")`}}},
			at:    &where{exp, `"calibration"`, "self.get"},
			msg:   `dataset "calibration" has no default and it is not in `,
		},
		{
			name:  "construct the evaluator cannot evaluate",
			edits: map[string][][2]string{exp: {{"        self.nothing = None\n", "        try:\n            self.nothing = None\n        except KeyError:\n            pass\n"}}},
			at:    &where{exp, "try:", "try"},
			msg:   "cannot evaluate try statements",
		},
		{
			name:  "host call the evaluator does not know",
			edits: map[string][][2]string{exp: {{"        self.nothing = None\n", "        self.nothing = scan_helpers_logger()\n"}}},
			at:    &where{exp, "scan_helpers_logger", "scan_helpers_logger"},
			msg:   "NameError: name 'scan_helpers_logger' is not defined",
		},
		{
			name:  "use of a module-level value that could not be evaluated",
			edits: map[string][][2]string{exp: {{"from scan_helpers import N_DETECT, span_step", "from scan_helpers import N_DETECT, span_step, logger"}, {"        self.nothing = None\n", "        self.nothing = logger.level + 1\n"}}},
			at:    &where{"experiments/scan_helpers.py", "logger =", "getLogger"},
			msg:   "module logging is not available to the snapshot evaluator",
		},
		{
			name:  "driver module not found",
			edits: map[string][][2]string{"device_db.py": {{`"module": "artiq.coredevice.core",`, `"module": "artiq.coredevice.kore",`}}},
			at:    &where{"device_db.py", `"core": {`, `"core"`},
			msg:   `device "core": module artiq.coredevice.kore not found`,
		},
		{
			name:  "error inside a driver's __init__",
			edits: map[string][][2]string{"device_db.py": {{`"arguments": {"channel": i},`, `"arguments": {"channel": i, "bogus": 1},`}}},
			at:    &where{"device_db.py", `device_db["ttl" + str(i)]`, "device_db"},
			msg:   "TypeError: __init__() got an unexpected keyword argument 'bogus' (creating device \"ttl0\"",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := copyLab(t, c.edits)
			_, err := Freeze(labOptions(dir, c.args...))
			if err == nil {
				t.Fatal("Freeze succeeded")
			}
			errs := Errors(err)
			if len(errs) == 0 {
				t.Fatalf("not an *Error: %v", err)
			}
			e := errs[0]
			if !strings.Contains(e.Msg, c.msg) {
				t.Errorf("message %q\nwant it to contain %q", e.Msg, c.msg)
			}
			if c.at == nil {
				if e.Pos.File != "" {
					t.Errorf("error at %s, want the command line", e.Pos)
				}
				if !strings.HasPrefix(e.Error(), "command line: error: ") {
					t.Errorf("Error() = %q", e.Error())
				}
				return
			}
			want := posIn(t, dir, c.at.file, c.at.line, c.at.col)
			if got := e.Pos.String(); got != want {
				t.Errorf("error at %s, want %s (%s)", got, want, e.Msg)
			}
			if !strings.HasPrefix(e.Error(), want+": error: ") {
				t.Errorf("Error() = %q", e.Error())
			}
			if c.name == "construct the evaluator cannot evaluate" && !strings.Contains(e.Hint, "Python exporter") {
				t.Errorf("hint %q does not mention the Python exporter", e.Hint)
			}
		})
	}
}

// TestPythonExporterMatches runs the Python exporter on the same lab
// (with plain classes that behave like ARTIQ's) and compares its output
// with Freeze's, byte for byte.
func TestPythonExporterMatches(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	repoPython, _ := filepath.Abs("../python")
	for _, args := range [][]string{nil, {"t_pulse=3e-06", "n_points=7"}, {`label="x"`, "detect=False", `mode="slow"`}} {
		out := filepath.Join(t.TempDir(), "py.snap")
		cmd := exec.Command(py, append([]string{"export_lab.py", out}, args...)...)
		cmd.Dir = labDir
		cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1", "PYTHONPATH=pylib:experiments:"+repoPython)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("export_lab.py %v: %v\n%s", args, err, msg)
		}
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		want := freezeLab(t, labOptions(labDir, args...))
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("args %v: the Python exporter's snapshot differs from kernelc snapshot's (-kernelc +python):\n%s", args, diff)
		}
		if _, err := Check(out, got); err != nil {
			t.Errorf("Check(python output): %v", err)
		}
	}
}

// TestPythonExporterAtomic: a failing export leaves the old file as it was.
func TestPythonExporterAtomic(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	repoPython, _ := filepath.Abs("../python")
	dir := t.TempDir()
	out := filepath.Join(dir, "out.snap")
	if err := os.WriteFile(out, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
import sys, rules_artiq_snapshot as r
class Exp:
    def __init__(self):
        self.n = 1 << 40
try:
    r.export(Exp(), sys.argv[1])
except r.SnapshotError as e:
    print(e)
    sys.exit(0)
sys.exit("export succeeded")
`
	cmd := exec.Command(py, "-c", script, out)
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1", "PYTHONPATH="+repoPython)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, msg)
	}
	if !strings.Contains(string(msg), "self.n: 1099511627776 does not fit int32") {
		t.Errorf("message %q", msg)
	}
	if data, _ := os.ReadFile(out); string(data) != "old\n" {
		t.Errorf("the old file changed: %q", data)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("temporary files left: %v", ents)
	}
}

func TestEntryArgs(t *testing.T) {
	o := labOptions(labDir)
	o.Method = "run"
	o.EntryArgs = []string{"3", "[1.5, 2.5]", `("a", True)`}
	s, err := Freeze(o)
	if err != nil {
		t.Fatal(err)
	}
	text := string(s.Encode())
	want := "entry self.run\nentry-arg 0 int32 3\nentry-arg 1 list<float> [1.5, 2.5]\nentry-arg 2 tuple<str,bool> (\"a\", True)\nobject core "
	if !strings.Contains(text, want) {
		t.Errorf("entry lines:\n%s", text[:200])
	}
	if _, err := Check("s", []byte(text)); err != nil {
		t.Error(err)
	}
	o.EntryArgs = []string{"x + 1"}
	if _, err := Freeze(o); err == nil || !strings.Contains(err.Error(), "--entry-arg 0:1:1: error: not a literal value") {
		t.Errorf("bad entry arg: %v", err)
	}
	o.EntryArgs = nil
	o.Method = "prepare"
	if _, err := Freeze(o); err == nil || !strings.Contains(err.Error(), "the entry RabiScan.prepare is not a @kernel method") {
		t.Errorf("non-kernel entry: %v", err)
	}
	o.Method = "nope"
	if _, err := Freeze(o); err == nil || !strings.Contains(err.Error(), "class RabiScan has no method nope") {
		t.Errorf("missing entry: %v", err)
	}
	o.Method, o.Class = "", "Helper"
	if _, err := Freeze(o); err == nil || !strings.Contains(err.Error(), "class Helper is not an experiment") {
		t.Errorf("non-experiment class: %v", err)
	}
}
