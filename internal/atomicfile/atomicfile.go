// Package atomicfile writes output files so that a reader (a Bazel action,
// a user's editor, the next run) never sees a partial file: the data goes to
// a temporary file in the same directory, which is then renamed over the
// destination. If anything fails, the destination keeps its old content and
// the temporary file is removed.
package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
)

// Write writes data to path with permission bits perm.
func Write(path string, data []byte, perm os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	// CreateTemp makes the file 0600; the outputs are meant to be read by
	// other users (a shared cache, a lab's control PCs).
	if err := errors.Join(werr, f.Chmod(perm), f.Close()); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
