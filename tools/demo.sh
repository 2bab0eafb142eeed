#!/usr/bin/env bash
# The main job: builds the example lab's device binaries with Bazel and
# simulates one of them, printing what the kernel prints and its RTIO
# timeline.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
tools/setup.sh

bazel build //examples/...
bazel run //examples/experiments:rabi_sim -- --timeline -
