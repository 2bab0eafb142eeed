#!/usr/bin/env bash
# Runs every test of rules_artiq: Go unit, differential and integration
# tests, then the Bazel tests (analysis tests and the examples' simulated
# timelines).
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
tools/setup.sh

echo "== go vet" >&2
go vet ./...
echo "== go test" >&2
go test -count=1 -timeout 45m ./...
echo "== bazel test //..." >&2
bazel test //...
