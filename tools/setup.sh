#!/usr/bin/env bash
# Installs what rules_artiq needs on a fresh Debian 12 machine: Bazel,
# LLVM 14, the RISC-V libraries and qemu for the simulator, and the Go
# modules pinned by go.sum. Safe to run again: it only installs what is
# missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  bazel-bootstrap      # Bazel 4.2.3
  bazel-skylib         # analysistest, for the rules' analysis tests
  llvm-14 lld-14 clang-14
  qemu-user            # qemu-riscv32 runs the simulator
  gcc-riscv64-unknown-elf        # rv32 libgcc: 64-bit and soft-float helpers, unwinder
  picolibc-riscv64-unknown-elf   # rv32 libc/libm for the simulator runtime
  python3              # the differential tests' oracle
  python3-numpy        # ... for NumPy-style arrays (Debian's python3 at /usr/bin)
  ca-certificates git
)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Go: the project needs Go >= 1.24 (go.mod). Debian 12's golang is older;
# use the toolchain at /usr/local/go when PATH has none.
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  export PATH="/usr/local/go/bin:$PATH"
fi
if ! command -v go >/dev/null 2>&1; then
  echo "setup: Go >= 1.24 is required (https://go.dev/doc/install); put it on PATH" >&2
  exit 1
fi
export GOTOOLCHAIN=local
go mod download
