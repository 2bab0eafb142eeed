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
	// Python's, without a firmware id (derived from the name, as user
	// exceptions' are).
	"NameError": true, "UnboundLocalError": true,
}

// builtinBases are the bases of built-in exceptions other than Exception.
var builtinBases = map[string]string{"UnboundLocalError": "NameError"}

// BuiltinSubclasses lists the built-in exception classes that an except
// clause naming name also catches (name itself included).
func BuiltinSubclasses(name string) []string {
	out := []string{name}
	for sub, base := range builtinBases {
		if base == name {
			out = append(out, sub)
		}
	}
	return out
}

// IsCatchAll reports whether an except clause naming name catches every
// exception (kernel exceptions all derive from Exception).
func IsCatchAll(name string) bool { return name == "Exception" || name == "BaseException" }

// MessageField is the hidden first field of every user exception class:
// the exception's message (what str(e) gives).
const MessageField = "__message__"

// RaiseInfo is a resolved raise statement.
type RaiseInfo struct {
	Class string       // exception class name (module.Name for user classes); "" for a re-raise
	Msg   syntax.Expr  // the message argument, or nil
	Var   *syntax.Name // `raise e` of a caught exception
	// Params are ARTIQ's exception parameters after the message (at most
	// three integers: `ValueError("bad channel {}", ch)`), which the host
	// formats into the message.
	Params []syntax.Expr
	// Obj is an instance of a user exception class to raise (Class is its
	// symbol): `raise E(...)`, `raise E` or `raise err`.
	Obj      syntax.Expr
	ObjClass *Class
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
			t := c.expr(n)
			if Is(t, ExceptionKind) {
				ri.Var = n
				return
			}
			if cl := classOf(t); cl != nil && cl.Exception != "" {
				ri.Obj, ri.ObjClass, ri.Class = n, cl, cl.Symbol()
				return
			}
			if t != nil {
				c.errorf(n.Pos(), "type mismatch: raise needs an exception, found %s", Final(t))
			}
			return
		}
		if obj := c.lookup(n); obj != nil && obj.Kind == ObjClass && obj.Class.Exception != "" {
			// raise E: an instance made without arguments.
			call := &syntax.Call{Fun: n}
			call.P = n.P
			s.Exc = call
			exc = call
		}
	}
	if call, ok := exc.(*syntax.Call); ok {
		if n, ok := call.Fun.(*syntax.Name); ok {
			if obj := c.lookup(n); obj != nil && obj.Kind == ObjClass && obj.Class.Exception != "" {
				c.exceptionClass(n) // records the class as raised
				t := c.expr(call)
				if cl := classOf(t); cl != nil {
					ri.Obj, ri.ObjClass, ri.Class = call, cl, cl.Symbol()
				}
				return
			}
		}
		if _, ok := call.Fun.(*syntax.Name); !ok {
			// raise make_error(...): a function returning an exception.
			t := c.expr(call)
			if cl := classOf(t); cl != nil && cl.Exception != "" {
				c.userExns[cl.Symbol()] = cl
				ri.Obj, ri.ObjClass, ri.Class = call, cl, cl.Symbol()
				return
			}
			if t != nil {
				c.errorf(call.Pos(), "type mismatch: raise needs an exception, found %s", Final(t))
			}
			return
		}
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
		// `except E as e` binds e for the handler only (Python deletes it
		// afterwards): a variable of its own, an instance of E when E is a
		// user exception class without subclasses here (so that e.attr
		// reads its fields), else a reference to the exception.
		var prev *Object
		hadPrev := false
		if h.Name != "" && c.fn != nil {
			var t Type = TException
			if len(hi.Classes) == 1 {
				if cl := c.userExns[hi.Classes[0]]; cl != nil && c.leafException(cl) {
					t = cl
				}
			}
			obj := &Object{Kind: ObjLocal, Name: h.Name, Type: t, Pos: h.P}
			c.fn.Locals = append(c.fn.Locals, obj)
			prev, hadPrev = c.locals[h.Name]
			c.locals[h.Name] = obj
			hi.Var = obj
		}
		c.handlers++
		c.stmts(h.Body)
		c.handlers--
		if hi.Var != nil {
			if hadPrev {
				c.locals[h.Name] = prev
			} else {
				delete(c.locals, h.Name)
			}
		}
	}
	c.stmts(s.Else)
	c.finallies++
	c.stmts(s.Finally)
	c.finallies--
}

// leafException reports whether no other class of the module derives from
// the user exception class cl.
func (c *checker) leafException(cl *Class) bool {
	for _, k := range c.info.Classes {
		if k != cl && inherits(k, cl) {
			return false
		}
	}
	return true
}

// exceptionBaseInit types Exception.__init__(self, msg) and
// super().__init__(msg) in the __init__ of a user exception class: the
// message becomes the exception's (str(e)).
func (c *checker) exceptionBaseInit(e *syntax.Call, recv syntax.Expr, args []syntax.Expr) Type {
	rt := c.expr(recv)
	cl := classOf(rt)
	for _, a := range args {
		if t := c.expr(a); !Is(t, Str) {
			c.errorf(a.Pos(), "type mismatch: an exception message must be str, found %s", Final(t))
		}
	}
	for _, k := range e.Keywords {
		c.errorf(k.P, "an exception's __init__ takes no keyword arguments")
	}
	if len(args) > 1 {
		c.errorf(args[1].Pos(), "an exception's __init__ takes at most one argument, its message")
	}
	if cl == nil || cl.Exception == "" {
		if rt != nil {
			c.errorf(recv.Pos(), "type mismatch: the exception __init__ needs an exception instance as self, found %s", Final(rt))
		}
		return TNone
	}
	ci := &CallInfo{Builtin: "exception.__init__", Recv: recv, Args: args, New: cl}
	c.b.Calls[e] = ci
	return TNone
}

// IsBuiltinException reports whether name is an exception class the
// language provides.
func IsBuiltinException(name string) bool { return builtinExceptions[name] }

// NameExceptionID is the id of a built-in exception the firmware does not
// number (NameError, UnboundLocalError): derived from its name as user
// exceptions' ids are from theirs.
func NameExceptionID(name string) uint32 {
	return (&Class{Name: name}).ExceptionID()
}
