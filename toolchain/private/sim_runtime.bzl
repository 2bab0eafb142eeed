"""kernel_sim_runtime: builds a simulator runtime with `kernelc simrt`."""

def _kernel_sim_runtime_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".elf")

    # The libraries' repository has the layout simrt expects (see
    # sim_host_deps): libgcc/<multilib>/ and picolibc/{include,lib/<multilib>}/.
    root = ctx.attr.libs.label.workspace_root

    args = ctx.actions.args()
    args.add("simrt")
    args.add("--target", ctx.attr.target)
    args.add("--clang", ctx.file.clang)
    args.add("--lld", ctx.file.lld)
    args.add("--libgcc", root + "/libgcc")
    args.add("--picolibc", root + "/picolibc")
    args.add("-o", out)

    ctx.actions.run(
        executable = ctx.executable.kernelc,
        arguments = [args],
        inputs = depset(
            [ctx.file.clang, ctx.file.lld, ctx.file.llvm_identity],
            transitive = [depset(ctx.files.libs)],
        ),
        outputs = [out],
        mnemonic = "KernelSimRuntime",
        progress_message = "Building the kernel simulator runtime for {}".format(ctx.attr.target),
        use_default_shell_env = False,
        env = {},
    )
    return [DefaultInfo(files = depset([out]))]

kernel_sim_runtime = rule(
    implementation = _kernel_sim_runtime_impl,
    doc = "A simulator runtime: a static rv32 Linux program that loads and runs device ELFs of one target under qemu-riscv32.",
    attrs = {
        "clang": attr.label(default = Label("@artiq_llvm//:clang"), allow_single_file = True, cfg = "exec"),
        "kernelc": attr.label(default = Label("//toolchain:kernelc"), executable = True, cfg = "exec"),
        "libs": attr.label(
            mandatory = True,
            allow_files = True,
            doc = "libgcc and picolibc for the target's multilib, e.g. @artiq_sim_host//:rv32g_libs.",
        ),
        "lld": attr.label(default = Label("@artiq_llvm//:ld.lld"), allow_single_file = True, cfg = "exec"),
        "llvm_identity": attr.label(default = Label("@artiq_llvm//:identity"), allow_single_file = True),
        "target": attr.string(
            mandatory = True,
            values = ["rv32g", "rv32ima"],
            doc = "The device target whose binaries the runtime loads.",
        ),
    },
)
