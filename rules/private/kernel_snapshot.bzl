"""kernel_snapshot: one KernelSnapshot action that freezes an experiment's host values."""

load("//rules:providers.bzl", "HostSnapshotInfo", "KernelModuleInfo")
load(":common.bzl", "TOOLCHAIN_TYPE", "kernel_toolchain")

def _normalize(path):
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

def _exec_root(f, repo_relative_root):
    """The execroot-relative directory of a repository-relative root of f's repository."""
    base = f.root.path
    if f.owner and f.owner.workspace_root:
        base = (base + "/" if base else "") + f.owner.workspace_root
    if not repo_relative_root:
        return base or "."
    return (base + "/" if base else "") + repo_relative_root

def _record_root(record, short = False):
    """The import root (execroot-relative, or runfiles-relative) of a module record's source."""
    rel = record.module.replace(".", "/") + ".py"
    path = record.src.short_path if short else record.src.path
    if not path.endswith(rel):
        fail("cannot find the import root of {} from {}".format(record.module, path))
    return path[:-len(rel)].rstrip("/") or "."

def _kernel_snapshot_impl(ctx):
    tc = kernel_toolchain(ctx)
    file_part, sep, target = ctx.attr.experiment.partition(":")
    if not sep or not file_part.endswith(".py") or not target:
        fail("experiment must be `FILE.py:Class[.method]`, got {}".format(ctx.attr.experiment), attr = "experiment")
    candidates = [f for f in ctx.files.srcs if f.short_path == file_part or f.short_path.endswith("/" + file_part)]
    if len(candidates) != 1:
        fail("experiment file {} must be exactly one of srcs (found {})".format(file_part, len(candidates)), attr = "experiment")
    exp = candidates[0]

    roots = []
    for imp in ctx.attr.imports or ["."]:
        root = _normalize(ctx.label.package + "/" + imp)
        if root == None:
            fail("import {} leaves the repository".format(imp), attr = "imports")
        roots.append(_exec_root(exp, root))
    records = depset(transitive = [d[KernelModuleInfo].transitive_modules for d in ctx.attr.deps]).to_list()
    dep_srcs = []
    host_roots = []
    for r in records:
        dep_srcs.extend(r.data.to_list() if hasattr(r, "data") else [])  # e.g. artiq_sources' VERSION
        if r.src == None:
            continue
        dep_srcs.append(r.src)
        root = _record_root(r)
        if root not in roots:
            roots.append(root)
        short_root = _record_root(r, short = True)
        if short_root not in host_roots:
            host_roots.append(short_root)

    module = ctx.attr.module
    if not module:
        best = None
        for root in roots:
            prefix = "" if root == "." else root + "/"
            if exp.path.startswith(prefix) and (best == None or len(prefix) > len(best)):
                best = prefix
        if best == None:
            fail("cannot name the module of {} under the import roots {}; set module".format(exp.path, roots), attr = "module")
        module = exp.path[len(best):-len(".py")].replace("/", ".")

    # The experiment's import root in the runfiles tree, first.
    exp_rel = module.replace(".", "/") + ".py"
    if exp.short_path.endswith(exp_rel):
        host_roots.insert(0, exp.short_path[:-len(exp_rel)].rstrip("/") or ".")

    class_name, _, method = target.partition(".")
    out = ctx.actions.declare_file(ctx.label.name + ".snap")
    args = ctx.actions.args()
    args.add("snapshot")
    args.add("--device-db", ctx.file.device_db)
    for root in roots:
        args.add("--path", root)
    inputs = [exp, ctx.file.device_db] + ctx.files.srcs + dep_srcs
    if ctx.file.datasets:
        args.add("--datasets", ctx.file.datasets)
        inputs.append(ctx.file.datasets)
    for name in sorted(ctx.attr.args.keys()):
        args.add("--arg", "{}={}".format(name, ctx.attr.args[name]))
    args.add("--module", module)
    args.add("{}:{}".format(exp.path, target))
    args.add("-o", out)
    ctx.actions.run(
        executable = tc.kernelc,
        arguments = [args],
        inputs = depset(inputs),
        outputs = [out],
        mnemonic = "KernelSnapshot",
        progress_message = "Freezing host values of {}".format(ctx.attr.experiment),
        use_default_shell_env = False,
        env = {},
    )
    return [
        DefaultInfo(files = depset([out])),
        HostSnapshotInfo(
            snapshot = out,
            module = module,
            entry = "{}.{}.{}".format(module, class_name, method or "run"),
            device_db = ctx.file.device_db,
            datasets = ctx.file.datasets,
            args = ["{}={}".format(name, ctx.attr.args[name]) for name in sorted(ctx.attr.args.keys())],
            host_files = depset([exp, ctx.file.device_db] + ctx.files.srcs + dep_srcs + ([ctx.file.datasets] if ctx.file.datasets else [])),
            host_roots = host_roots,
        ),
    ]

kernel_snapshot = rule(
    implementation = _kernel_snapshot_impl,
    doc = """Freezes the host values an experiment's kernels read into NAME.snap (docs/snapshot.md).

Runs `kernelc snapshot`: the lab's device_db.py, the experiment's build()
and the drivers' __init__ are evaluated by the compiler's own evaluator
(no Python, no ARTIQ), with the datasets and arguments given here.""",
    attrs = {
        "args": attr.string_dict(
            doc = "Experiment arguments, NAME: VALUE (a Python literal), as `--arg NAME=VALUE`.",
        ),
        "datasets": attr.label(
            allow_single_file = [".json", ".pyon"],
            doc = "Datasets: JSON, or ARTIQ's pyon text.",
        ),
        "deps": attr.label_list(
            providers = [KernelModuleInfo],
            doc = "kernel_library targets whose sources (drivers) are on the path; their import roots are added.",
        ),
        "device_db": attr.label(
            allow_single_file = [".py"],
            mandatory = True,
            doc = "The lab's device_db.py.",
        ),
        "experiment": attr.string(
            mandatory = True,
            doc = "`FILE.py:Class[.method]`: the experiment file (one of srcs, by its path's end) and class; the method defaults to run.",
        ),
        "imports": attr.string_list(
            doc = "Import roots of srcs, relative to this package (like kernel_library); default: the package.",
        ),
        "module": attr.string(
            doc = "The experiment's module path (default: its path below the longest import root).",
        ),
        "srcs": attr.label_list(
            allow_files = [".py"],
            mandatory = True,
            doc = "The experiment file and other Python modules on the path.",
        ),
    },
    provides = [HostSnapshotInfo],
    toolchains = [TOOLCHAIN_TYPE],
)
