package buildfile

import (
	"path"
	"strings"
)

// Label is a parsed Bazel label. Repo is "" for the main repository; Pkg is
// the package path ("" for the root package); Name is the target name.
type Label struct {
	Repo string
	Pkg  string
	Name string
}

// ParseLabel parses s as it would appear in an attribute of a rule in
// package pkg: "//a/b:c", "//a/b" (= "//a/b:b"), ":c", "c" (= ":c"),
// "@r//a:b", "@r" (= "@r//:r"). ok is false for strings that are not
// labels (e.g. empty, or with two colons).
func ParseLabel(s, pkg string) (l Label, ok bool) {
	if s == "" || strings.Count(s, ":") > 1 || strings.ContainsAny(s, " \t\n") {
		return Label{}, false
	}
	rest := s
	if strings.HasPrefix(rest, "@") {
		rest = strings.TrimPrefix(rest[1:], "@") // @@canonical
		i := strings.Index(rest, "//")
		if i < 0 {
			if strings.ContainsAny(rest, ":/") || rest == "" {
				return Label{}, false
			}
			return Label{Repo: rest, Name: rest}, true
		}
		l.Repo = rest[:i]
		rest = rest[i:]
	}
	if strings.HasPrefix(rest, "//") {
		rest = rest[2:]
		p, name, hasName := strings.Cut(rest, ":")
		if !hasName {
			if p == "" {
				return Label{}, false
			}
			name = path.Base(p)
		}
		if name == "" {
			return Label{}, false
		}
		l.Pkg, l.Name = p, name
		return l, true
	}
	if l.Repo != "" {
		return Label{}, false
	}
	name := strings.TrimPrefix(rest, ":")
	if name == "" {
		return Label{}, false
	}
	return Label{Pkg: pkg, Name: name}, true
}

// String is the canonical absolute form, used to compare labels.
func (l Label) String() string {
	s := "//" + l.Pkg + ":" + l.Name
	if l.Repo != "" {
		s = "@" + l.Repo + s
	}
	return s
}

// Rel is the shortest form of l as written in package pkg of the main
// repository, the form buildifier leaves alone: ":x" within pkg, else Abs.
func (l Label) Rel(pkg string) string {
	if l.Repo == "" && l.Pkg == pkg {
		return ":" + l.Name
	}
	return l.Abs()
}

// Abs is the shortest absolute form of l: "//a/b" for "//a/b:b", "@r" for
// "@r//:r".
func (l Label) Abs() string {
	prefix := "//"
	if l.Repo != "" {
		if l.Pkg == "" && l.Name == l.Repo {
			return "@" + l.Repo
		}
		prefix = "@" + l.Repo + "//"
	}
	if l.Pkg != "" && path.Base(l.Pkg) == l.Name {
		return prefix + l.Pkg
	}
	return prefix + l.Pkg + ":" + l.Name
}
