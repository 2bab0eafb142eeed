package snapshot

import (
	"fmt"
	"sort"
	"strings"
)

// DeviceDB is an evaluated device_db.py: its device_db dict, with the
// position where each entry was set.
type DeviceDB struct {
	File string
	dict *dictV
	ip   *interp
}

// EvalDeviceDB evaluates a device_db.py without running Python: the forms
// real device databases use (module-level assignments, dict/list/tuple
// literals, for loops over ranges and lists, item assignment, dict.update,
// string concatenation, str(), %-formatting and str.format, arithmetic).
// The module must define a dict named device_db whose keys are strings and
// whose values are dicts (devices) or strings (aliases).
func EvalDeviceDB(filename string, src []byte) (*DeviceDB, error) {
	ip := newInterp(func(string) ([]byte, error) { return nil, fmt.Errorf("no path") }, nil)
	m, err := ip.execModule("device_db", filename, src, false)
	if err != nil {
		return nil, err
	}
	v, ok := m.globals["device_db"]
	if !ok {
		return nil, &Error{Pos: Pos{File: filename, Line: 1, Col: 1}, Msg: "the file defines no device_db dict"}
	}
	d, ok := v.(*dictV)
	if !ok {
		return nil, &Error{Pos: Pos{File: filename, Line: 1, Col: 1}, Msg: fmt.Sprintf("device_db is a %s, not a dict", typeName(v))}
	}
	for i, k := range d.keys {
		name, ok := k.(string)
		if !ok {
			r, _ := ip.repr(k, d.pos[i])
			return nil, &Error{Pos: d.pos[i], Key: r, Msg: fmt.Sprintf("device name %s is not a string", r)}
		}
		switch e := d.vals[i].(type) {
		case string:
		case *dictV:
			for j, ek := range e.keys {
				if _, ok := ek.(string); !ok {
					return nil, &Error{Pos: e.pos[j], Key: name, Msg: fmt.Sprintf("device %s: entry keys must be strings", Quote(name))}
				}
			}
		default:
			return nil, &Error{Pos: d.pos[i], Key: name,
				Msg: fmt.Sprintf("device %s: an entry must be a dict (a device) or a str (an alias), not %s", Quote(name), typeName(e))}
		}
	}
	return &DeviceDB{File: filename, dict: d, ip: ip}, nil
}

// Names returns the device names, sorted.
func (db *DeviceDB) Names() []string {
	var out []string
	for _, k := range db.dict.keys {
		out = append(out, k.(string))
	}
	sort.Strings(out)
	return out
}

func (db *DeviceDB) lookup(name string) (value, Pos, bool) {
	if db == nil {
		return nil, Pos{}, false
	}
	hk := "s" + name
	i, ok := db.dict.index[hk]
	if !ok {
		return nil, Pos{}, false
	}
	return db.dict.vals[i], db.dict.pos[i], true
}

// Resolve follows aliases (also chains of them) from name to a device
// entry and returns that entry's name. at is where name was asked for (for
// the error when it does not exist).
func (db *DeviceDB) Resolve(name string, at Pos) (string, error) {
	_, resolved, _, err := db.resolve(name, at)
	return resolved, err
}

// Entry returns the resolved entry of a device as JSON-like Go values
// (map[string]any, []any, string, int64, float64, bool, nil).
func (db *DeviceDB) Entry(name string) (map[string]interface{}, error) {
	e, _, _, err := db.resolve(name, Pos{})
	if err != nil {
		return nil, err
	}
	return goValue(e).(map[string]interface{}), nil
}

func goValue(v value) interface{} {
	switch x := v.(type) {
	case noneT:
		return nil
	case intV:
		return x.v
	case *dictV:
		m := map[string]interface{}{}
		for i, k := range x.keys {
			m[fmt.Sprint(goValue(k))] = goValue(x.vals[i])
		}
		return m
	case *listV:
		var out []interface{}
		for _, e := range x.elems {
			out = append(out, goValue(e))
		}
		return out
	case *tupleV:
		var out []interface{}
		for _, e := range x.elems {
			out = append(out, goValue(e))
		}
		return out
	case bool, float64, string:
		return x
	}
	return typeName(v)
}

// resolve returns the entry (a *dictV), its name and position.
func (db *DeviceDB) resolve(name string, at Pos) (*dictV, string, Pos, error) {
	file := ""
	if db != nil {
		file = db.File
	}
	v, pos, ok := db.lookup(name)
	if !ok {
		where := "the device database"
		if file != "" {
			where += " (" + file + ")"
		}
		return nil, "", Pos{}, &Error{Pos: at, Key: name, Msg: fmt.Sprintf("device %s is not in %s", Quote(name), where)}
	}
	chain := []string{name}
	seen := map[string]Pos{name: pos}
	cur := name
	for {
		switch e := v.(type) {
		case *dictV:
			return e, cur, pos, nil
		case string:
			if _, loop := seen[e]; loop {
				chain = append(chain, e)
				var q []string
				for _, c := range chain {
					q = append(q, Quote(c))
				}
				start := seen[e]
				return nil, "", Pos{}, &Error{Pos: start, Key: e, Msg: "alias loop: " + strings.Join(q, " -> ")}
			}
			next, npos, ok := db.lookup(e)
			if !ok {
				return nil, "", Pos{}, &Error{Pos: pos, Key: cur,
					Msg: fmt.Sprintf("alias %s names device %s, which is not in the device database", Quote(cur), Quote(e))}
			}
			chain = append(chain, e)
			seen[e] = npos
			cur, v, pos = e, next, npos
		default:
			return nil, "", Pos{}, &Error{Pos: pos, Key: cur, Msg: fmt.Sprintf("device %s is a %s", Quote(cur), typeName(v))}
		}
	}
}

// Check resolves every alias of the database and reports dangling aliases
// and alias loops.
func (db *DeviceDB) Check() error {
	var errs ErrorList
	reported := map[string]bool{}
	for i, k := range db.dict.keys {
		if _, ok := db.dict.vals[i].(string); !ok {
			continue
		}
		_, _, _, err := db.resolve(k.(string), db.dict.pos[i])
		for _, e := range Errors(err) {
			if !reported[e.Error()] {
				reported[e.Error()] = true
				errs = append(errs, e)
			}
		}
	}
	errs.Sort()
	return errs.Err()
}
