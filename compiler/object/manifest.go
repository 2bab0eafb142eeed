// Package object turns a kernel module's LLVM IR into its per-module
// archive and reads such archives back: the object from llc, the
// `__kernel_manifest` member that tells the linker what the object was
// compiled against, and the pure-Go reader of the `!<arch>` format.
package object

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// ManifestMember is the archive member that holds the encoded Manifest.
const ManifestMember = "__kernel_manifest"

// manifestHeader is the first line of every manifest; the number is the
// format version, bumped on any incompatible change.
const manifestHeader = "kernel-manifest 1"

// hashPrefix names the hash function so that a later change of function
// cannot be mistaken for a stale interface.
const hashPrefix = "sha256:"

// Manifest records what one module's object was compiled against. The
// linker trusts it instead of re-reading sources, so it must be exact.
type Manifest struct {
	// Module is the module path, e.g. lib.pulses.
	Module string
	// Target is the target name, e.g. rv32g.
	Target string
	// Interface is the hash of the module's own interface file
	// (see InterfaceHash).
	Interface string
	// Imports are the modules whose interfaces this module was compiled
	// against, each with the hash of that interface.
	Imports []Import
}

// Import is one imported module and the hash of the interface that the
// importer saw.
type Import struct {
	Module    string
	Interface string
}

// InterfaceHash is the value that manifests record for an interface file:
// "sha256:" and the hex digest of the file's bytes.
func InterfaceHash(iface []byte) string {
	sum := sha256.Sum256(iface)
	return hashPrefix + hex.EncodeToString(sum[:])
}

// MemberName is the archive member name of a module's object.
func MemberName(module string) string { return module + ".o" }

// MarshalText encodes the manifest canonically: the header, module,
// target and interface lines, then one import line per import sorted by
// module. Equal manifests encode to identical bytes whatever the order of
// m.Imports.
func (m *Manifest) MarshalText() ([]byte, error) {
	if err := checkModule(m.Module); err != nil {
		return nil, fmt.Errorf("manifest: module: %v", err)
	}
	if err := checkToken(m.Target); err != nil {
		return nil, fmt.Errorf("manifest %s: target: %v", m.Module, err)
	}
	if err := checkHash(m.Interface); err != nil {
		return nil, fmt.Errorf("manifest %s: interface: %v", m.Module, err)
	}
	imports := append([]Import(nil), m.Imports...)
	sort.Slice(imports, func(i, j int) bool { return imports[i].Module < imports[j].Module })
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\nmodule %s\ntarget %s\ninterface %s\n", manifestHeader, m.Module, m.Target, m.Interface)
	for i, imp := range imports {
		if err := checkModule(imp.Module); err != nil {
			return nil, fmt.Errorf("manifest %s: import: %v", m.Module, err)
		}
		if imp.Module == m.Module {
			return nil, fmt.Errorf("manifest %s: module imports itself", m.Module)
		}
		if i > 0 && imports[i-1].Module == imp.Module {
			return nil, fmt.Errorf("manifest %s: duplicate import %s", m.Module, imp.Module)
		}
		if err := checkHash(imp.Interface); err != nil {
			return nil, fmt.Errorf("manifest %s: import %s: %v", m.Module, imp.Module, err)
		}
		fmt.Fprintf(&b, "import %s %s\n", imp.Module, imp.Interface)
	}
	return b.Bytes(), nil
}

// ManifestError is a parse error at a line of a manifest (1-based).
type ManifestError struct {
	Line int
	Msg  string
}

