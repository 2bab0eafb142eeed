"""kernel_sim: `bazel run` a device binary in the simulator."""

load("//rules:providers.bzl", "KernelBinaryInfo")
load(":common.bzl", "TOOLCHAIN_TYPE", "kernel_toolchain")
load(":sim_script.bzl", "write_sim_script")

# Relative paths in the user's arguments (--timeline out.csv) are meant
# from where `bazel run` was called, not from the runfiles tree.
_BODY = """\
cd "${BUILD_WORKING_DIRECTORY:-.}"
exec "$kernelc" sim --runtime "$runtime" --qemu "$qemu" --tables "$tables" ${host[@]+"${host[@]}"} "$@" "$elf"
"""

def _kernel_sim_impl(ctx):
    script, runfiles = write_sim_script(
        ctx,
        kernel_toolchain(ctx),
        ctx.attr.binary[KernelBinaryInfo],
        "kernel_sim",
        _BODY,
    )
    return [DefaultInfo(executable = script, runfiles = runfiles)]

kernel_sim = rule(
    implementation = _kernel_sim_impl,
    doc = """`bazel run` target that runs a kernel_binary in the simulator.

Arguments after `--` go to `kernelc sim`, e.g.
`bazel run //examples/experiments:rabi_sim -- --timeline rabi.vcd`, or
`-- --datasets-out datasets.json` for the datasets the experiment sets
(with a snapshot, the RPC host builds the experiment in Python to answer
its kernels' method RPCs).""",
    attrs = {
        "binary": attr.label(
            mandatory = True,
            providers = [KernelBinaryInfo],
            doc = "The kernel_binary to run.",
        ),
    },
    executable = True,
    toolchains = [TOOLCHAIN_TYPE],
)
