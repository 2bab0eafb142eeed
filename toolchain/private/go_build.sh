#!/bin/bash
# The GoToolBuild action: builds one Go command of this repository.
#
# usage: go_build.sh GO GOROOT GOMODCACHE MODULE_DIR PACKAGE OUT SRC...
#
# All arguments are execroot-relative; the absolute paths that go needs are
# made here, inside the action, so none reaches the command line (and the
# action key). -trimpath, a fresh GOCACHE and a fixed environment make the
# binary byte-identical at any checkout path.
set -euo pipefail

go="$1" goroot="$2" modcache="$3" moddir="$4" package="$5" out="$6"
shift 6
execroot="$PWD"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/rules_artiq_go.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/tmp" "$scratch/src"

# Copy the sources (SRC...: go.mod, go.sum, *.go, embedded files) and the
# module cache out of the sandbox: their inputs are symlinks there, and
# //go:embed refuses to embed a symlink.
for src in "$@"; do
  rel="${src#"$moddir"/}"
  mkdir -p "$scratch/src/$(dirname "$rel")"
  cp -L "$execroot/$src" "$scratch/src/$rel"
done
cp -RL "$execroot/$modcache" "$scratch/modcache"

export GOROOT="$execroot/$goroot"
export GOMODCACHE="$scratch/modcache"
export GOCACHE="$scratch/cache"
export GOPATH="$scratch/gopath"
export GOTMPDIR="$scratch/tmp"
export HOME="$scratch/home"
# No user config, no toolchain switch, no workspace file, no cgo, no VCS
# stamp, no network.
export GOENV=off GOTOOLCHAIN=local GOWORK=off GO111MODULE=on CGO_ENABLED=0
export GOFLAGS="-mod=readonly -buildvcs=false -modcacherw"
export GOPROXY=off

cd "$scratch/src"
"$execroot/$go" build -trimpath -o "$execroot/$out" "$package"
