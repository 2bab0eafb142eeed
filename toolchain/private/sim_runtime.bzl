"""kernel_sim_runtime: builds the simulator runtime with `kernelc simrt`."""

def _dir_of(files, basename, what, up = 0):
    for f in files:
        if f.basename == basename:
            d = f.dirname
            for _ in range(up):
                d = d.rpartition("/")[0]
            return d
    fail("no {} among the {} files".format(basename, what))

def _kernel_sim_runtime_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".elf")
    libgcc_dir = _dir_of(ctx.files.libgcc, "libgcc.a", "libgcc")

    # --picolibc names the directory holding include/ and lib/.
    picolibc_dir = _dir_of(ctx.files.picolibc, "libc.a", "picolibc", up = 1)

    args = ctx.actions.args()
    args.add("simrt")
    args.add("--clang", ctx.file.clang)
    args.add("--lld", ctx.file.lld)
    args.add("--libgcc", libgcc_dir)
    args.add("--picolibc", picolibc_dir)
    args.add("-o", out)

    ctx.actions.run(
        executable = ctx.executable.kernelc,
        arguments = [args],
        inputs = depset(
            [ctx.file.clang, ctx.file.lld, ctx.file.llvm_identity],
            transitive = [depset(ctx.files.libgcc), depset(ctx.files.picolibc)],
        ),
        outputs = [out],
        mnemonic = "KernelSimRuntime",
        progress_message = "Building the kernel simulator runtime {}".format(ctx.label),
        use_default_shell_env = False,
        env = {},
    )
    return [DefaultInfo(files = depset([out]))]

kernel_sim_runtime = rule(
    implementation = _kernel_sim_runtime_impl,
    doc = "The simulator runtime: a static rv32g Linux program that loads and runs device ELFs under qemu-riscv32.",
    attrs = {
        "clang": attr.label(default = Label("@artiq_llvm//:clang"), allow_single_file = True, cfg = "exec"),
        "kernelc": attr.label(default = Label("//toolchain:kernelc"), executable = True, cfg = "exec"),
        "libgcc": attr.label(
            default = Label("@artiq_sim_host//:libgcc"),
            allow_files = True,
            doc = "The rv32imafdc/ilp32d libgcc (its directory is passed as --libgcc).",
        ),
        "lld": attr.label(default = Label("@artiq_llvm//:ld.lld"), allow_single_file = True, cfg = "exec"),
        "llvm_identity": attr.label(default = Label("@artiq_llvm//:identity"), allow_single_file = True),
        "picolibc": attr.label(
            default = Label("@artiq_sim_host//:picolibc"),
            allow_files = True,
            doc = "picolibc's include/ and lib/ for rv32imafdc/ilp32d.",
        ),
    },
)
