package link

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rules-artiq/rules_artiq/compiler/object"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/snapshot"
)

const dataSnap = `artiq-snapshot 1
entry self.run
object self exp.Exp
attr self.blob opaque "dict"
attr self.chans list<ref<lib.ttl.TTLOut>> [ttl0, ttl0]
attr self.empty list<?> []
attr self.flags tuple<bool,int32,str> (True, 3, "x")
attr self.grid list<list<float>> [[1.0, 2.0], [3.0]]
attr self.n invariant int32 3
attr self.name str "caf\u00e9"
attr self.nothing none None
attr self.ttl ref<lib.ttl.TTLOut> ttl0
attr self.window array<float,1> (2,) [0.0, 1.0]
object ttl0 lib.ttl.TTLOut
attr ttl0.channel invariant int32 4
`

func TestDataIR(t *testing.T) {
	s, err := snapshot.Decode("t.snap", []byte(dataSnap))
	if err != nil {
		t.Fatal(err)
	}
	tg, _ := target.Lookup("rv32g")
	ir, objs, err := DataIR(tg, s, "exp.Exp.run", "")
	if err != nil {
		t.Fatal(err)
	}
	again, _, _ := DataIR(tg, s, "exp.Exp.run", "")
	if !bytes.Equal(ir, again) {
		t.Errorf("DataIR is not deterministic")
	}
	text := string(ir)
	for _, want := range []string{
		// The object id, then the representable attributes sorted by
		// name: blob and window left out. Lists are pointers to their
		// headers {data, len, cap}.
		`%class.exp.Exp = type { i32, { %class.lib.ttl.TTLOut**, i32, i32 }*, { i32*, i32, i32 }*, { i1, i32, { i8*, i32 } }, { { double*, i32, i32 }**, i32, i32 }*, i32, { i8*, i32 }, i8, %class.lib.ttl.TTLOut* }`,
		`@obj.self = hidden global %class.exp.Exp { i32 1, `,
		`@obj.ttl0 = hidden global %class.lib.ttl.TTLOut { i32 2, i32 4 }`,
		`@data.self.chans = internal global [2 x %class.lib.ttl.TTLOut*] [%class.lib.ttl.TTLOut* @obj.ttl0, %class.lib.ttl.TTLOut* @obj.ttl0]`,
		`@data.self.grid.0 = internal global [2 x double] [double 1.0, double 2.0]`,
		`@data.self.empty.list = internal global { i32*, i32, i32 } { i32* null, i32 0, i32 0 }`,
		`@data.self.grid.list = internal global { { double*, i32, i32 }**, i32, i32 } { { double*, i32, i32 }** getelementptr ([2 x { double*, i32, i32 }*], [2 x { double*, i32, i32 }*]* @data.self.grid, i32 0, i32 0), i32 2, i32 2 }`,
		`c"caf\C3\A9\00"`,
		`call void @exp.Exp.run(%class.exp.Exp* @obj.self)`,
		`@typeinfo = constant [2 x i8*] [i8* bitcast (%class.exp.Exp* @obj.self to i8*), i8* null]`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("data IR lacks %s:\n%s", want, text)
		}
	}
	if len(objs) != 2 || !objs[0].Writeback || objs[1].Writeback || objs[0].ObjectID != 1 || objs[1].ObjectID != 2 {
		t.Errorf("objects %+v: want self (written back) and ttl0 (only invariants)", objs)
	}
	if _, err := exec.LookPath("llc-14"); err != nil {
		t.Skip("llc-14 is not installed")
	}
	if err := object.RunLLC(context.Background(), "llc-14", tg, ir, filepath.Join(t.TempDir(), "d.o")); err != nil {
		t.Errorf("llc rejects the data object: %v", err)
	}
}

func TestDataIRErrors(t *testing.T) {
	s, err := snapshot.Decode("t.snap", []byte(dataSnap))
	if err != nil {
		t.Fatal(err)
	}
	tg, _ := target.Lookup("rv32g")
	if _, _, err := DataIR(tg, s, "exp.Exp.run", "nobody"); err == nil || !strings.Contains(err.Error(), `"nobody"`) {
		t.Errorf("unknown entry object: got %v", err)
	}
	if got := SnapshotEntry(s, ""); got != "exp.Exp.run" {
		t.Errorf("SnapshotEntry = %q", got)
	}
}
