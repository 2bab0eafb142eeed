package snapshot

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// readDatasets reads a datasets file: JSON when its name ends in .json,
// ARTIQ's pyon text format otherwise. Either holds one mapping from
// dataset key to value.
func (ip *interp) readDatasets(file string, data []byte) (map[string]value, error) {
	var v value
	var err error
	if strings.HasSuffix(file, ".json") {
		v, err = ip.decodeJSON(file, data)
	} else {
		v, err = ip.parseLiteral(file, data, true)
	}
	if err != nil {
		return nil, err
	}
	d, ok := v.(*dictV)
	if !ok {
		return nil, &Error{Pos: Pos{File: file, Line: 1, Col: 1}, Msg: fmt.Sprintf("the datasets file holds a %s, not a mapping of keys to values", typeName(v))}
	}
	out := map[string]value{}
	for i, k := range d.keys {
		s, ok := k.(string)
		if !ok {
			return nil, &Error{Pos: d.pos[i], Msg: "dataset keys must be strings"}
		}
		out[s] = d.vals[i]
	}
	return out, nil
}

func lineCol(data []byte, off int64) Pos {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line := bytes.Count(data[:off], []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(data[:off], '\n')
	return Pos{Line: line, Col: col}
}

func (ip *interp) decodeJSON(file string, data []byte) (value, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := ip.jsonValue(dec, file, data)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err == nil {
		p := lineCol(data, dec.InputOffset())
		p.File = file
		return nil, &Error{Pos: p, Msg: "junk after the JSON value"}
	}
	return v, nil
}

func (ip *interp) jsonValue(dec *json.Decoder, file string, data []byte) (value, error) {
	fail := func(err error) error {
		off := dec.InputOffset()
		if se, ok := err.(*json.SyntaxError); ok {
			off = se.Offset
		}
		p := lineCol(data, off)
		p.File = file
		return &Error{Pos: p, Msg: "bad JSON: " + err.Error()}
	}
	start := dec.InputOffset()
	tok, err := dec.Token()
	if err != nil {
		return nil, fail(err)
	}
	if err := ip.step(Pos{File: file}); err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			d := newDict()
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, fail(err)
				}
				k, ok := kt.(string)
				if !ok {
					return nil, fail(fmt.Errorf("object key is not a string"))
				}
				v, err := ip.jsonValue(dec, file, data)
				if err != nil {
					return nil, err
				}
				// The key's position: skip the separator after the previous value.
				kpos := lineCol(data, start+int64(max(bytes.Index(data[start:], []byte(strconv.Quote(k))), 0)))
				kpos.File = file
				if err := ip.dictSet(d, k, v, kpos, kpos); err != nil {
					return nil, err
				}
			}
			if _, err := dec.Token(); err != nil {
				return nil, fail(err)
			}
			return d, nil
		case '[':
			l := &listV{}
			for dec.More() {
				v, err := ip.jsonValue(dec, file, data)
				if err != nil {
					return nil, err
				}
				l.elems = append(l.elems, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, fail(err)
			}
			return l, nil
		}
	case json.Number:
		s := string(t)
		if !strings.ContainsAny(s, ".eE") {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return nil, fail(fmt.Errorf("integer %s does not fit 64 bits", s))
			}
			return intV{n, pyInt}, nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil && !strings.Contains(err.Error(), "range") {
			return nil, fail(err)
		}
		return f, nil
	case string:
		return t, nil
	case bool:
		return t, nil
	case nil:
		return noneV, nil
	}
	return nil, fail(fmt.Errorf("unexpected %v", tok))
}

// parseLiteral parses text as one Python literal expression (pyon when
// pyon is set: also null/true/false, inf/nan, nparray(...), npscalar(...)
// and OrderedDict(...)).
func (ip *interp) parseLiteral(file string, text []byte, pyon bool) (value, error) {
	f, errs := syntax.Parse(file, text)
	if len(errs) > 0 {
		var out ErrorList
		for _, e := range errs {
			out = append(out, &Error{Pos: posOf(e.File, e.Pos), Msg: e.Msg})
		}
		return nil, out
	}
	if len(f.Body) != 1 {
		return nil, &Error{Pos: Pos{File: file, Line: 1, Col: 1}, Msg: "want exactly one value"}
	}
	es, ok := f.Body[0].(*syntax.ExprStmt)
	if !ok {
		return nil, &Error{Pos: posOf(file, f.Body[0].Pos()), Msg: "want a value, not a statement"}
	}
	return ip.literal(file, es.X, pyon)
}

