package buildfile

import (
	"sort"
	"strings"

	"github.com/bazelbuild/buildtools/build"
)

// The kernel rules buildgen writes, and the ones it recognises as coming
// from the same .bzl file.
const (
	kindLibrary = "kernel_library"
	kindBinary  = "kernel_binary"
)

var kernelRuleNames = map[string]bool{
	kindLibrary: true, kindBinary: true, "kernel_test": true, "kernel_sim": true,
}

// isKeep reports whether c is a `# keep` comment ("# keep", "#keep",
// "# keep: reason"), but not buildifier's "# keep sorted".
func isKeep(c build.Comment) bool {
	t := strings.TrimSpace(strings.TrimPrefix(c.Token, "#"))
	rest, ok := strings.CutPrefix(t, "keep")
	if !ok {
		return false
	}
	if rest != "" && rest[0] != ':' && rest[0] != ' ' && rest[0] != '\t' {
		return false
	}
	rest = strings.TrimSpace(strings.TrimPrefix(rest, ":"))
	return !strings.HasPrefix(rest, "sorted")
}

func anyKeep(lists ...[]build.Comment) bool {
	for _, l := range lists {
		for _, c := range l {
			if isKeep(c) {
				return true
			}
		}
	}
	return false
}

// keepOnLine reports whether x has a `# keep` before it on the given line:
// a comment after an opening bracket attaches to the first element.
func keepOnLine(x build.Expr, line int) bool {
	for _, c := range x.Comment().Before {
		if c.Start.Line == line && isKeep(c) {
			return true
		}
	}
	return false
}

// ruleKept reports whether the rule is marked `# keep`: on the line before
// it, after its closing parenthesis, or after its opening one.
func ruleKept(call *build.CallExpr) bool {
	c := call.Comment()
	if anyKeep(c.Before, c.Suffix) {
		return true
	}
	return len(call.List) > 0 && keepOnLine(call.List[0], call.ListStart.Line)
}

// attrKept reports whether an attribute is marked `# keep`: on the line
// before it, after its value, or after the opening bracket of a list.
func attrKept(as *build.AssignExpr) bool {
	if as == nil {
		return false
	}
	rc := as.RHS.Comment()
	if anyKeep(as.Before, as.Suffix, rc.Before, rc.Suffix) {
		return true
	}
	if l, ok := as.RHS.(*build.ListExpr); ok && len(l.List) > 0 {
		return keepOnLine(l.List[0], l.Start.Line) || anyKeep(l.End.Before)
	}
	return false
}

// itemKept reports whether a list element is marked `# keep`.
func itemKept(x build.Expr) bool {
	c := x.Comment()
	return anyKeep(c.Before, c.Suffix)
}

func str(s string) *build.StringExpr { return &build.StringExpr{Value: s} }

func strList(vals []string) *build.ListExpr {
	l := &build.ListExpr{ForceMultiLine: len(vals) > 1}
	for _, v := range vals {
		l.List = append(l.List, str(v))
	}
	return l
}

func attr(key string, val build.Expr) *build.AssignExpr {
	return &build.AssignExpr{LHS: &build.Ident{Name: key}, Op: "=", RHS: val}
}

func newCall(kind string, attrs ...*build.AssignExpr) *build.CallExpr {
	c := &build.CallExpr{X: &build.Ident{Name: kind}, ForceMultiLine: true}
	for _, a := range attrs {
		c.List = append(c.List, a)
	}
	return c
}

// setLabels makes attribute key of r (a rule of package pkg) hold exactly
// want plus the elements marked `# keep`, in any order (buildifier sorts
// it). Elements already there keep their comments. It changes nothing if
// the attribute is kept or is not a list, and reports whether it changed r.
func setLabels(r *build.Rule, key, pkg string, want []Label) bool {
	as := r.AttrDefn(key)
	if attrKept(as) {
		return false
	}
	wantSet := map[string]bool{}
	for _, l := range want {
		wantSet[l.String()] = true
	}
	var items []build.Expr
	covered := map[string]bool{}
	changed := false
	var list *build.ListExpr
	if as != nil {
		var ok bool
		if list, ok = as.RHS.(*build.ListExpr); !ok {
			return false // select(), a concatenation, a variable: hand-written
		}
		for _, x := range list.List {
			if s, ok := x.(*build.StringExpr); ok {
				if l, ok := ParseLabel(s.Value, pkg); ok && wantSet[l.String()] && !covered[l.String()] {
					covered[l.String()] = true
					items = append(items, x)
					continue
				}
			}
			if itemKept(x) {
				items = append(items, x)
				continue
			}
			changed = true
		}
	}
	sorted := append([]Label(nil), want...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].String() < sorted[j].String() })
	for _, l := range sorted {
		if !covered[l.String()] {
			covered[l.String()] = true
			items = append(items, str(l.Rel(pkg)))
			changed = true
		}
	}
	if !changed {
		return false
	}
	switch {
	case len(items) == 0:
		r.DelAttr(key)
	case list != nil:
		list.List = items
		list.ForceMultiLine = len(items) > 1
	default:
		r.SetAttr(key, &build.ListExpr{List: items, ForceMultiLine: len(items) > 1})
	}
	return true
}

