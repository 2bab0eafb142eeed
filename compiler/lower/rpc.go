package lower

import (
	"github.com/llir/llvm/ir/value"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/compiler/types"
)

// rpcCall lowers a call of a host function (see types.RPCInfo).
func (l *lowerer) rpcCall(e *syntax.Call, ci *types.CallInfo) value.Value {
	panic("lower: RPC is not implemented")
}
