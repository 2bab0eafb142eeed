package main

import (
	"context"

	"github.com/rules-artiq/rules_artiq/compiler/target"
)

// supportArchive returns the kernel support library for t, built on first
// use; "" while no support library exists for t.
func supportArchive(ctx context.Context, t *target.Target) (string, error) {
	return "", nil
}
