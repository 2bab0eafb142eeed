package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

// profile is what the benchmark reads from Bazel's JSON trace profile
// (--profile): how long each action took inside Bazel (sandbox set-up
// and output handling included), by mnemonic. Bazel 4.2.3's execution log
// has no times; the profile has.
type profile struct {
	// actions maps a mnemonic to the durations of its actions.
	actions map[string][]time.Duration
	// criticalPath is the sum of the critical path components.
	criticalPath time.Duration
}

type traceEvent struct {
	Cat  string  `json:"cat"`
	Name string  `json:"name"`
	Ph   string  `json:"ph"`
	Dur  float64 `json:"dur"` // microseconds
}

// progressMnemonics maps the progress messages of the rules' actions
// (the names of their profile events) to their mnemonics.
var progressMnemonics = []struct{ prefix, mnemonic string }{
	{"Compiling kernel module", "KernelCompile"},
	{"Linking kernel binary", "KernelLink"},
	{"Slicing the snapshot", "KernelSlice"},
	{"Freezing host values", "KernelSnapshot"},
	{"Building Go tool", "GoToolBuild"},
	{"Building the kernel support library", "KernelSupportLibrary"},
	{"Building the kernel simulator runtime", "KernelSimRuntime"},
}

func mnemonicOf(name string) string {
	for _, p := range progressMnemonics {
		if strings.HasPrefix(name, p.prefix) {
			return p.mnemonic
		}
	}
	return "other"
}

func readProfile(path string) (*profile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("profile: %v", err)
	}
	if len(data) > 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("profile %s: %v", path, err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			return nil, fmt.Errorf("profile %s: %v", path, err)
		}
	}
	var events []traceEvent
	var wrapped struct {
		TraceEvents []traceEvent `json:"traceEvents"`
	}
	if err := json.Unmarshal(data, &wrapped); err == nil && wrapped.TraceEvents != nil {
		events = wrapped.TraceEvents
	} else if err := json.Unmarshal(data, &events); err != nil {
		return nil, fmt.Errorf("profile %s: %v", path, err)
	}
	p := &profile{actions: map[string][]time.Duration{}}
	for _, e := range events {
		if e.Ph != "X" {
			continue
		}
		d := time.Duration(e.Dur * float64(time.Microsecond))
		switch e.Cat {
		case "action processing":
			m := mnemonicOf(e.Name)
			p.actions[m] = append(p.actions[m], d)
		case "critical path component":
			p.criticalPath += d
		}
	}
	for _, ds := range p.actions {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	}
	return p, nil
}
