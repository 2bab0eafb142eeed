"""kernel_binary: one KernelLink action from all transitive archives to the device ELF."""

load("//rules:providers.bzl", "HostSnapshotInfo", "KernelBinaryInfo", "KernelModuleInfo")
load(":common.bzl", "TOOLCHAIN_TYPE", "check_unique_modules", "kernel_toolchain")
load(":host.bzl", "host_modules")

def _kernel_binary_impl(ctx):
    tc = kernel_toolchain(ctx)
    modules = check_unique_modules(
        depset(transitive = [d[KernelModuleInfo].transitive_modules for d in ctx.attr.deps]).to_list(),
        ctx.label,
    )

    snap = ctx.attr.snapshot[HostSnapshotInfo] if ctx.attr.snapshot else None
    if snap:
        # Modules that use host objects compile against their slices (host.bzl).
        modules = host_modules(ctx, tc, modules, snap.snapshot)
    entry = ctx.attr.entry or (snap.entry if snap else "")
    entry_module = entry.rpartition(".")[0]
    if snap:
        # module.Class.method: the longest module that prefixes it.
        entry_module = ([""] + sorted([r.module for r in modules if entry.startswith(r.module + ".")], key = len))[-1]
    if not entry_module or entry_module not in [r.module for r in modules]:
        fail("entry {} must be `module.function` with the module among the deps' modules: {}".format(
            entry,
            ", ".join([r.module for r in modules]) or "(none)",
        ), attr = "entry")

    elf = ctx.actions.declare_file(ctx.label.name + ".elf")
    tables = ctx.actions.declare_file(ctx.label.name + ".tables.json")
    archives = [r.archive for r in modules]

    args = ctx.actions.args()
    args.add("--target", tc.target)
    args.add("--entry", entry)
    args.add("--llc", tc.llc)
    args.add("--lld", tc.lld)
    args.add("--tables", tables)
    args.add("--support", tc.support_lib)
    link_inputs = []
    if snap:
        args.add("--snapshot", snap.snapshot)
        link_inputs.append(snap.snapshot)
    args.add("-o", elf)

    # Sorted by module path (check_unique_modules), so reordering deps does
    # not change the link's key.
    args.add_all(archives)

    ctx.actions.run(
        executable = tc.kernelld,
        arguments = [args],
        inputs = depset(archives + [tc.llc, tc.lld, tc.llvm_identity, tc.support_lib] + link_inputs),
        outputs = [elf, tables],
        mnemonic = "KernelLink",
        progress_message = "Linking kernel binary {} ({})".format(ctx.label, tc.target),
        use_default_shell_env = False,
        env = {},
    )
    return [
        DefaultInfo(files = depset([elf, tables])),
        KernelBinaryInfo(elf = elf, tables = tables, target = tc.target, entry = entry, host = snap),
    ]

kernel_binary = rule(
    implementation = _kernel_binary_impl,
    doc = """A device binary: links the archives of deps (transitively) into NAME.elf.

Also writes NAME.tables.json, the host-side tables (RPC services, object
ids, exception names) that go next to the ELF.""",
    attrs = {
        "deps": attr.label_list(
            providers = [KernelModuleInfo],
            mandatory = True,
            doc = "kernel_library targets; the link takes every module they reach.",
        ),
        "entry": attr.string(
            doc = "The kernel function the device runs, `module.function`, e.g. `experiments.rabi.run`; with a snapshot, a method `module.Class.method` (default: the snapshot's entry).",
        ),
        "snapshot": attr.label(
            providers = [HostSnapshotInfo],
            doc = """A kernel_snapshot: the entry runs on its entry object, the link adds the data
object of its host objects, and modules with host_objects compile against
their slices of it in this binary's graph (rules/private/host.bzl).""",
        ),
    },
    provides = [KernelBinaryInfo],
    toolchains = [TOOLCHAIN_TYPE],
)
