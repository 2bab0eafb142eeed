package link

import (
	"bytes"
	"encoding/json"

	"github.com/rules-artiq/rules_artiq/linker/firmware"
)

// TablesFormat is the version of the host tables file.
const TablesFormat = 1

// Tables is what the host keeps next to the device ELF to interpret what
// the kernel sends back: RPC service numbers, exception ids, host objects.
// Fields are in JSON key order so that the encoding is canonical.
type Tables struct {
	Entry string `json:"entry"`
	// Exceptions are the host-side exception classes indexed by id.
	Exceptions []string `json:"exceptions"`
	Format     int      `json:"format"`
	// Modules are the linked modules, sorted, with their interface
	// hashes: which interfaces this binary was built from.
	Modules []TableModule `json:"modules"`
	// Objects are the host objects by id (filled by a later change).
	Objects []json.RawMessage `json:"objects"`
	// RPC are the RPC services by number (see RPCService in rpc.go).
	RPC    []json.RawMessage `json:"rpc"`
	Target string            `json:"target"`
}

// TableModule is one module of the link.
type TableModule struct {
	Interface string `json:"interface"`
	Module    string `json:"module"`
}

// Encode renders the tables canonically: sorted keys, two-space
// indentation, no HTML escaping (symbol names contain '<'), a trailing
// newline.
func (t *Tables) Encode() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	// Empty lists are [] rather than null, so readers need no special case.
	c := *t
	if c.Exceptions == nil {
		c.Exceptions = []string{}
	}
	if c.Modules == nil {
		c.Modules = []TableModule{}
	}
	if c.Objects == nil {
		c.Objects = []json.RawMessage{}
	}
	if c.RPC == nil {
		c.RPC = []json.RawMessage{}
	}
	if err := enc.Encode(&c); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func hostTables(o Options, in *inputs) ([]byte, error) {
	t := &Tables{
		Entry:  o.Entry,
		Format: TablesFormat,
		Target: o.Target.Name,
	}
	for _, e := range firmware.Exceptions() {
		t.Exceptions = append(t.Exceptions, e.Python)
	}
	for _, m := range in.modules() {
		t.Modules = append(t.Modules, TableModule{Module: m, Interface: in.byModule[m].manifest.Interface})
	}
	rpc, err := rpcTable(in.rpcServices()) // rpc.go
	if err != nil {
		return nil, err
	}
	t.RPC = rpc
	if err := addObjectTables(t, o); err != nil {
		return nil, err
	}
	return t.Encode()
}