// callKind is the rule kind of a top-level call statement, or "".
func callKind(x build.Expr) string {
	c, ok := x.(*build.CallExpr)
	if !ok {
		return ""
	}
	if id, ok := c.X.(*build.Ident); ok {
		return id.Name
	}
	return ""
}

// ensureLoads adds to f the loads of the kernel rules that its top-level
// calls use and no load binds: to the existing load of the kernel rules'
// .bzl file if there is one, else to a new load of defaultLabel. It reports
// whether it changed f.
func ensureLoads(f *build.File, defaultLabel string) bool {
	used := map[string]bool{}
	for _, st := range f.Stmt {
		if k := callKind(st); k == kindLibrary || k == kindBinary {
			used[k] = true
		}
	}
	bound := map[string]bool{}
	var target *build.LoadStmt
	for _, st := range f.Stmt {
		l, ok := st.(*build.LoadStmt)
		if !ok {
			continue
		}
		for _, to := range l.To {
			bound[to.Name] = true
		}
		if target != nil {
			continue
		}
		if l.Module.Value == defaultLabel {
			target = l
			continue
		}
		for _, from := range l.From {
			if kernelRuleNames[from.Name] {
				target = l
				break
			}
		}
	}
	var missing []string
	for k := range used {
		if !bound[k] {
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return false
	}
	sort.Strings(missing)
	if target == nil {
		target = &build.LoadStmt{Module: str(defaultLabel), ForceCompact: true}
		// After the leading comment blocks, docstring and loads.
		i := 0
		for i < len(f.Stmt) && isPreamble(f.Stmt[i], i) {
			i++
		}
		f.Stmt = append(f.Stmt[:i], append([]build.Expr{target}, f.Stmt[i:]...)...)
	}
	for _, m := range missing {
		target.From = append(target.From, &build.Ident{Name: m})
		target.To = append(target.To, &build.Ident{Name: m})
	}
	return true
}

// isPreamble reports whether x, the i-th statement, belongs to the top of
// a file: a comment block, a load, or the docstring.
func isPreamble(x build.Expr, i int) bool {
	switch x.(type) {
	case *build.CommentBlock, *build.LoadStmt:
		return true
	case *build.StringExpr:
		return i == 0
	}
	return false
}

// dropUnusedLoads removes the given names from the loads of f when nothing
// else in f refers to them, and loads that become empty.
func dropUnusedLoads(f *build.File, names map[string]bool) {
	refs := map[string]bool{}
	for _, st := range f.Stmt {
		if _, ok := st.(*build.LoadStmt); ok {
			continue
		}
		build.Walk(st, func(x build.Expr, _ []build.Expr) {
			if id, ok := x.(*build.Ident); ok {
				refs[id.Name] = true
			}
		})
	}
	out := f.Stmt[:0]
	for _, st := range f.Stmt {
		if l, ok := st.(*build.LoadStmt); ok {
			var from, to []*build.Ident
			for i := range l.To {
				if names[l.To[i].Name] && !refs[l.To[i].Name] {
					continue
				}
				from = append(from, l.From[i])
				to = append(to, l.To[i])
			}
			l.From, l.To = from, to
			if len(to) == 0 {
				continue
			}
		}
		out = append(out, st)
	}
	f.Stmt = out
}

// header is the comment block at the top of a BUILD file that Generate
// creates, wrapped at 80 columns (never inside `code`).
func header(command string) *build.CommentBlock {
	text := "Generated by `" + command + "` at the workspace root; rerun it " +
		"after changing imports. Hand edits marked `# keep` survive."
	var words []string
	for _, w := range strings.Fields(text) {
		if n := len(words); n > 0 && strings.Count(words[n-1], "`")%2 == 1 {
			words[n-1] += " " + w
			continue
		}
		words = append(words, w)
	}
	cb := &build.CommentBlock{}
	line := "#"
	for _, w := range words {
		if len(line)+1+len(w) > 80 && line != "#" {
			cb.After = append(cb.After, build.Comment{Token: line})
			line = "#"
		}
		line += " " + w
	}
	cb.After = append(cb.After, build.Comment{Token: line})
	return cb
}

// hasDefaultVisibility reports whether f's package() call sets a default
// visibility.
func hasDefaultVisibility(f *build.File) bool {
	for _, st := range f.Stmt {
		if callKind(st) == "package" && build.NewRule(st.(*build.CallExpr)).Attr("default_visibility") != nil {
			return true
		}
	}
	return false
}

// removeStmt removes x from f.
func removeStmt(f *build.File, x build.Expr) {
	out := f.Stmt[:0]
	for _, st := range f.Stmt {
		if st != x {
			out = append(out, st)
		}
	}
	f.Stmt = out
}
