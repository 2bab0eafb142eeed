// Command kernelld links ARTIQ kernel module archives into the device ELF
// that the core-device firmware loads, after checking that the archives
// agree with each other (see package link).
//
//	kernelld --target rv32g --entry lib.exp.run --llc PATH --lld PATH \
//	    [--support PATH] [--tables PATH] [--timings] -o out.elf ARCHIVE.a...
//
// Exit status: 0 success; 2 bad input (flags, stale or mismatched
// archives, undefined symbols); 3 a tool failed. On failure no output is
// left behind.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/linker/link"
	"github.com/rules-artiq/rules_artiq/snapshot"
)

const (
	exitOK    = 0
	exitInput = 2
	exitTool  = 3
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stderr))
}

func run(ctx context.Context, args []string, stderr io.Writer) (status int) {
	var o link.Options
	// Whatever failed, no output that was asked for may survive: a later
	// build step must not mistake an old file for this link's result.
	defer func() {
		if status != exitOK {
			for _, p := range []string{o.Out, o.Tables} {
				if p != "" {
					os.Remove(p)
				}
			}
		}
	}()
	fs := flag.NewFlagSet("kernelld", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: kernelld --target T --entry MODULE.FUNC --llc PATH --lld PATH [--support PATH] [--tables PATH] [--timings] -o OUT.elf ARCHIVE.a...")
		fs.PrintDefaults()
	}
	targetName := fs.String("target", target.Default, "core-device target ("+strings.Join(target.Names(), ", ")+")")
	fs.StringVar(&o.Entry, "entry", "", "module-qualified kernel function that __modinit__ calls, e.g. lib.exp.run")
	fs.StringVar(&o.LLC, "llc", "", "path of llc")
	fs.StringVar(&o.LLD, "lld", "", "path of ld.lld")
	fs.StringVar(&o.Support, "support", "", "optional support library archive, linked after the kernel archives")
	fs.StringVar(&o.Tables, "tables", "", "optional path of the host-side tables (JSON)")
	fs.StringVar(&o.Out, "o", "", "path of the device ELF to write")
	timings := fs.Bool("timings", false, "print per-phase timings on stderr")
	snapPath := fs.String("snapshot", "", "host-value snapshot: generate the data object of its host objects (default --entry: the snapshot's entry method)")
	fs.StringVar(&o.EntryObject, "entry-object", "", "with --snapshot: the host object the entry method runs on (default: the snapshot's entry object)")

	// Flags and archives may be interleaved, as build rules and people
	// write them in either order.
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK
			}
			return exitInput
		}
		if fs.NArg() == 0 {
			break
		}
		o.Archives = append(o.Archives, fs.Arg(0))
		rest = fs.Args()[1:]
	}

	fail := func(msg string) int {
		for _, line := range strings.Split(msg, "\n") {
			fmt.Fprintf(stderr, "kernelld: error: %s\n", line)
		}
		return exitInput
	}
	t, err := target.Lookup(*targetName)
	if err != nil {
		return fail(err.Error())
	}
	o.Target = t
	if *snapPath != "" {
		s, err := snapshot.Read(*snapPath)
		if err != nil {
			return fail(err.Error())
		}
		o.Snapshot = s
		if o.Entry == "" {
			o.Entry = link.SnapshotEntry(s, o.EntryObject)
		}
	} else if o.EntryObject != "" {
		return fail("--entry-object needs --snapshot")
	}
	switch {
	case o.Entry == "":
		return fail("missing --entry")
	case o.LLC == "":
		return fail("missing --llc")
	case o.LLD == "":
		return fail("missing --lld")
	case o.Out == "":
		return fail("missing -o")
	case len(o.Archives) == 0:
		return fail("no archives to link")
	}
	if *timings {
		o.Timings = stderr
	}
	if err := link.Link(ctx, o); err != nil {
		if link.IsInputError(err) {
			return fail(err.Error())
		}
		// Tool and I/O failures: the message may be a tool's stderr, so
		// only its first line gets the prefix.
		fmt.Fprintf(stderr, "kernelld: error: %v\n", err)
		return exitTool
	}
	return exitOK
}
