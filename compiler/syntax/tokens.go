package syntax

// token is a lexical token kind.
type token uint8

const (
	_EOF token = iota
	_Newline
	_Indent
	_Dedent
	_Name
	_Int
	_Float
	_String

	// delimiters
	_Lparen   // (
	_Rparen   // )
	_Lbrack   // [
	_Rbrack   // ]
	_Lbrace   // {
	_Rbrace   // }
	_Comma    // ,
	_Colon    // :
	_Semi     // ;
	_Dot      // .
	_Ellipsis // ...
	_Arrow    // ->
	_Assign   // =
	_Walrus   // :=
	_AugAssign

	// operators
	_Plus    // +
	_Minus   // -
	_Star    // *
	_Slash   // /
	_DSlash  // //
	_Percent // %
	_DStar   // **
	_LShift  // <<
	_RShift  // >>
	_Amp     // &
	_Pipe    // |
	_Caret   // ^
	_Tilde   // ~
	_At      // @
	_Lt      // <
	_Gt      // >
	_Le      // <=
	_Ge      // >=
	_Eq      // ==
	_Ne      // !=

	// keywords
	_False
	_None
	_True
	_And
	_As
	_Assert
	_Async
	_Await
	_Break
	_Class
	_Continue
	_Def
	_Del
	_Elif
	_Else
	_Except
	_Finally
	_For
	_From
	_Global
	_If
	_Import
	_In
	_Is
	_Lambda
	_Nonlocal
	_Not
	_Or
	_Pass
	_Raise
	_Return
	_Try
	_While
	_With
	_Yield

	numTokens
)

var tokStrings = [numTokens]string{
	_EOF:      "end of file",
	_Newline:  "newline",
	_Indent:   "indent",
	_Dedent:   "unindent",
	_Name:     "name",
	_Int:      "number",
	_Float:    "number",
	_String:   "string",
	_Lparen:   "(",
	_Rparen:   ")",
	_Lbrack:   "[",
	_Rbrack:   "]",
	_Lbrace:   "{",
	_Rbrace:   "}",
	_Comma:    ",",
	_Colon:    ":",
	_Semi:     ";",
	_Dot:      ".",
	_Ellipsis: "...",
	_Arrow:    "->",
	_Assign:   "=",
	_Walrus:   ":=",
	// _AugAssign is described with its operator.
	_Plus:     "+",
	_Minus:    "-",
	_Star:     "*",
	_Slash:    "/",
	_DSlash:   "//",
	_Percent:  "%",
	_DStar:    "**",
	_LShift:   "<<",
	_RShift:   ">>",
	_Amp:      "&",
	_Pipe:     "|",
	_Caret:    "^",
	_Tilde:    "~",
	_At:       "@",
	_Lt:       "<",
	_Gt:       ">",
	_Le:       "<=",
	_Ge:       ">=",
	_Eq:       "==",
	_Ne:       "!=",
	_False:    "False",
	_None:     "None",
	_True:     "True",
	_And:      "and",
	_As:       "as",
	_Assert:   "assert",
	_Async:    "async",
	_Await:    "await",
	_Break:    "break",
	_Class:    "class",
	_Continue: "continue",
	_Def:      "def",
	_Del:      "del",
	_Elif:     "elif",
	_Else:     "else",
	_Except:   "except",
	_Finally:  "finally",
	_For:      "for",
	_From:     "from",
	_Global:   "global",
	_If:       "if",
	_Import:   "import",
	_In:       "in",
	_Is:       "is",
	_Lambda:   "lambda",
	_Nonlocal: "nonlocal",
	_Not:      "not",
	_Or:       "or",
	_Pass:     "pass",
	_Raise:    "raise",
	_Return:   "return",
	_Try:      "try",
	_While:    "while",
	_With:     "with",
	_Yield:    "yield",
}

func (t token) String() string {
	if t < numTokens && tokStrings[t] != "" {
		return tokStrings[t]
	}
	return "augmented assignment"
}

var keywords = func() map[string]token {
	m := make(map[string]token)
	for t := _False; t < numTokens; t++ {
		m[tokStrings[t]] = t
	}
	return m
}()

// binary operator table: precedence (higher binds tighter) and Op, for the
// operators between comparisons and unary operators.
var binops = [numTokens]struct {
	prec int
	op   Op
}{
	_Pipe:    {1, BitOr},
	_Caret:   {2, BitXor},
	_Amp:     {3, BitAnd},
	_LShift:  {4, LShift},
	_RShift:  {4, RShift},
	_Plus:    {5, Add},
	_Minus:   {5, Sub},
	_Star:    {6, Mul},
	_Slash:   {6, Div},
	_DSlash:  {6, FloorDiv},
	_Percent: {6, Mod},
	_At:      {6, MatMul},
}

// compare operators (not in and is not are two tokens each).
var cmpops = [numTokens]Op{
	_Lt: Lt, _Gt: Gt, _Le: LtE, _Ge: GtE, _Eq: Eq, _Ne: NotEq, _In: In, _Is: Is, _Not: NotIn,
}
