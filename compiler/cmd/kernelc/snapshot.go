package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/diag"
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/internal/atomicfile"
	"github.com/rules-artiq/rules_artiq/snapshot"
)

func init() {
	register("snapshot", "freeze an experiment's host values (device_db, datasets, arguments) into a snapshot", runSnapshot)
}

// listFlag collects a repeated string flag in order.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

const snapshotUsage = `usage: kernelc snapshot --device-db device_db.py [--datasets FILE] [--arg NAME=VALUE]...
                        [--path DIR]... [--module M] [--entry-arg VALUE]... FILE.py:Class[.method] -o OUT
       kernelc snapshot --check SNAPSHOT`

func runSnapshot(args []string) int {
	return snapshotMain(args, os.Stderr)
}

func snapshotMain(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("kernelc snapshot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	ddb := fs.String("device-db", "", "the lab's device_db.py")
	datasets := fs.String("datasets", "", "datasets: JSON (.json) or ARTIQ pyon text")
	var argFlags, paths, entryArgs listFlag
	fs.Var(&argFlags, "arg", "NAME=VALUE: an experiment argument, VALUE a Python literal (repeatable)")
	fs.Var(&paths, "path", "DIR: an import root for drivers and modules, like PYTHONPATH (repeatable)")
	fs.Var(&entryArgs, "entry-arg", "VALUE: an argument of the entry method, a Python literal (repeatable)")
	module := fs.String("module", "", "module path of the experiment file (default: its base name)")
	out := fs.String("o", "", "the snapshot file to write (atomically)")
	check := fs.String("check", "", "validate a snapshot file and check that it is canonical")
	var positional []string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			fmt.Fprintln(stderr, snapshotUsage)
			return exitCompile
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if *check != "" {
		if len(positional) > 0 || *out != "" {
			fmt.Fprintln(stderr, snapshotUsage)
			return exitCompile
		}
		data, err := os.ReadFile(*check)
		if err != nil {
			fmt.Fprintf(stderr, "kernelc snapshot: %v\n", err)
			return exitCompile
		}
		if _, err := snapshot.Check(*check, data); err != nil {
			printSnapshotErrors(stderr, err)
			return exitCompile
		}
		return exitOK
	}
	if len(positional) != 1 || *out == "" {
		fmt.Fprintln(stderr, snapshotUsage)
		return exitCompile
	}
	file, target, ok := strings.Cut(positional[0], ".py:")
	if !ok || target == "" {
		fmt.Fprintf(stderr, "kernelc snapshot: want FILE.py:Class[.method], got %q\n", positional[0])
		return exitCompile
	}
	file += ".py"
	class, method, _ := strings.Cut(target, ".")
	snap, err := snapshot.Freeze(snapshot.Options{
		DeviceDB:  *ddb,
		Datasets:  *datasets,
		Args:      argFlags,
		Path:      paths,
		File:      file,
		Class:     class,
		Method:    method,
		Module:    *module,
		EntryArgs: entryArgs,
	})
	if err != nil {
		printSnapshotErrors(stderr, err)
		return exitCompile
	}
	if err := atomicfile.Write(*out, snap.Encode(), 0o644); err != nil {
		fmt.Fprintf(stderr, "kernelc snapshot: %v\n", err)
		return exitTool
	}
	return exitOK
}

// printSnapshotErrors renders snapshot errors like compiler diagnostics:
// file:line:col: error: message, the source line with a caret, the hint.
func printSnapshotErrors(w io.Writer, err error) {
	errs := snapshot.Errors(err)
	if errs == nil {
		fmt.Fprintf(w, "kernelc snapshot: error: %v\n", err)
		return
	}
	var list diag.List
	sources := map[string][]byte{}
	for _, e := range errs {
		if e.Pos.File == "" {
			fmt.Fprintf(w, "%s\n", e.Error())
			if e.Hint != "" {
				fmt.Fprintf(w, "  hint: %s\n", e.Hint)
			}
			continue
		}
		d := &diag.Diagnostic{File: e.Pos.File, Pos: syntax.Pos{Line: int32(e.Pos.Line), Col: int32(e.Pos.Col)}, Msg: e.Msg, Hint: e.Hint}
		list = append(list, d)
		if _, ok := sources[e.Pos.File]; !ok {
			if src, err := os.ReadFile(e.Pos.File); err == nil {
				sources[e.Pos.File] = src
			}
		}
	}
	diag.Render(w, list, sources)
}
