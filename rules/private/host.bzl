"""The binary-side compiles of modules that use host objects (kernel_binary(snapshot = ...)).

A kernel_library's KernelCompile is shared by every binary that uses the
library, so it cannot depend on any one binary's snapshot. The modules that
use host objects (kernel_library(host_objects = True): device drivers,
experiments) are therefore compiled again in the graph of each binary that
has a snapshot:

  * KernelSlice (`kernelc slice`): the uses pass over the module's kernel
    code against the whole snapshot; it writes the module's slice, which
    holds the types of the host attributes the module reads, the class
    layouts it needs and the values of exactly the invariants it folds.
    A value change that the module does not fold leaves the slice
    byte-identical, so the compile below is an action cache hit.
  * KernelCompile with `--slice`: the module's archive and interface.

A module that imports a recompiled module (directly or not) is compiled
again too, without a slice, against the binary's interfaces (its action key
is the same in every binary whose slices agree, so it is shared through the
cache). Every other module keeps its library's archive: KernelCompile
without a slice, shared by all binaries.
"""

def _iface_flag(record):
    return "{}={}".format(record.module, record.iface.path)

def _deps(record):
    return record.deps.to_list() if record.deps != None else []

def host_modules(ctx, tc, modules, snapshot):
    """Recompiles the modules of a binary that need its snapshot.

    Args:
      ctx: the kernel_binary's context.
      tc: the kernel toolchain.
      modules: the binary's module records, sorted by module path.
      snapshot: the snapshot File.

    Returns:
      The module records to link, sorted by module path.
    """

    # Dependency order: a module after every module it may import.
    order = []
    placed = {}
    remaining = modules
    for _ in range(len(modules) + 1):
        if not remaining:
            break
        rest = []
        for r in remaining:
            if all([d.module in placed for d in _deps(r)]):
                order.append(r)
                placed[r.module] = True
            else:
                rest.append(r)
        remaining = rest
    if remaining:
        fail("kernel modules import each other in a cycle: {}".format(", ".join([r.module for r in remaining])))

    out = {}
    rebuilt = {}
    for r in order:
        deps = [out[d.module] for d in _deps(r)]
        if not r.host and not [d for d in deps if d.module in rebuilt]:
            out[r.module] = r
            continue
        rebuilt[r.module] = True
        if r.src == None:
            fail("kernel module {} cannot be recompiled against the snapshot: its record has no source".format(r.module))
        prefix = "{}.host/{}".format(ctx.label.name, r.module)
        archive = ctx.actions.declare_file(prefix + ".a")
        iface = ctx.actions.declare_file(prefix + ".iface")
        dep_ifaces = [d.iface for d in deps]
        slice_inputs = []

        if r.host:
            slice_file = ctx.actions.declare_file(prefix + ".slice")
            args = ctx.actions.args()
            args.add("slice")
            args.add("--module", r.module)
            args.add("--snapshot", snapshot)
            args.add_all(sorted(deps, key = _module_key), map_each = _iface_flag, before_each = "--iface")
            args.add("-o", slice_file)
            args.add(r.src)
            ctx.actions.run(
                executable = tc.kernelc,
                arguments = [args],
                inputs = depset([r.src, snapshot] + dep_ifaces, transitive = [r.data]),
                outputs = [slice_file],
                mnemonic = "KernelSlice",
                progress_message = "Slicing the snapshot for kernel module {}".format(r.module),
                use_default_shell_env = False,
                env = {},
            )
            slice_inputs = [slice_file]

        args = ctx.actions.args()
        args.add("compile")
        args.add("--module", r.module)
        args.add("--target", tc.target)
        args.add_all(sorted(deps, key = _module_key), map_each = _iface_flag, before_each = "--iface")
        for s in slice_inputs:
            args.add("--slice", s)
        args.add("--llc", tc.llc)
        args.add("--out-archive", archive)
        args.add("--out-iface", iface)
        args.add(r.src)
        ctx.actions.run(
            executable = tc.kernelc,
            arguments = [args],
            inputs = depset([r.src, tc.llc, tc.llvm_identity] + dep_ifaces + slice_inputs, transitive = [r.data]),
            outputs = [archive, iface],
            mnemonic = "KernelCompile",
            progress_message = "Compiling kernel module {} against {}".format(r.module, snapshot.short_path),
            use_default_shell_env = False,
            env = {},
        )
        out[r.module] = struct(
            module = r.module,
            iface = iface,
            archive = archive,
            src = r.src,
            deps = depset(deps),
            host = r.host,
            data = r.data,
        )
    return [out[m] for m in sorted(out.keys())]

def _module_key(record):
    return record.module
