"""kernel_support_library: builds the kernel support library with `kernelc supportlib`."""

def _kernel_support_library_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".a")
    args = ctx.actions.args()
    args.add("supportlib")
    args.add("--target", ctx.attr.target)
    args.add("--clang", ctx.file.clang)
    args.add("-o", out)
    ctx.actions.run(
        executable = ctx.executable.kernelc,
        arguments = [args],
        inputs = [ctx.file.clang, ctx.file.llvm_identity],
        outputs = [out],
        mnemonic = "KernelSupportLibrary",
        progress_message = "Building the kernel support library for {}".format(ctx.attr.target),
        use_default_shell_env = False,
        env = {},
    )
    return [DefaultInfo(files = depset([out]))]

kernel_support_library = rule(
    implementation = _kernel_support_library_impl,
    doc = "The kernel support library linked into every device binary of one target: Python's float repr for print() and the kernel heap.",
    attrs = {
        "clang": attr.label(default = Label("@artiq_llvm//:clang"), allow_single_file = True, cfg = "exec"),
        "kernelc": attr.label(default = Label("//toolchain:kernelc"), executable = True, cfg = "exec"),
        "llvm_identity": attr.label(default = Label("@artiq_llvm//:identity"), allow_single_file = True),
        "target": attr.string(mandatory = True, values = ["rv32g", "rv32ima", "cortexa9"]),
    },
)
