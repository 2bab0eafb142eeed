package bazeltest

import (
	"bytes"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"regexp"
	"strings"
)

// Needle is a string that must not occur in an output or on a command
// line: an absolute path of one checkout, the user's name, the host's
// name.
type Needle struct {
	// What says what the string is ("workspace path", "user name", ...).
	What string
	Text string
	// Word: match only where the text is not part of a longer name (the
	// bytes either side are not letters, digits, '_', '-' or '.'), so that
	// a user called "ci" is not found inside "circuit". For a path
	// (starting with '/') only the byte after it counts.
	Word bool
}

// genericDirs are absolute paths that every machine has: finding one
// says nothing about where a build ran.
var genericDirs = map[string]bool{
	"/": true, "/tmp": true, "/var": true, "/var/tmp": true, "/usr": true, "/bin": true,
	"/lib": true, "/home": true, "/opt": true, "/etc": true, "/dev": true, "/proc": true,
}

// PathNeedles returns needles for absolute paths (and the paths their
// symbolic links resolve to), leaving out the directories every machine
// has (/, /tmp, /usr, ...). A path matches where it is not followed by
// more of a file name (so "/root" is not found in "/rootfs").
func PathNeedles(what string, paths ...string) []Needle {
	var out []Needle
	seen := map[string]bool{}
	for _, p := range paths {
		if p == "" {
			continue
		}
		cands := []string{p}
		if r, err := filepath.EvalSymlinks(p); err == nil {
			cands = append(cands, r)
		}
		for _, c := range cands {
			c = filepath.Clean(c)
			if seen[c] || genericDirs[c] || !filepath.IsAbs(c) {
				continue
			}
			seen[c] = true
			out = append(out, Needle{What: what, Text: c, Word: true})
		}
	}
	return out
}

// HostNeedles returns needles for the user's name, home directory and the
// host's name. Names shorter than minLen are returned in skipped instead
// (with the reason), because a two-letter host name occurs by chance in
// any binary.
func HostNeedles(minLen int) (needles []Needle, skipped []string) {
	names := map[string]string{}
	if u, err := user.Current(); err == nil {
		names[u.Username] = "user name"
		if u.HomeDir != "" {
			needles = append(needles, PathNeedles("home directory", u.HomeDir)...)
		}
	}
	if u := os.Getenv("USER"); u != "" {
		names[u] = "user name"
	}
	if h, err := os.Hostname(); err == nil && h != "" {
		names[h] = "host name"
		if short, _, ok := strings.Cut(h, "."); ok {
			names[short] = "host name"
		}
	}
	for name, what := range names {
		if len(name) < minLen {
			skipped = append(skipped, fmt.Sprintf("%s %q (shorter than %d bytes: it would match by chance)", what, name, minLen))
			continue
		}
		needles = append(needles, Needle{What: what, Text: name, Word: true})
	}
	return needles, skipped
}

func isNameByte(b byte) bool {
	return b == '_' || b == '-' || b == '.' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// Find returns a description of each needle that occurs in data, with
// the context of its first occurrence.
func Find(data []byte, needles []Needle) []string {
	var found []string
	for _, n := range needles {
		if n.Text == "" {
			continue
		}
		text := []byte(n.Text)
		for from := 0; ; {
			i := bytes.Index(data[from:], text)
			if i < 0 {
				break
			}
			i += from
			end := i + len(text)
			startOK := i == 0 || !isNameByte(data[i-1]) || text[0] == '/'
			endOK := end == len(data) || !isNameByte(data[end])
			if !n.Word || startOK && endOK {
				found = append(found, fmt.Sprintf("%s %q at byte %d: %q", n.What, n.Text, i, excerpt(data, i, end)))
				break
			}
			from = i + 1
		}
	}
	return found
}

func excerpt(data []byte, i, end int) string {
	lo, hi := i-24, end+24
	if lo < 0 {
		lo = 0
	}
	if hi > len(data) {
		hi = len(data)
	}
	return string(data[lo:hi])
}

// absolute matches an absolute path at the start of an argument or after
// '=', ':', ',' or '@' (--flag=/x, a:/x, -Wl,/x, @/params). A Bazel label
// (//pkg:name) is not a path.
var absolute = regexp.MustCompile(`(^|[=:,@])/($|[^/])`)

// AbsoluteArgs returns the arguments of the spawn's command line that
// hold an absolute path.
func AbsoluteArgs(s *Spawn) []string {
	var out []string
	for _, a := range s.CommandArgs {
		if absolute.MatchString(a) {
			out = append(out, a)
		}
	}
	return out
}

// CommandLineLeaks returns the needles found in the spawn's arguments and
// environment values.
func CommandLineLeaks(s *Spawn, needles []Needle) []string {
	var out []string
	for _, a := range s.CommandArgs {
		for _, f := range Find([]byte(a), needles) {
			out = append(out, "argument "+f)
		}
	}
	for _, e := range s.Env {
		for _, f := range Find([]byte(e.Value), needles) {
			out = append(out, "environment "+e.Name+": "+f)
		}
	}
	return out
}
