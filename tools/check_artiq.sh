#!/usr/bin/env bash
# Builds and simulates a lab's experiments against an installed ARTIQ:
# TTL pulses with gated counting, a DDS (Urukul CPLD + AD9910) programmed
# over SPI, and gated counting that records datasets and calls host methods
# from its kernel (method RPCs, answered by the experiment built in
# Python). The lab (tests/artiq_real/lab: device_db.py, the experiments,
# their BUILD file and the expected output) goes into a temporary Bazel
# workspace whose @artiq is `artiq_sources(path = ARTIQ)`: ARTIQ's own
# driver modules, as installed, compiled by rules_artiq. Nothing of ARTIQ is
# copied into this repository.
#
#   tools/check_artiq.sh [options] ARTIQ
#
# ARTIQ is the directory that holds the artiq package (site-packages), or
# the artiq/ directory itself.
#
#   --expected DIR   expected output, timelines and datasets
#                    (ttl_pulses.stdout, ttl_pulses.timeline.csv,
#                    dds.timeline.csv, rpc_counting.*); default
#                    tests/artiq_real/lab/expected/real (real7, protorev9:
#                    the other sets of ARTIQ sources that
#                    rules/artiq_sources.md names). With
#                    --expected none the experiments are built and
#                    simulated, and their timelines printed, but not compared.
#   --keep           keep the temporary workspace (its path is printed)
#
# Exit status: 0 when the experiments build and their simulations match
# the expected files; non-zero otherwise (Bazel's diagnostics say which).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
source "$repo/tools/env.sh"

expected="$repo/tests/artiq_real/lab/expected/real"
keep=0
artiq=""
while (($#)); do
  case "$1" in
    --expected) expected="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    -*) echo "check_artiq: unknown option $1" >&2; exit 2 ;;
    *) artiq="$1"; shift ;;
  esac
done
if [ -z "$artiq" ]; then
  echo "usage: tools/check_artiq.sh [--expected DIR|none] [--keep] PATH/TO/site-packages" >&2
  exit 2
fi
artiq="$(cd "$artiq" && pwd)"
if [ -f "$artiq/coredevice/ttl.py" ] && [ "$(basename "$artiq")" = artiq ]; then
  artiq="$(dirname "$artiq")"
fi
for f in artiq/coredevice/core.py artiq/coredevice/ttl.py artiq/coredevice/spi2.py \
         artiq/coredevice/urukul.py artiq/coredevice/ad9910.py; do
  if [ ! -f "$artiq/$f" ]; then
    echo "check_artiq: $artiq has no $f (give the directory that holds artiq/)" >&2
    exit 2
  fi
done

"$repo/tools/setup.sh" >&2

ws="$(mktemp -d "${TMPDIR:-/tmp}/check_artiq.XXXXXX")"
bazel_root="$ws.bazel"
cleanup() {
  (cd "$ws" && bazel --output_user_root="$bazel_root" shutdown >/dev/null 2>&1) || true
  if ((keep)); then
    echo "check_artiq: kept the workspace $ws" >&2
  else
    chmod -R u+w "$bazel_root" 2>/dev/null || true
    rm -rf "$ws" "$bazel_root"
  fi
}
trap cleanup EXIT

lab="$repo/tests/artiq_real/lab"
cp "$lab/device_db.py" "$ws/"
mkdir -p "$ws/experiments" "$ws/expected"
cp "$lab"/experiments/*.py "$lab"/experiments/*.csv "$ws/experiments/"
cp "$lab/experiments/BUILD.lab" "$ws/experiments/BUILD.bazel"
# The simulated Urukul CPLD reports the protocol revision the driver
# expects by default: 9 for the urukul.py with ProtoRev8/ProtoRev9
# classes, 8 before.
if grep -q "class ProtoRev9" "$artiq/artiq/coredevice/urukul.py"; then
  cp "$lab/experiments/dds.inputs.protorev9.csv" "$ws/experiments/dds.inputs.csv"
fi
echo 'exports_files(["device_db.py"])' >"$ws/BUILD.bazel"
compare=1
if [ "$expected" = none ]; then
  compare=0
else
  cp "$expected"/ttl_pulses.stdout "$expected"/ttl_pulses.timeline.csv "$expected"/dds.timeline.csv \
    "$expected"/rpc_counting.stdout "$expected"/rpc_counting.timeline.csv "$expected"/rpc_counting.datasets.json "$ws/expected/"
fi
echo 'exports_files(glob(["*"]))' >"$ws/expected/BUILD.bazel"
cat >"$ws/WORKSPACE" <<EOF
workspace(name = "check_artiq")

local_repository(name = "rules_artiq", path = "$repo")

local_repository(name = "remote_coverage_tools", path = "$repo/third_party/remote_coverage_tools")

local_repository(name = "rules_cc", path = "$repo/third_party/rules_cc")

local_repository(name = "rules_java", path = "$repo/third_party/rules_java")

load("@rules_artiq//toolchain:repositories.bzl", "host_skylib", "rules_artiq_dependencies", "rules_artiq_register_toolchains")

host_skylib(name = "bazel_skylib")

rules_artiq_dependencies()

rules_artiq_register_toolchains()

load("@rules_artiq//rules:artiq_sources.bzl", "artiq_sources")

artiq_sources(name = "artiq", path = "$artiq")
EOF
cat >"$ws/.bazelrc" <<'EOF'
build --incompatible_strict_action_env
build --disk_cache=~/.cache/rules_artiq/disk
test --test_output=errors
EOF

cd "$ws"
bz() { bazel --output_user_root="$bazel_root" "$@"; }
if ((compare)); then
  bz build //experiments:all @artiq//...
else
  # Without expected files the tests cannot be analyzed: only the binaries
  # and their simulations.
  bz build //experiments:ttl_pulses_sim //experiments:dds_sim //experiments:rpc_counting_sim @artiq//...
fi
echo "== $(cat "$(bz info output_base 2>/dev/null)/external/artiq/VERSION" 2>/dev/null || true) from $artiq"
echo "== ttl_pulses: output and RTIO timeline"
bz run //experiments:ttl_pulses_sim -- --inputs "$ws/experiments/ttl_pulses.inputs.csv" --timeline - 2>/dev/null
echo "== dds: RTIO timeline"
bz run //experiments:dds_sim -- --inputs "$ws/experiments/dds.inputs.csv" --timeline - 2>/dev/null
echo "== rpc_counting: output, RTIO timeline and datasets"
bz run //experiments:rpc_counting_sim -- --inputs "$ws/experiments/rpc_counting.inputs.csv" --timeline - \
  --datasets-out "$ws/rpc_counting.datasets.json" 2>/dev/null
cat "$ws/rpc_counting.datasets.json"
if ((compare)); then
  bz test //experiments:all
fi
