"""kernel_test: runs a device binary in the simulator and checks stdout and the RTIO timeline."""

load("//rules:providers.bzl", "KernelBinaryInfo")
load(":common.bzl", "TOOLCHAIN_TYPE", "kernel_toolchain")
load(":sim_script.bzl", "sh_quote", "write_sim_script")

_BODY = """\
out="${{TEST_TMPDIR:-$(mktemp -d)}}"
"$kernelc" sim --runtime "$runtime" --qemu "$qemu" --tables "$tables" ${{host[@]+"${{host[@]}}"}} --timeline "$out/timeline.csv" {inputs}{datasets}"$elf" >"$out/stdout"
status=$?
if [[ $status -ne {exit_code} ]]; then
  echo "kernel_test: kernelc sim exited with status $status, expected {exit_code}; its stdout:" >&2
  cat "$out/stdout" >&2
  exit 1
fi
failed=0
{checks}
exit $failed
"""

_CHECK = """\
if ! diff -u --label {expected_label} --label {actual_label} "$runfiles/"{expected} "$out/"{actual}; then
  echo "kernel_test: {what} differs from {expected_label}" >&2
  failed=1
fi
"""

def _check(expected, actual, what):
    return _CHECK.format(
        expected = sh_quote(expected.short_path),
        expected_label = sh_quote(expected.short_path),
        actual = sh_quote(actual),
        actual_label = sh_quote("actual " + what),
        what = what,
    )

def _kernel_test_impl(ctx):
    tc = kernel_toolchain(ctx)
    binary = ctx.attr.binary[KernelBinaryInfo]
    checks = []
    expected = []
    if ctx.file.expected_output:
        checks.append(_check(ctx.file.expected_output, "stdout", "output"))
        expected.append(ctx.file.expected_output)
    if ctx.file.expected_timeline:
        checks.append(_check(ctx.file.expected_timeline, "timeline.csv", "timeline"))
        expected.append(ctx.file.expected_timeline)
    datasets = ""
    if ctx.file.expected_datasets:
        if not binary.host:
            fail("expected_datasets needs a kernel_binary with a snapshot (the datasets are the experiment's)", attr = "expected_datasets")
        datasets = "--datasets-out \"$out/datasets.json\" "
        checks.append(_check(ctx.file.expected_datasets, "datasets.json", "datasets"))
        expected.append(ctx.file.expected_datasets)
    inputs = ""
    if ctx.file.input_events:
        inputs = "--inputs \"$runfiles/\"{} ".format(sh_quote(ctx.file.input_events.short_path))
        expected.append(ctx.file.input_events)
    script, runfiles = write_sim_script(
        ctx,
        tc,
        binary,
        "kernel_test",
        _BODY.format(exit_code = ctx.attr.expected_exit_code, checks = "\n".join(checks), inputs = inputs, datasets = datasets),
        extra_files = expected,
    )
    return [DefaultInfo(executable = script, runfiles = runfiles)]

kernel_test = rule(
    implementation = _kernel_test_impl,
    doc = """Runs a kernel_binary in the simulator (qemu-riscv32 + the runtime).

Passes when `kernelc sim` exits with expected_exit_code and its stdout, its
RTIO timeline (CSV: time_mu,channel,address,data) and, with
expected_datasets, the datasets the experiment set equal the expected
files byte for byte; prints a unified diff otherwise.""",
    attrs = {
        "binary": attr.label(
            mandatory = True,
            providers = [KernelBinaryInfo],
            doc = "The kernel_binary to run.",
        ),
        "expected_datasets": attr.label(
            allow_single_file = [".json"],
            doc = "The datasets the experiment sets (set_dataset, append_to_dataset, mutate_dataset; in build() or from its kernels), exactly: JSON with sorted keys and two-space indentation, as `kernelc sim --datasets-out` writes it. Needs a binary with a snapshot.",
        ),
        "expected_exit_code": attr.int(
            default = 0,
            doc = "0: success; 1: an uncaught kernel exception or a failed assert.",
        ),
        "expected_output": attr.label(
            allow_single_file = True,
            doc = "What the kernel prints, exactly.",
        ),
        "expected_timeline": attr.label(
            allow_single_file = True,
            doc = "The RTIO timeline, exactly: CSV with the header time_mu,channel,address,data.",
        ),
        "input_events": attr.label(
            allow_single_file = [".csv"],
            doc = "RTIO input events the kernel sees (`kernelc sim --inputs`): CSV with the header time_mu,channel,data; TTL edges register when the channel's gate lets them through (simulator/inputs.go).",
        ),
    },
    test = True,
    toolchains = [TOOLCHAIN_TYPE],
)
