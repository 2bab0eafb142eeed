package simulator

import (
	"regexp"
	"sort"
)

var exportLine = regexp.MustCompile(`(?m)^EXPORT(?:_AS)?\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*[,)]`)

// RuntimeExports lists the names the runtime resolves imports against
// (runtime/exports.def), sorted. A device ELF that imports anything else
// fails to load in the simulator.
func RuntimeExports() []string {
	data, err := runtimeFS.ReadFile("runtime/exports.def")
	if err != nil {
		panic(err) // embedded at build time
	}
	var names []string
	for _, m := range exportLine.FindAllSubmatch(data, -1) {
		names = append(names, string(m[1]))
	}
	sort.Strings(names)
	return names
}
