// Command kernelc is the ARTIQ kernel compiler: it compiles one kernel
// module to an object archive and an interface file, prints interfaces,
// builds and runs kernels in the simulator.
//
// Each subcommand lives in its own file and registers itself in init.
package main

import (
	"fmt"
	"os"
	"sort"
)

// Exit statuses shared by all subcommands (see docs/design.md).
const (
	exitOK        = 0
	exitException = 1 // uncaught kernel exception or failed assert
	exitCompile   = 2 // bad input: diagnostics on stderr
	exitTool      = 3 // a tool or the simulator failed
)

type command struct {
	summary string
	run     func(args []string) int
}

var commands = map[string]command{}

func register(name, summary string, run func(args []string) int) {
	commands[name] = command{summary, run}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: kernelc <command> [flags] [args]\n\ncommands:")
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(os.Stderr, "  %-8s %s\n", n, commands[n].summary)
	}
}

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(exitCompile)
	}
	name := os.Args[1]
	if name == "help" || name == "-h" || name == "--help" {
		usage()
		os.Exit(exitOK)
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "kernelc: unknown command %q\n", name)
		usage()
		os.Exit(exitCompile)
	}
	os.Exit(cmd.run(os.Args[2:]))
}
