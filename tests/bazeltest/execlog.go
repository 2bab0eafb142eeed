package bazeltest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Log is a parsed --execution_log_json_file: every spawn Bazel ran or
// looked up in a cache, in the order the log lists them. Actions that hit
// Bazel's local action cache (and "internal" actions: symlinks, file
// writes) spawn nothing and are not in it.
type Log struct {
	Spawns []*Spawn
}

// Spawn is one record of the execution log (Bazel's SpawnExec message in
// its proto3 JSON form). Fields that Bazel 4.2.3 does not write
// (cacheHit, targetLabel, walltime) are read when a newer Bazel writes them.
type Spawn struct {
	CommandArgs     []string `json:"commandArgs"`
	Env             []EnvVar `json:"environmentVariables"`
	Inputs          []File   `json:"inputs"`
	ListedOutputs   []string `json:"listedOutputs"`
	ActualOutputs   []File   `json:"actualOutputs"`
	Mnemonic        string   `json:"mnemonic"`
	ProgressMessage string   `json:"progressMessage"`
	// Runner is "linux-sandbox", "processwrapper-sandbox", "local",
	// "worker", "remote" or, for a --disk_cache or --remote_cache hit,
	// "remote cache hit" (newer Bazel: "disk cache hit").
	Runner          string `json:"runner"`
	Remotable       bool   `json:"remotable"`
	Cacheable       bool   `json:"cacheable"`
	RemoteCacheable bool   `json:"remoteCacheable"`
	RemoteCacheHit  bool   `json:"remoteCacheHit"`
	CacheHit        bool   `json:"cacheHit"`
	Status          string `json:"status"`
	ExitCode        int    `json:"exitCode"`
	TargetLabel     string `json:"targetLabel"`
	Walltime        string `json:"walltime"`
}

// EnvVar is one variable of a spawn's environment.
type EnvVar struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// File is an input or output of a spawn, execroot-relative.
type File struct {
	Path   string `json:"path"`
	Digest Digest `json:"digest"`
}

// Digest is a content digest; Hash is lower-case hex.
type Digest struct {
	Hash             string `json:"hash"`
	SizeBytes        Int64  `json:"sizeBytes"`
	HashFunctionName string `json:"hashFunctionName"`
}

// Int64 reads a proto3 JSON int64, which is written as a string ("42")
// but may be a number too.
type Int64 int64

// UnmarshalJSON implements json.Unmarshaler.
func (n *Int64) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("int64 %s: %w", b, err)
	}
	*n = Int64(v)
	return nil
}

// ParseLog reads an execution log: a stream of concatenated JSON objects
// (Bazel 4.2.3 writes no enclosing array), or an empty file.
func ParseLog(r io.Reader) (*Log, error) {
	dec := json.NewDecoder(r)
	log := &Log{}
	for {
		s := &Spawn{}
		err := dec.Decode(s)
		if err == io.EOF {
			return log, nil
		}
		if err != nil {
			return nil, fmt.Errorf("execution log, after %d spawns: %w", len(log.Spawns), err)
		}
		log.Spawns = append(log.Spawns, s)
	}
}

// ReadLog parses the execution log in the file path.
func ReadLog(path string) (*Log, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseLog(bytes.NewReader(data))
}

// Executed reports whether the spawn ran (in a sandbox, locally, on a
// worker or remotely) rather than being answered by a cache.
func (s *Spawn) Executed() bool {
	return !(s.RemoteCacheHit || s.CacheHit || strings.Contains(s.Runner, "cache hit"))
}

// Outputs lists the spawn's output paths, sorted: the outputs it
// produced, or the ones it declared when it produced none.
func (s *Spawn) Outputs() []string {
	var out []string
	for _, f := range s.ActualOutputs {
		out = append(out, f.Path)
	}
	if len(out) == 0 {
		out = append(out, s.ListedOutputs...)
	}
	sort.Strings(out)
	return out
}

// PrimaryOutput is the first of Outputs, or "".
func (s *Spawn) PrimaryOutput() string {
	if out := s.Outputs(); len(out) > 0 {
		return out[0]
	}
	return ""
}

// Action names the spawn the way the scenario tests compare them:
// "Mnemonic short/path/of/primary/output", e.g.
// "KernelCompile examples/lib/ttl/lib.ttl.a".
func (s *Spawn) Action() string {
	return s.Mnemonic + " " + ShortPath(s.PrimaryOutput())
}

// OutputDigest returns the digest of the output at path, if the spawn
// produced it.
func (s *Spawn) OutputDigest(path string) (string, bool) {
	for _, f := range s.ActualOutputs {
		if f.Path == path {
			return f.Digest.Hash, true
		}
	}
	return "", false
}

// HasInput reports whether path is among the spawn's inputs.
func (s *Spawn) HasInput(path string) bool {
	for _, f := range s.Inputs {
		if f.Path == path {
			return true
		}
	}
	return false
}

// Flag returns the value of the first `--name VALUE` or `--name=VALUE`
// argument of the spawn's command line.
func (s *Spawn) Flag(name string) (string, bool) {
	args := s.CommandArgs
	for i, a := range args {
		if a == name && i+1 < len(args) {
			return args[i+1], true
		}
		if strings.HasPrefix(a, name+"=") {
			return a[len(name)+1:], true
		}
	}
	return "", false
}

var configBin = regexp.MustCompile(`^bazel-out/[^/]+/(bin|genfiles|testlogs)/`)

