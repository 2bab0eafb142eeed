package types

import (
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// RPCInfo is a resolved remote procedure call from a kernel to a host
// function.
type RPCInfo struct {
	Function string // the host function's qualified name (module.function)
	Async    bool
}

// rpcCall types a call of a host function from kernel code: an RPC.
func (c *checker) rpcCall(e *syntax.Call, obj *Object) Type {
	d := c.errorf(e.Fun.Pos(), "%q is host code: calling it from a kernel would be an RPC, which is not supported yet", obj.Name)
	d.Hint = "decorate it with @kernel to compile it for the core device"
	c.exprs(e)
	return nil
}
