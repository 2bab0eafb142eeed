// Package buildfile keeps BUILD files in step with the imports of kernel
// modules: it is the logic behind `kernelc buildgen` (docs/buildgen.md).
//
// Generate scans the kernel modules below a module root, resolves their
// imports to Bazel targets and computes, for every package it covers, the
// BUILD file with one kernel_library per module (and, when asked, one
// kernel_binary per module that defines a `run` kernel). It edits existing
// files with github.com/bazelbuild/buildtools/build, so comments,
// formatting, load statements and targets it does not own survive, and it
// formats its output as buildifier does. Generate writes nothing; the
// caller writes Result.Changes (Result.Write).
//
// The rules, in short (docs/buildgen.md has the long form):
//
//   - A kernel module is a .py file below the module root whose path
//     components are identifiers and which defines @kernel, @portable or
//     @syscall functions, or is listed in the srcs of a kernel_library, or
//     is imported by a kernel module. __init__.py files are skipped.
//   - Its module path is its path below the module root, '/' as '.',
//     without ".py". Its target is the kernel_library that lists it in
//     srcs; a new one is named after the file ("ttl" for ttl.py), or
//     "<base>_lib" when the module defines a `run` kernel, so that "<base>"
//     is free for its kernel_binary.
//   - Imports resolve, first match wins: an exact `resolve` mapping (flag or
//     directive); a module of the workspace; the longest `resolve` prefix
//     mapping ("lab.drivers.*"); a built-in module (artiq, numpy, math and
//     `builtin` directives), which needs no dep. A module provided by more
//     than one target resolves to the nearest one (same package, then the
//     package of the module's file, then the fewest directory steps, then
//     the smallest label) with a warning.
//   - `# keep` on a rule leaves the rule alone; on an attribute, that
//     attribute; on an element of deps, that element.
package buildfile
