package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/linker/support"
)

// supportArchive returns the kernel support library for t, built on first
// use into the user cache (Bazel builds it with an action instead). The
// cache key covers the sources, the flags and the identity of clang, so a
// changed recipe or tool never reuses an old archive.
func supportArchive(ctx context.Context, t *target.Target, clang string) (string, error) {
	flags, err := support.CompileFlags(t.Name)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	srcs := support.Sources()
	var names []string
	for n := range srcs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(h, "%s %d\n", n, len(srcs[n]))
		h.Write(srcs[n])
	}
	fmt.Fprintf(h, "flags %q\n", flags)
	data, err := os.ReadFile(clang)
	if err != nil {
		return "", fmt.Errorf("support library: %v", err)
	}
	sum := sha256.Sum256(data)
	h.Write(sum[:])
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(cache, "rules_artiq")
	out := filepath.Join(dir, "support-"+t.Name+"-"+hex.EncodeToString(h.Sum(nil))[:16]+".a")
	if _, err := os.Stat(out); err == nil {
		return out, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	// support.Build writes atomically, so racing runs are safe.
	if err := support.Build(ctx, support.Tools{Clang: clang}, t.Name, out); err != nil {
		return "", fmt.Errorf("building the kernel support library: %v", err)
	}
	return out, nil
}
