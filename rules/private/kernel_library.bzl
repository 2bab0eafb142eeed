"""kernel_library: one KernelCompile action per kernel module."""

load("//rules:providers.bzl", "KernelModuleInfo")
load(":common.bzl", "TOOLCHAIN_TYPE", "check_unique_modules", "kernel_toolchain", "module_record")

def _normalize(path):
    """Resolves `.` and `..` in a repository-relative path."""
    parts = []
    for p in path.split("/"):
        if p in ("", "."):
            continue
        if p == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(p)
    return "/".join(parts)

def _import_roots(ctx):
    if not ctx.attr.imports:
        return [""]
    roots = []
    for imp in ctx.attr.imports:
        if imp.startswith("/"):
            fail("imports must be relative to the package, got {}".format(imp), attr = "imports")
        root = _normalize(ctx.label.package + "/" + imp)
        if root == None:
            fail("import {} leaves the repository".format(imp), attr = "imports")
        roots.append(root)
    return roots

def _repo_relative(f):
    """The path of f within its repository, for source and generated files alike."""
    if f.short_path.startswith("../"):
        return f.short_path.split("/", 2)[2]
    return f.short_path

def _is_identifier(s):
    if not s or not (s[0].isalpha() or s[0] == "_"):
        return False
    for c in s.elems():
        if not (c.isalnum() or c == "_"):
            return False
    return True

def module_path(src, roots):
    """Names the module of a source file.

    Args:
      src: the source File.
      roots: import roots, repository-relative ("" is the repository root).

    Returns:
      The module path of src under the longest matching root (`lib.pulses`
      for lib/pulses.py), or None when no root holds it.
    """
    path = _repo_relative(src)
    best = None
    for root in roots:
        prefix = root + "/" if root else ""
        if path.startswith(prefix) and (best == None or len(root) > len(best)):
            best = root
    if best == None:
        return None
    rel = path[len(best) + 1:] if best else path
    if not rel.endswith(".py"):
        return None
    return rel[:-len(".py")].replace("/", ".")

def _iface_flag(record):
    return "{}={}".format(record.module, record.iface.path)

def _kernel_library_impl(ctx):
    tc = kernel_toolchain(ctx)
    roots = _import_roots(ctx)
    infos = [d[KernelModuleInfo] for d in ctx.attr.deps]
    dep_modules = depset(transitive = [i.transitive_modules for i in infos])
    dep_ifaces = depset(transitive = [i.transitive_ifaces for i in infos])
    check_unique_modules(dep_modules.to_list(), ctx.label)

    # A module may import the modules of its direct deps (strict deps):
    # its compile reads their interfaces only, so a signature change of a
    # module recompiles its direct importers and nothing further.
    visible = [r for i in infos for r in i.modules]

    own = []
    for src in ctx.files.srcs:
        module = module_path(src, roots)
        if module == None or not all([_is_identifier(p) for p in module.split(".")]):
            fail("cannot name a kernel module for {} under the import roots [{}]: every path component below the root must be a Python identifier".format(
                src.short_path,
                ", ".join(["//" + r for r in roots]),
            ), attr = "srcs")
        for r in visible + own:
            if r.module == module:
                fail("kernel module {} ({}) is also provided by {}".format(module, src.short_path, r.iface.owner), attr = "srcs")

        # Outputs are grouped per target so that two libraries in one
        # package never collide.
        archive = ctx.actions.declare_file("{}/{}.a".format(ctx.label.name, module))
        iface = ctx.actions.declare_file("{}/{}.iface".format(ctx.label.name, module))

        args = ctx.actions.args()
        args.add("compile")
        args.add("--module", module)
        args.add("--target", tc.target)

        # Every module this one may import: the direct deps' modules, and
        # the modules of this library listed before it in srcs.
        args.add_all(visible + own, map_each = _iface_flag, before_each = "--iface")
        args.add("--llc", tc.llc)
        args.add("--out-archive", archive)
        args.add("--out-iface", iface)
        args.add(src)

        ctx.actions.run(
            executable = tc.kernelc,
            arguments = [args],
            # Interfaces only: a dependency's body edit leaves its interface
            # unchanged, and then this action is a cache hit.
            inputs = [src, tc.llc, tc.llvm_identity] + [r.iface for r in own + visible] + ctx.files.compile_data,
            outputs = [archive, iface],
            mnemonic = "KernelCompile",
            progress_message = "Compiling kernel module {}".format(module),
            use_default_shell_env = False,
            env = {},
        )
        own.append(module_record(
            module,
            iface,
            archive,
            src = src,
            deps = depset(list(own), transitive = [dep_modules]),
            host = ctx.attr.host_objects,
            data = ctx.files.compile_data,
        ))

    transitive_modules = depset(own, transitive = [dep_modules])
    return [
        DefaultInfo(files = depset([r.archive for r in own] + [r.iface for r in own])),
        KernelModuleInfo(
            modules = own,
            transitive_modules = transitive_modules,
            transitive_ifaces = depset([r.iface for r in own], transitive = [dep_ifaces]),
            transitive_archives = depset(
                [r.archive for r in own],
                transitive = [i.transitive_archives for i in infos],
            ),
        ),
        OutputGroupInfo(
            archives = depset([r.archive for r in own]),
            ifaces = depset([r.iface for r in own]),
        ),
    ]

kernel_library = rule(
    implementation = _kernel_library_impl,
    doc = """Kernel modules: each source file is one module and one KernelCompile action.

The module path of a source is its path below an import root with `/` as
`.` and without `.py`: `examples/lib/pulses.py` under the root `examples`
is `lib.pulses`. A module may import the modules of `deps` (transitively)
and the modules listed before it in `srcs`.""",
    attrs = {
        "compile_data": attr.label_list(
            allow_files = True,
            doc = """Files that are inputs of every compile of these modules (here and in binaries), so part of their action keys, e.g. the version of the installation the sources come from (artiq_sources' VERSION).""",
        ),
        "deps": attr.label_list(
            providers = [KernelModuleInfo],
            doc = "kernel_library targets whose modules these sources import.",
        ),
        "host_objects": attr.bool(
            doc = """The modules define host classes (device drivers, experiments) or use host objects.

A kernel_binary with a snapshot compiles them against their slice of it (and
recompiles the modules that import them); here they compile without one, and
their host classes' methods are left out.""",
        ),
        "imports": attr.string_list(
            doc = "Import roots, relative to this package (like py_library); default: the repository root.",
        ),
        "srcs": attr.label_list(
            allow_files = [".py"],
            mandatory = True,
            doc = "Kernel sources, one module each.",
        ),
    },
    provides = [KernelModuleInfo],
    toolchains = [TOOLCHAIN_TYPE],
)
