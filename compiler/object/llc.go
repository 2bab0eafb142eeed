package object

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/rules-artiq/rules_artiq/compiler/target"
)

// LLCArgs is the llc command line (without the tool) that RunLLC uses to
// compile IR on stdin to the object out for t. It is exported so that a
// cache-key explanation can show exactly what runs.
func LLCArgs(t *target.Target, out string) []string {
	args := []string{"-filetype=obj", "-relocation-model=pic", "-O2"}
	args = append(args, t.LLCArgs()...)
	// IR comes from stdin so that no input path can end up in the object;
	// the module's source_filename is what names it.
	return append(args, "-o", out, "-")
}

// RunLLC compiles irText (textual LLVM IR) to the position-independent
// object out for target t with the llc at llcPath. The object is written
// next to out and renamed into place; on failure out is removed.
func RunLLC(ctx context.Context, llcPath string, t *target.Target, irText []byte, out string) (err error) {
	defer func() {
		if err != nil {
			os.Remove(out)
		}
	}()
	f, err := os.CreateTemp(filepath.Dir(out), ".llc-*.o")
	if err != nil {
		return err
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp) // a no-op after the rename
	if err := run(ctx, llcPath, LLCArgs(t, tmp), irText); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}

// run runs a tool with stdin and returns a *ToolError carrying its
// stderr when it fails.
func run(ctx context.Context, tool string, args []string, stdin []byte) error {
	cmd := exec.CommandContext(ctx, tool, args...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stderr bytes.Buffer
	cmd.Stdout = io.Discard
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return &ToolError{Tool: tool, Stderr: stderr.String(), Err: err}
	}
	return nil
}
