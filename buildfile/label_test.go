package buildfile

import (
	"testing"

	"github.com/bazelbuild/buildtools/build"
)

func TestParseLabel(t *testing.T) {
	for _, tc := range []struct {
		in, pkg string
		want    string // canonical, "" if not a label
		rel     string // Rel("a/b")
	}{
		{":x", "a/b", "//a/b:x", ":x"},
		{"x", "a/b", "//a/b:x", ":x"},
		{"//a/b:x", "c", "//a/b:x", ":x"},
		{"//a/b", "c", "//a/b:b", ":b"},
		{"//a/c:c", "", "//a/c:c", "//a/c"},
		{"//:x", "a", "//:x", "//:x"},
		{"@lab//drivers:ttl", "", "@lab//drivers:ttl", "@lab//drivers:ttl"},
		{"@lab//drivers", "", "@lab//drivers:drivers", "@lab//drivers"},
		{"@lab", "", "@lab//:lab", "@lab"},
		{"@lab//:x", "", "@lab//:x", "@lab//:x"},
		{"@@lab//:x", "", "@lab//:x", "@lab//:x"},
		{"", "a", "", ""},
		{"a:b:c", "a", "", ""},
		{"//a:", "a", "", ""},
		{"//", "a", "", ""},
		{"@lab:x", "a", "", ""},
	} {
		l, ok := ParseLabel(tc.in, tc.pkg)
		if tc.want == "" {
			if ok {
				t.Errorf("ParseLabel(%q) = %v, want not a label", tc.in, l)
			}
			continue
		}
		if !ok || l.String() != tc.want {
			t.Errorf("ParseLabel(%q, %q) = %v, %v; want %s", tc.in, tc.pkg, l, ok, tc.want)
			continue
		}
		if got := l.Rel("a/b"); got != tc.rel {
			t.Errorf("%s.Rel(a/b) = %q, want %q", tc.want, got, tc.rel)
		}
	}
}

func TestRelPath(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{"examples/lib", "examples", ".."},
		{"examples", "examples", "."},
		{"", "examples", "examples"},
		{"a/b/c", "", "../../.."},
		{"a/b", "a/c/d", "../c/d"},
		{"tests/bazel", "tests/bazel/kernels", "kernels"},
	} {
		if got := relPath(tc.from, tc.to); got != tc.want {
			t.Errorf("relPath(%q, %q) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestModulePath(t *testing.T) {
	for _, tc := range []struct{ root, file, want string }{
		{"examples", "examples/lib/ttl.py", "lib.ttl"},
		{"", "lib/ttl.py", "lib.ttl"},
		{"examples", "other/ttl.py", ""},
		{"", "my-lib/ttl.py", ""},
		{"", "lib/2ttl.py", ""},
	} {
		if got := modulePath(tc.root, tc.file); got != tc.want {
			t.Errorf("modulePath(%q, %q) = %q, want %q", tc.root, tc.file, got, tc.want)
		}
	}
}

func TestKeepComments(t *testing.T) {
	src := `# keep
kernel_library(
    name = "rule_before",
)

kernel_library(  # keep
    name = "rule_open",
)

kernel_library(
    name = "rule_after",
)  # keep

kernel_library(
    name = "attrs",
    # keep
    srcs = ["a.py"],
    deps = [":a"],  # keep
    imports = [  # keep
        "..",
    ],
    data = [
        ":x",  # keep
        # keep: the reason
        ":y",
        ":z",  # keep sorted
    ],
    tags = ["t"],  # keep sorted
)
`
	f, err := build.ParseBuild("BUILD", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	kept := map[string]bool{}
	var attrs *build.Rule
	for _, st := range f.Stmt {
		call := st.(*build.CallExpr)
		r := build.NewRule(call)
		kept[r.Name()] = ruleKept(call)
		if r.Name() == "attrs" {
			attrs = r
		}
	}
	for name, want := range map[string]bool{"rule_before": true, "rule_open": true, "rule_after": true, "attrs": false} {
		if kept[name] != want {
			t.Errorf("ruleKept(%s) = %v, want %v", name, kept[name], want)
		}
	}
	for key, want := range map[string]bool{"srcs": true, "deps": true, "imports": true, "data": false, "tags": false} {
		if got := attrKept(attrs.AttrDefn(key)); got != want {
			t.Errorf("attrKept(%s) = %v, want %v", key, got, want)
		}
	}
	items := attrs.Attr("data").(*build.ListExpr).List
	for i, want := range []bool{true, true, false} {
		if got := itemKept(items[i]); got != want {
			t.Errorf("itemKept(data[%d]) = %v, want %v", i, got, want)
		}
	}
}