func (ip *interp) literal(file string, e syntax.Expr, pyon bool) (value, error) {
	pos := posOf(file, e.Pos())
	if err := ip.step(pos); err != nil {
		return nil, err
	}
	bad := func() (value, error) {
		return nil, &Error{Pos: pos, Msg: "not a literal value: " + describeLiteral(e)}
	}
	elems := func(xs []syntax.Expr) ([]value, error) {
		var out []value
		for _, x := range xs {
			v, err := ip.literal(file, x, pyon)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	switch e := e.(type) {
	case *syntax.IntLit:
		n, err := strconv.ParseInt(e.Text, 0, 64)
		if err != nil {
			return nil, &Error{Pos: pos, Msg: "integer " + e.Text + " does not fit 64 bits"}
		}
		return intV{n, pyInt}, nil
	case *syntax.FloatLit:
		return e.Value, nil
	case *syntax.StrLit:
		return e.Value, nil
	case *syntax.Constant:
		switch e.Value {
		case "True":
			return true, nil
		case "False":
			return false, nil
		case "None":
			return noneV, nil
		}
	case *syntax.Name:
		if pyon {
			switch e.Value {
			case "null":
				return noneV, nil
			case "true":
				return true, nil
			case "false":
				return false, nil
			case "inf":
				return math.Inf(1), nil
			case "nan":
				return math.NaN(), nil
			}
		}
	case *syntax.Unary:
		if e.Op == syntax.Sub || e.Op == syntax.Add {
			v, err := ip.literal(file, e.X, pyon)
			if err != nil {
				return nil, err
			}
			if !isNumber(v) {
				return bad()
			}
			return ip.unary(e.Op, v, pos)
		}
	case *syntax.List:
		vs, err := elems(e.Elts)
		if err != nil {
			return nil, err
		}
		return &listV{elems: vs}, nil
	case *syntax.Tuple:
		vs, err := elems(e.Elts)
		if err != nil {
			return nil, err
		}
		return &tupleV{elems: vs}, nil
	case *syntax.Set:
		vs, err := elems(e.Elts)
		if err != nil {
			return nil, err
		}
		s := newSet()
		for _, v := range vs {
			if err := ip.setAdd(s, v, pos); err != nil {
				return nil, err
			}
		}
		return s, nil
	case *syntax.Dict:
		d := newDict()
		for i := range e.Keys {
			if e.Keys[i] == nil {
				return bad()
			}
			k, err := ip.literal(file, e.Keys[i], pyon)
			if err != nil {
				return nil, err
			}
			v, err := ip.literal(file, e.Values[i], pyon)
			if err != nil {
				return nil, err
			}
			if err := ip.dictSet(d, k, v, posOf(file, e.Keys[i].Pos()), pos); err != nil {
				return nil, err
			}
		}
		return d, nil
	case *syntax.Call:
		n, ok := e.Fun.(*syntax.Name)
		if !ok || !pyon || len(e.Keywords) > 0 {
			return bad()
		}
		args, err := elems(e.Args)
		if err != nil {
			return nil, err
		}
		switch n.Value {
		case "nparray":
			return ip.pyonArray(args, pos)
		case "npscalar":
			return ip.pyonScalar(args, pos)
		case "OrderedDict":
			d := newDict()
			if len(args) == 1 {
				if err := ip.dictUpdate(d, args[0], pos); err != nil {
					return nil, err
				}
			}
			return d, nil
		}
	}
	return bad()
}

func describeLiteral(e syntax.Expr) string {
	s := syntax.Sprint(e)
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return s
}

// dtypeKind decodes a NumPy dtype string such as "<f8", "<i4", "|b1".
func dtypeKind(s string) (Kind, bool, bool) {
	big := false
	if s != "" && strings.IndexByte("<>|=", s[0]) >= 0 {
		big = s[0] == '>'
		s = s[1:]
	}
	switch s {
	case "f8", "float64":
		return KindFloat, big, true
	case "i4", "int32":
		return KindInt32, big, true
	case "i8", "int64":
		return KindInt64, big, true
	case "b1", "bool":
		return KindBool, big, true
	}
	return 0, false, false
}

// pyonArray decodes nparray(shape, dtype, base64 data).
func (ip *interp) pyonArray(args []value, pos Pos) (value, error) {
	if len(args) != 3 {
		return nil, &Error{Pos: pos, Msg: "nparray wants (shape, dtype, base64 data)"}
	}
	shape, n, err := ip.shapeOf(args[0], pos)
	if err != nil {
		return nil, err
	}
	dt, _ := args[1].(string)
	k, big, ok := dtypeKind(dt)
	if !ok {
		return nil, &Error{Pos: pos, Msg: fmt.Sprintf("nparray dtype %q is not supported (bool, int32, int64, float64)", dt)}
	}
	b64, _ := args[2].(string)
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, &Error{Pos: pos, Msg: "nparray data is not base64: " + err.Error()}
	}
	if big {
		data = byteSwap(data, elemSize(k))
	}
	a := &Array{Elem: k}
	if err := a.setBytes(data, n); err != nil {
		return nil, &Error{Pos: pos, Msg: "nparray: " + err.Error()}
	}
	return &arrayV{elem: k, shape: shape, ints: a.Ints, floats: a.Floats}, nil
}

func byteSwap(data []byte, size int) []byte {
	out := append([]byte{}, data...)
	for i := 0; i+size <= len(out); i += size {
		for a, b := i, i+size-1; a < b; a, b = a+1, b-1 {
			out[a], out[b] = out[b], out[a]
		}
	}
	return out
}

// pyonScalar decodes npscalar(dtype, base64 data).
func (ip *interp) pyonScalar(args []value, pos Pos) (value, error) {
	if len(args) != 2 {
		return nil, &Error{Pos: pos, Msg: "npscalar wants (dtype, base64 data)"}
	}
	dt, _ := args[0].(string)
	k, big, ok := dtypeKind(dt)
	b64, _ := args[1].(string)
	data, err := base64.StdEncoding.DecodeString(b64)
	if !ok || err != nil || len(data) != elemSize(k) {
		return nil, &Error{Pos: pos, Msg: fmt.Sprintf("bad npscalar(%q, ...)", dt)}
	}
	if big {
		data = byteSwap(data, len(data))
	}
	switch k {
	case KindFloat:
		return math.Float64frombits(binary.LittleEndian.Uint64(data)), nil
	case KindInt32:
		return intV{int64(int32(binary.LittleEndian.Uint32(data))), np32}, nil
	case KindInt64:
		return intV{int64(binary.LittleEndian.Uint64(data)), np64}, nil
	}
	return data[0] != 0, nil
}