// ShortPath strips bazel-out/<configuration>/bin/ from an output path:
// "bazel-out/k8-fastbuild/bin/examples/experiments/rabi.elf" is
// "examples/experiments/rabi.elf". Source paths are unchanged.
func ShortPath(path string) string {
	return configBin.ReplaceAllString(path, "")
}

// ExecutedSpawns returns the spawns that ran, in log order.
func (l *Log) ExecutedSpawns() []*Spawn {
	var out []*Spawn
	for _, s := range l.Spawns {
		if s.Executed() {
			out = append(out, s)
		}
	}
	return out
}

// CacheHits returns the spawns that a cache answered, in log order.
func (l *Log) CacheHits() []*Spawn {
	var out []*Spawn
	for _, s := range l.Spawns {
		if !s.Executed() {
			out = append(out, s)
		}
	}
	return out
}

// Executed returns the sorted Action names of the spawns that ran.
func (l *Log) Executed() []string {
	return actions(l.ExecutedSpawns())
}

// Actions returns the sorted Action names of every spawn.
func (l *Log) Actions() []string {
	return actions(l.Spawns)
}

func actions(spawns []*Spawn) []string {
	out := []string{}
	for _, s := range spawns {
		out = append(out, s.Action())
	}
	sort.Strings(out)
	return out
}

// ByMnemonic returns the spawns of one mnemonic, in log order.
func (l *Log) ByMnemonic(mnemonic string) []*Spawn {
	var out []*Spawn
	for _, s := range l.Spawns {
		if s.Mnemonic == mnemonic {
			out = append(out, s)
		}
	}
	return out
}

// ProducerOf returns the spawn that lists path among its outputs.
func (l *Log) ProducerOf(path string) *Spawn {
	for _, s := range l.Spawns {
		for _, o := range s.Outputs() {
			if o == path {
				return s
			}
		}
	}
	return nil
}

// Summary counts the spawns by mnemonic, by runner, and lists what ran.
type Summary struct {
	Spawns   int
	Executed int
	// ExecutedByMnemonic and HitsByMnemonic count the spawns that ran and
	// the cache hits per mnemonic.
	ExecutedByMnemonic map[string]int
	HitsByMnemonic     map[string]int
	ByRunner           map[string]int
	// ExecutedActions is the sorted Action names of the spawns that ran.
	ExecutedActions []string
}

// Summarize counts the log's spawns.
func (l *Log) Summarize() Summary {
	sum := Summary{
		ExecutedByMnemonic: map[string]int{},
		HitsByMnemonic:     map[string]int{},
		ByRunner:           map[string]int{},
	}
	for _, s := range l.Spawns {
		sum.Spawns++
		sum.ByRunner[s.Runner]++
		if s.Executed() {
			sum.Executed++
			sum.ExecutedByMnemonic[s.Mnemonic]++
		} else {
			sum.HitsByMnemonic[s.Mnemonic]++
		}
	}
	sum.ExecutedActions = l.Executed()
	return sum
}

// String renders the summary on a few lines, for test logs.
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d spawns, %d executed", s.Spawns, s.Executed)
	if len(s.ByRunner) > 0 {
		fmt.Fprintf(&b, "; runners: %s", formatCounts(s.ByRunner))
	}
	if len(s.ExecutedByMnemonic) > 0 {
		fmt.Fprintf(&b, "\n  executed: %s", formatCounts(s.ExecutedByMnemonic))
	}
	if len(s.HitsByMnemonic) > 0 {
		fmt.Fprintf(&b, "\n  cache hits: %s", formatCounts(s.HitsByMnemonic))
	}
	for _, a := range s.ExecutedActions {
		fmt.Fprintf(&b, "\n    ran %s", a)
	}
	return b.String()
}

func formatCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d %s", m[k], k)
	}
	return strings.Join(parts, ", ")
}

// ProcessSummary is Bazel's own count of a build's actions, the line
// `INFO: 18 processes: 7 remote cache hit, 11 internal.`
type ProcessSummary struct {
	Total int
	// ByKind maps "remote cache hit", "internal", "linux-sandbox", ... to
	// its count.
	ByKind map[string]int
	Line   string
}

var processLine = regexp.MustCompile(`(?m)^INFO: (\d+) process(?:es)?(?:: (.*?))?\.?$`)

// ParseProcessSummary finds the last process summary line in Bazel's
// output.
func ParseProcessSummary(output string) (ProcessSummary, bool) {
	m := processLine.FindAllStringSubmatch(output, -1)
	if m == nil {
		return ProcessSummary{}, false
	}
	last := m[len(m)-1]
	total, _ := strconv.Atoi(last[1])
	ps := ProcessSummary{Total: total, ByKind: map[string]int{}, Line: strings.TrimPrefix(last[0], "INFO: ")}
	if last[2] != "" {
		for _, part := range strings.Split(last[2], ", ") {
			n, kind, ok := strings.Cut(strings.TrimSpace(part), " ")
			if !ok {
				continue
			}
			c, err := strconv.Atoi(n)
			if err != nil {
				continue
			}
			ps.ByKind[kind] += c
		}
	}
	return ps, true
}

// Executed is the number of processes that were neither internal nor
// answered by a cache.
func (p ProcessSummary) Executed() int {
	n := 0
	for kind, c := range p.ByKind {
		if kind != "internal" && !strings.Contains(kind, "cache hit") {
			n += c
		}
	}
	return n
}
