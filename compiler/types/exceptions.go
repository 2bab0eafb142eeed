package types

import (
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// TException is the type of the object bound by `except E as e`: a
// reference to the exception being handled.
var TException = &Basic{Kind: ExceptionKind}

// builtinExceptions are the exception classes the language provides, with
// the firmware's fixed ids for those that have one.
var builtinExceptions = map[string]bool{
	"Exception": true, "BaseException": true,
	"RTIOUnderflow": true, "RTIOOverflow": true, "RTIODestinationUnreachable": true,
	"DMAError": true, "I2CError": true, "CacheError": true, "SPIError": true,
	"SubkernelError": true, "AssertionError": true, "AttributeError": true,
	"IndexError": true, "IOError": true, "KeyError": true, "NotImplementedError": true,
	"OverflowError": true, "RuntimeError": true, "TimeoutError": true, "TypeError": true,
	"ValueError": true, "ZeroDivisionError": true, "LinAlgError": true, "UnwrapNoneError": true,
}

// IsCatchAll reports whether an except clause naming name catches every
// exception (kernel exceptions all derive from Exception).
func IsCatchAll(name string) bool { return name == "Exception" || name == "BaseException" }

// RaiseInfo is a resolved raise statement.
type RaiseInfo struct {
	Class string      // exception class name (module.Name for user classes); "" for a re-raise
	Msg   syntax.Expr // the message argument, or nil
	// Params are ARTIQ's exception parameters after the message (at most
	// three integers: `ValueError("bad channel {}", ch)`), which the host
	// formats into the message.
	Params []syntax.Expr
	Var    *syntax.Name // `raise e` of a caught exception
}

// HandlerInfo is a resolved except clause.
type HandlerInfo struct {
	Classes []string // the classes it catches; nil for a bare except
	Var     *Object  // the `as` variable, or nil
}

func (c *checker) exceptionClass(e syntax.Expr) (string, bool) {
	n, ok := e.(*syntax.Name)
	if !ok {
		c.errorf(e.Pos(), "expected an exception class name")
		return "", false
	}
	if obj := c.lookup(n); obj != nil && obj.Kind == ObjClass && obj.Class.Exception != "" {
		c.userExns[obj.Class.Symbol()] = obj.Class
		return obj.Class.Symbol(), true
	}
	if obj := c.lookup(n); obj != nil && obj.Kind != ObjBuiltin {
		c.errorf(e.Pos(), "%q is not an exception class", n.Value).Hint = "exception classes derive from Exception"
		return "", false
	}
	if !builtinExceptions[n.Value] {
		c.errorf(e.Pos(), "%q is not an exception class", n.Value)
		return "", false
	}
	return n.Value, true
}

func (c *checker) raiseStmt(s *syntax.Raise) {
	ri := &RaiseInfo{}
	c.b.Raises[s] = ri
	if s.Exc == nil {
		if c.handlers == 0 {
			c.errorf(s.Pos(), "a bare 'raise' must be inside an except block")
		}
		return
	}
	exc := s.Exc
	if n, ok := exc.(*syntax.Name); ok {
		if obj := c.lookup(n); obj != nil && obj.Kind != ObjClass && obj.Kind != ObjBuiltin {
			// raise e, where e is bound by `except ... as e`, re-raises it.
			if t := c.expr(n); Is(t, ExceptionKind) {
				ri.Var = n
				return
			}
		}
	}
	if call, ok := exc.(*syntax.Call); ok {
		if len(call.Keywords) > 0 || len(call.Args) > 4 {
			c.errorf(call.Pos(), "an exception takes a message and at most three integer parameters")
		}
		if len(call.Args) >= 1 {
			ri.Msg = call.Args[0]
			t := c.expr(call.Args[0])
			if !Is(t, Str) {
				c.errorf(call.Args[0].Pos(), "type mismatch: an exception message must be str, found %s", Final(t))
			}
		}
		for i, a := range call.Args {
			if i == 0 || i > 3 {
				continue
			}
			// ARTIQ's exceptions carry three int64 parameters that the
			// message refers to as {0}, {1}, {2} (or {} in order).
			t := c.expr(a)
			if !IsInt(t) {
				c.errorf(a.Pos(), "type mismatch: an exception parameter must be an integer, found %s", Final(t))
				continue
			}
			ri.Params = append(ri.Params, a)
		}
		exc = call.Fun
	}
	if name, ok := c.exceptionClass(exc); ok {
		if IsCatchAll(name) {
			name = "RuntimeError"
		}
		ri.Class = name
	}
}

func (c *checker) tryStmt(s *syntax.Try) {
	c.stmts(s.Body)
	for i, h := range s.Handlers {
		hi := &HandlerInfo{}
		c.b.Handlers[h] = hi
		if h.Type == nil && i != len(s.Handlers)-1 {
			c.errorf(h.P, "a bare 'except:' must be the last except clause")
		}
		switch t := h.Type.(type) {
		case nil:
		case *syntax.Tuple:
			for _, e := range t.Elts {
				if name, ok := c.exceptionClass(e); ok {
					hi.Classes = append(hi.Classes, name)
				}
			}
		default:
			if name, ok := c.exceptionClass(t); ok {
				hi.Classes = append(hi.Classes, name)
			}
		}
		if h.Name != "" {
			obj := c.locals[h.Name]
			if obj == nil {
				obj = c.scope[h.Name]
			}
			if obj != nil && (obj.Kind == ObjLocal || obj.Kind == ObjGlobal) {
				if !unify(obj.Type, TException) {
					c.errorf(h.P, "type mismatch: %q has type %s, cannot bind an exception to it", h.Name, Final(obj.Type))
				}
				hi.Var = obj
			}
		}
		c.handlers++
		c.stmts(h.Body)
		c.handlers--
	}
	c.stmts(s.Else)
	c.finallies++
	c.stmts(s.Finally)
	c.finallies--
}
