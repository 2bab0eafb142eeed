"""The kernel toolchain: compiler, linker, LLVM tools and the target they build for."""

TARGETS = ["rv32g", "rv32ima", "cortexa9"]

def _kernel_toolchain_impl(ctx):
    kernelc = ctx.attr.kernelc[DefaultInfo]
    kernelld = ctx.attr.kernelld[DefaultInfo]
    return [platform_common.ToolchainInfo(
        # The core-device CPU, passed to the Go tools as --target; they know
        # the triple, features and ABI from the name.
        target = ctx.attr.target,
        kernelc = kernelc.files_to_run,
        kernelc_runfiles = kernelc.default_runfiles,
        kernelld = kernelld.files_to_run,
        llc = ctx.file.llc,
        lld = ctx.file.lld,
        clang = ctx.file.clang,
        # In every compile and link action, so the LLVM version and the tool
        # binaries' identity are part of every action key.
        llvm_identity = ctx.file.llvm_identity,
        # Linked into every device binary (float printing, kernel heap).
        support_lib = ctx.file.support_lib,
        # None on boards the simulator cannot run.
        sim_runtime = ctx.file.sim_runtime,
        qemu = ctx.file.qemu,
    )]

kernel_toolchain = rule(
    implementation = _kernel_toolchain_impl,
    doc = """Declares the tools that compile and link kernels for one core-device target.

Use it through `toolchain()` with the toolchain type
`@rules_artiq//toolchain:toolchain_type`. Rules read it as
`ctx.toolchains[...]`, a ToolchainInfo with the fields: target (string),
kernelc, kernelld (FilesToRunProvider), kernelc_runfiles, llc, lld, clang, llvm_identity, support_lib (File), sim_runtime, qemu (File or None).""",
    attrs = {
        "clang": attr.label(
            mandatory = True,
            allow_single_file = True,
            executable = True,
            cfg = "exec",
            doc = "clang, for the simulator runtime.",
        ),
        "kernelc": attr.label(mandatory = True, executable = True, cfg = "exec"),
        "kernelld": attr.label(mandatory = True, executable = True, cfg = "exec"),
        "llc": attr.label(mandatory = True, allow_single_file = True, executable = True, cfg = "exec"),
        "lld": attr.label(
            mandatory = True,
            allow_single_file = True,
            executable = True,
            cfg = "exec",
            doc = "ld.lld; the file must be named ld.lld, lld picks its flavour from argv[0].",
        ),
        "llvm_identity": attr.label(
            mandatory = True,
            allow_single_file = True,
            doc = "A file that names the LLVM version and the tool binaries' hashes.",
        ),
        "qemu": attr.label(
            allow_single_file = True,
            executable = True,
            cfg = "exec",
            doc = "qemu-riscv32, for kernel_test; unset where the board cannot be simulated.",
        ),
        "sim_runtime": attr.label(
            allow_single_file = True,
            cfg = "exec",
            doc = "The simulator runtime program; unset where the board cannot be simulated.",
        ),
        "support_lib": attr.label(
            mandatory = True,
            allow_single_file = True,
            doc = "The kernel support library for the target (kernel_support_library).",
        ),
        "target": attr.string(mandatory = True, values = TARGETS),
    },
)