func (e *ManifestError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// ParseManifest decodes a manifest. It accepts only the canonical
// encoding that MarshalText produces, so that a hand-edited or corrupted
// manifest is rejected rather than half-understood.
func ParseManifest(data []byte) (*Manifest, error) {
	text := string(data)
	if text == "" {
		return nil, &ManifestError{1, "empty manifest"}
	}
	if !strings.HasSuffix(text, "\n") {
		return nil, &ManifestError{strings.Count(text, "\n") + 1, "missing newline at end of manifest"}
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if lines[0] != manifestHeader {
		if strings.HasPrefix(lines[0], "kernel-manifest ") {
			return nil, &ManifestError{1, fmt.Sprintf("unsupported manifest version %q (want %q)", lines[0], manifestHeader)}
		}
		return nil, &ManifestError{1, fmt.Sprintf("not a kernel manifest: first line is %q, want %q", lines[0], manifestHeader)}
	}
	m := &Manifest{}
	// Fixed fields come in this order, each exactly once.
	fixed := []struct {
		key string
		dst *string
		chk func(string) error
	}{
		{"module", &m.Module, checkModule},
		{"target", &m.Target, checkToken},
		{"interface", &m.Interface, checkHash},
	}
	for i, f := range fixed {
		n := i + 2
		if n > len(lines) {
			return nil, &ManifestError{n, fmt.Sprintf("missing %q line", f.key)}
		}
		fields, err := splitLine(lines[n-1], n)
		if err != nil {
			return nil, err
		}
		if fields[0] != f.key || len(fields) != 2 {
			return nil, &ManifestError{n, fmt.Sprintf("expected \"%s <value>\", got %q", f.key, lines[n-1])}
		}
		if err := f.chk(fields[1]); err != nil {
			return nil, &ManifestError{n, fmt.Sprintf("%s: %v", f.key, err)}
		}
		*f.dst = fields[1]
	}
	for i := len(fixed) + 1; i < len(lines); i++ {
		n := i + 1
		fields, err := splitLine(lines[i], n)
		if err != nil {
			return nil, err
		}
		if fields[0] != "import" {
			return nil, &ManifestError{n, fmt.Sprintf("unexpected %q record (only import lines may follow interface)", fields[0])}
		}
		if len(fields) != 3 {
			return nil, &ManifestError{n, fmt.Sprintf("expected \"import <module> sha256:<hex>\", got %q", lines[i])}
		}
		imp := Import{Module: fields[1], Interface: fields[2]}
		if err := checkModule(imp.Module); err != nil {
			return nil, &ManifestError{n, fmt.Sprintf("import: %v", err)}
		}
		if err := checkHash(imp.Interface); err != nil {
			return nil, &ManifestError{n, fmt.Sprintf("import %s: %v", imp.Module, err)}
		}
		if imp.Module == m.Module {
			return nil, &ManifestError{n, fmt.Sprintf("module %s imports itself", m.Module)}
		}
		if k := len(m.Imports); k > 0 {
			prev := m.Imports[k-1].Module
			if prev == imp.Module {
				return nil, &ManifestError{n, fmt.Sprintf("duplicate import %s", imp.Module)}
			}
			if prev > imp.Module {
				return nil, &ManifestError{n, fmt.Sprintf("imports not sorted: %s after %s", imp.Module, prev)}
			}
		}
		m.Imports = append(m.Imports, imp)
	}
	return m, nil
}

// splitLine splits a record on single spaces and rejects any other
// whitespace, so that the canonical form is the only accepted one.
func splitLine(line string, n int) ([]string, error) {
	if line == "" {
		return nil, &ManifestError{n, "empty line"}
	}
	if strings.ContainsAny(line, "\t\r\v\f") {
		return nil, &ManifestError{n, "unexpected control character"}
	}
	fields := strings.Split(line, " ")
	for _, f := range fields {
		if f == "" {
			return nil, &ManifestError{n, fmt.Sprintf("fields must be separated by exactly one space: %q", line)}
		}
	}
	return fields, nil
}

// checkModule accepts dotted identifiers (lib.pulses).
func checkModule(s string) error {
	if s == "" {
		return fmt.Errorf("empty module name")
	}
	for _, part := range strings.Split(s, ".") {
		if part == "" {
			return fmt.Errorf("bad module name %q", s)
		}
		for i, c := range part {
			letter := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			digit := c >= '0' && c <= '9'
			if !letter && !(digit && i > 0) {
				return fmt.Errorf("bad module name %q", s)
			}
		}
	}
	return nil
}

func checkToken(s string) error {
	if s == "" || strings.ContainsAny(s, " \t\r\n\v\f") {
		return fmt.Errorf("bad value %q", s)
	}
	return nil
}

func checkHash(s string) error {
	hexPart, ok := strings.CutPrefix(s, hashPrefix)
	if !ok {
		return fmt.Errorf("hash %q does not start with %q", s, hashPrefix)
	}
	if len(hexPart) != 2*sha256.Size {
		return fmt.Errorf("hash %q: want %d hex digits", s, 2*sha256.Size)
	}
	for _, c := range hexPart {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return fmt.Errorf("hash %q: not lowercase hex", s)
		}
	}
	return nil
}
