package snapshot

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzDeviceDB: the device_db evaluator never panics and always stops,
// whatever the input; a database it accepts resolves every name.
func FuzzDeviceDB(f *testing.F) {
	for _, p := range []string{filepath.Join(labDir, "device_db.py")} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range evalStmts {
		f.Add([]byte(s + "\ndevice_db = {'r': str(r)}\n"))
	}
	f.Add([]byte("device_db = {'a': 'b', 'b': 'a', 'c': {'type': 'local'}}\n"))
	f.Add([]byte("device_db = {}\nfor i in range(3):\n    device_db['x%d' % i] = 'x%d' % ((i + 1) % 3)\n"))
	f.Add([]byte("device_db = dict(a={'k': [1, 2.5, (3,)]}, b='a')\ndevice_db.update({'c' + str(1): 'b'})\n"))
	f.Add([]byte("x = 1 << 62\ny = x * 4\ndevice_db = {}\n"))
	f.Add([]byte("s = 'ab'\nwhile True:\n    s = s + s\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		db, err := EvalDeviceDB("device_db.py", src)
		if err != nil {
			if len(Errors(err)) == 0 {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		_ = db.Check()
		for _, n := range db.Names() {
			if r, err := db.Resolve(n, Pos{}); err == nil {
				if _, err := db.Entry(r); err != nil {
					t.Fatalf("Entry(%q) of a resolved name: %v", r, err)
				}
			}
		}
	})
}

// FuzzDecode: decoding never panics, and whatever decodes re-encodes to a
// canonical form that decodes to the same bytes.
func FuzzDecode(f *testing.F) {
	data, err := os.ReadFile(filepath.Join(labDir, "rabi_scan.snap"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("artiq-snapshot 1\nentry self.run\nentry-arg 0 list<tuple<int32,float>> [(1, 2.5)]\nobject self m.C\nattr self.a array<int64,2> (1, 2) [3, 4]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Decode("f", data)
		if err != nil {
			return
		}
		enc := s.Encode()
		s2, err := Check("f", enc)
		if err != nil {
			t.Fatalf("re-encoded snapshot does not check: %v\n%s", err, enc)
		}
		if enc2 := s2.Encode(); string(enc2) != string(enc) {
			t.Fatalf("encoding is not stable:\n%s\n%s", enc, enc2)
		}
	})
}
