package bazeltest

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// RepoRoot returns the root of the git checkout that holds dir (the
// directory of the running test, usually).
func RepoRoot(dir string) (string, error) {
	cmd := exec.Command("git", "rev-parse", "--show-toplevel")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git rev-parse --show-toplevel in %s: %v: %s", dir, err, stderr.String())
	}
	return strings.TrimSpace(string(out)), nil
}

// RepoFiles lists the files of the checkout at root, slash-separated and
// relative to it, sorted: `git ls-files`, that is the tracked files as
// they are in the working tree (a tracked file deleted from the working
// tree is left out), plus, with untracked, the untracked files that
// .gitignore does not exclude (what `git add -A` would add). Bazel's
// convenience links (bazel-*) are never listed.
func RepoFiles(root string, untracked bool) ([]string, error) {
	args := []string{"ls-files", "-z", "--cached"}
	if untracked {
		args = append(args, "--others", "--exclude-standard")
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-files in %s: %v: %s", root, err, stderr.String())
	}
	seen := map[string]bool{}
	var files []string
	for _, f := range strings.Split(string(out), "\x00") {
		if f == "" || seen[f] || strings.HasPrefix(f, "bazel-") {
			continue
		}
		seen[f] = true
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(f))); os.IsNotExist(err) {
			continue
		} else if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	sort.Strings(files)
	return files, nil
}

// CopyFiles copies files (relative to src, as RepoFiles lists them) to dst:
// regular files byte for byte with their permission bits, symbolic links
// as links with the same target. Nothing in dst links back into src.
func CopyFiles(src, dst string, files []string) error {
	for _, f := range files {
		from := filepath.Join(src, filepath.FromSlash(f))
		to := filepath.Join(dst, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		info, err := os.Lstat(from)
		if err != nil {
			return err
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(from)
			if err != nil {
				return err
			}
			if filepath.IsAbs(target) {
				return fmt.Errorf("%s is a symbolic link to the absolute path %s: a copy would depend on the original checkout", f, target)
			}
			if err := os.Symlink(target, to); err != nil {
				return err
			}
		case info.Mode().IsRegular():
			data, err := os.ReadFile(from)
			if err != nil {
				return err
			}
			if err := os.WriteFile(to, data, info.Mode().Perm()|0o200); err != nil {
				return err
			}
		default:
			// A submodule (a directory in the index) or a special file:
			// nothing a build of this repository reads.
		}
	}
	return nil
}
