package syntax

import "testing"

// Host code may use what kernels cannot: an f-string parses as a string
// marked FString (the checker reports it in kernel code), and an error
// records the definitions around it, so that the compiler can tell host
// code from kernel code (compiler/types/hostcode.go).
func TestFStringsAndErrorContext(t *testing.T) {
	src := `x = "a" f"{b}"
y = "plain"

class C:
    def host(self):
        return {k: 1 for k in self}

    def other(self):
        pass

def f():
    def g():
        yield 1
`
	file, errs := Parse("m.py", []byte(src))
	x := file.Body[0].(*Assign).Value.(*StrLit)
	y := file.Body[1].(*Assign).Value.(*StrLit)
	if !x.FString || y.FString || x.Value != "a{b}" {
		t.Errorf("x = %+v, y = %+v", x, y)
	}
	if len(errs) != 2 {
		t.Fatalf("errors: %v", errs)
	}
	want := [][]string{{"C", "host"}, {"f", "g"}}
	for i, e := range errs {
		var got []string
		for _, s := range e.Context {
			switch s := s.(type) {
			case *ClassDef:
				got = append(got, s.Name)
			case *FuncDef:
				got = append(got, s.Name)
			}
		}
		if len(got) != len(want[i]) || got[0] != want[i][0] || got[1] != want[i][1] {
			t.Errorf("error %v: context %v, want %v", e, got, want[i])
		}
	}
	// The statements with errors are left out; the definitions stay.
	c := file.Body[2].(*ClassDef)
	if len(c.Body) != 2 || len(c.Body[0].(*FuncDef).Body) != 0 {
		t.Errorf("class body: %+v", c.Body)
	}
}
