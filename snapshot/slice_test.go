package snapshot

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// rabiUses is what a compile of the experiment module might read: it folds
// n_points, the ttls list and the core's ref_period (through any Core),
// and reads t_pulse and the TTL channel targets without folding them.
var rabiUses = []AttrRef{
	{Object: "self", Attr: "n_points", Fold: true},
	{Object: "self", Attr: "ttls", Fold: true},
	{Object: "self", Attr: "t_pulse"},
	{Object: "self", Attr: "durations"},
	{Object: "self", Attr: "n_points"}, // repeated without Fold: the fold wins
	{Class: "artiq.coredevice.ttl.TTLOut", Attr: "target_o"},
	{Class: "artiq.coredevice.core.Core", Attr: "ref_period", Fold: true},
}

func sliceOf(t *testing.T, o Options) []byte {
	t.Helper()
	s, err := Freeze(o)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Slice(s, "rabi_scan", rabiUses)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSlice(t *testing.T) {
	base := sliceOf(t, labOptions(labDir))
	want := `artiq-snapshot-slice 1
module rabi_scan
class-attr artiq.coredevice.core.Core.ref_period invariant float 1e-09
class-attr artiq.coredevice.ttl.TTLOut.target_o invariant int32
object self rabi_scan.RabiScan
attr self.durations list<float>
attr self.n_points invariant int32 5
attr self.t_pulse float
attr self.ttls invariant list<ref<artiq.coredevice.ttl.TTLOut>> [ttl0, ttl1]
`
	if diff := cmp.Diff(want, string(base)); diff != "" {
		t.Errorf("slice (-want +got):\n%s", diff)
	}
	// Unrelated value changes, and changes of values the module reads
	// without folding, leave the slice byte-identical.
	for _, args := range [][]string{{"t_pulse=3e-06"}, {"scan_span=8e-06"}, {`label="other"`}, {"mode=slow", "detect=False"}} {
		if got := sliceOf(t, labOptions(labDir, args...)); !bytes.Equal(got, base) {
			t.Errorf("--arg %v changed the slice:\n%s", args, got)
		}
	}
	o := labOptions(labDir)
	o.Datasets = filepath.Join(labDir, "datasets.pyon") // calib becomes an array; cooling_time unchanged
	if got := sliceOf(t, o); !bytes.Equal(got, base) {
		t.Errorf("a datasets change the module does not read changed the slice:\n%s", got)
	}
	// The skeleton does not change with any value either.
	skel := func(o Options) []byte {
		s, err := Freeze(o)
		if err != nil {
			t.Fatal(err)
		}
		return Skeleton(s)
	}
	baseSkel := skel(labOptions(labDir))
	for _, args := range [][]string{{"t_pulse=3e-06"}, {"n_points=9"}, {`label="other"`}, {"mode=slow", "detect=False"}} {
		if got := skel(labOptions(labDir, args...)); !bytes.Equal(got, baseSkel) {
			t.Errorf("--arg %v changed the skeleton", args)
		}
	}
	if !strings.Contains(string(baseSkel), "attr self.led ref<artiq.coredevice.ttl.TTLOut> ttl0\n") ||
		!strings.Contains(string(baseSkel), "attr self.n_points invariant int32\n") {
		t.Errorf("skeleton:\n%s", baseSkel)
	}
	if _, err := DecodeSlice("skel", baseSkel); err != nil {
		t.Errorf("DecodeSlice(skeleton): %v", err)
	}
	// A folded value's change, or a type change, changes it.
	if got := sliceOf(t, labOptions(labDir, "n_points=7")); bytes.Equal(got, base) {
		t.Error("changing the folded n_points left the slice unchanged")
	}
	dir := copyLab(t, map[string][][2]string{"device_db.py": {{`"ref_period": 1e-9`, `"ref_period": 1e-10`}}})
	if got := sliceOf(t, labOptions(dir)); bytes.Equal(got, base) {
		t.Error("changing the folded Core.ref_period left the slice unchanged")
	}
	// DecodeSlice reads it back.
	f, err := DecodeSlice("rabi.slice", base)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(f.Encode(), base) {
		t.Errorf("DecodeSlice(...).Encode() differs:\n%s", f.Encode())
	}
	if a := f.Attr("self", "n_points"); a == nil || !a.Folded || a.Value.Int != 5 {
		t.Errorf("slice attr n_points: %+v", a)
	}
	if a := f.Attr("self", "t_pulse"); a == nil || a.Folded || a.Type.Kind != KindFloat {
		t.Errorf("slice attr t_pulse: %+v", a)
	}
	if a := f.ClassAttr("artiq.coredevice.core.Core", "ref_period"); a == nil || !a.Folded || a.Value.Float != 1e-9 {
		t.Errorf("slice class attr ref_period: %+v", a)
	}
}

func TestSliceErrors(t *testing.T) {
	s, err := Freeze(labOptions(labDir))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		ref AttrRef
		msg string
	}{
		{AttrRef{Object: "self", Attr: "t_pulse", Fold: true}, "self.t_pulse: cannot fold an attribute that is not a kernel invariant"},
		{AttrRef{Object: "self", Attr: "nope"}, `object self (rabi_scan.RabiScan) has no attribute "nope"`},
		{AttrRef{Object: "ttl9", Attr: "channel"}, `no object "ttl9"`},
		{AttrRef{Class: "artiq.coredevice.ttl.TTLOut", Attr: "target_o", Fold: true}, "cannot fold: ttl0.target_o = 0 but ttl1.target_o = 256"},
		{AttrRef{Class: "m.Nope", Attr: "x"}, "no object of class m.Nope"},
		{AttrRef{Object: "self", Class: "m.C", Attr: "x"}, "set exactly one of Object and Class"},
	} {
		_, err := Slice(s, "m", []AttrRef{c.ref})
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("Slice(%+v): %v, want %q", c.ref, err, c.msg)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	good, err := Freeze(labOptions(labDir))
	if err != nil {
		t.Fatal(err)
	}
	text := string(good.Encode())
	for _, c := range []struct{ old, new, msg string }{
		{"artiq-snapshot 1\n", "artiq-snapshot 2\n", `snap:1:16: error: unsupported snapshot format version "2"`},
		{"artiq-snapshot 1\n", "hello\n", "snap:1:1: error: not a snapshot"},
		{"entry self.run\n", "entry self\n", "snap:2:7: error: want entry OBJECT.METHOD"},
		{"entry self.run\n", "entry ttl7.run\n", `snap:2:7: error: entry object "ttl7" is not in the snapshot`},
		{"attr self.n_points invariant int32 5\n", "attr self.n_points invariant int32 5.0\n", `snap:LINE:36: error: self.n_points: bad int32 "5.0"`},
		{"attr self.n_points invariant int32 5\n", "attr self.n_points invariant int32 3000000000\n", "bad int32"},
		{"attr self.t_pulse float 2e-06\n", "attr self.t_pulse float nan\n", "snap:LINE:6: error: self.t_pulse: nan is not a valid timing"},
		{"attr self.t_pulse float 2e-06\n", "attr self.t_pulse float 2.0e-06\n", "want Python's repr"},
		{"attr self.led ref<artiq.coredevice.ttl.TTLOut> ttl0\n", "attr self.led ref<artiq.coredevice.ttl.TTLOut> ttl4\n", "reference to ttl4 of class artiq.coredevice.ttl.TTLInOut"},
		{"attr self.led ref<artiq.coredevice.ttl.TTLOut> ttl0\n", "attr self.led ref<artiq.coredevice.ttl.TTLOut> ttl8\n", `reference to "ttl8", which is not in the snapshot`},
		{"attr ttl1.channel invariant int32 1\n", "attr ttl1.channel invariant float 1.0\n", "attribute ttl1.channel has type float, but ttl0.channel of the same class"},
		{"attr self.nothing none None\n", "attr self.nothing none None\nattr self.nothing none None\n", "attribute self.nothing appears twice"},
		{"object ttl1 artiq.coredevice.ttl.TTLOut\n", "", "attribute ttl1.channel of object ttl1, which has no object line before it"},
		{"attr self.nothing none None\n", "attr self.nothing none  None\n", `self.nothing: want "None"`},
		{"attr self.nothing none None\n", "frob self.nothing\n", `unknown line kind "frob"`},
		{"attr self.flags tuple<bool,int32,str> (True, 3, \"x\")\n", "attr self.flags tuple<bool,int32,str> (True, 3)\n", "self.flags"},
	} {
		if !strings.Contains(text, c.old) {
			t.Fatalf("%q not in the snapshot", c.old)
		}
		bad := strings.Replace(text, c.old, c.new, 1)
		line := strings.Count(text[:strings.Index(text, c.old)], "\n") + 1
		msg := strings.Replace(c.msg, "LINE", strconv.Itoa(line), 1)
		_, err := Decode("snap", []byte(bad))
		if err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q -> %q: error %v, want %q", c.old, c.new, err, msg)
		}
	}
	if _, err := Decode("snap", []byte(strings.TrimSuffix(text, "\n"))); err == nil {
		t.Error("Decode accepted a file without a final newline")
	}
	// Check wants canonical order.
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "attr self.calib ") {
			lines[i], lines[i+1] = lines[i+1], lines[i]
			break
		}
	}
	swapped := strings.Join(lines, "\n")
	if _, err := Decode("snap", []byte(swapped)); err != nil {
		t.Errorf("Decode of a reordered snapshot: %v", err)
	}
	if _, err := Check("snap", []byte(swapped)); err == nil || !strings.Contains(err.Error(), "not in canonical form") {
		t.Errorf("Check of a reordered snapshot: %v", err)
	}
}
