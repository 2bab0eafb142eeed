"""artiq_sources: a lab's installed ARTIQ package as kernel_library targets.

    # WORKSPACE (Bazel 4.2.3)
    load("@rules_artiq//rules:artiq_sources.bzl", "artiq_sources")

    artiq_sources(name = "artiq", path = "/opt/artiq/lib/python3.11/site-packages")
    # or: artiq_sources(name = "artiq", python = "/opt/artiq/bin/python3")

    # MODULE.bazel (Bzlmod)
    artiq = use_extension("@rules_artiq//toolchain:extensions.bzl", "artiq")
    artiq.sources(name = "artiq", python = "/opt/artiq/bin/python3")
    use_repo(artiq, "artiq")

The repository links the package's modules in (symlinks: an edit of an
installed file is seen by the next build) and generates one target per
module (rules/artiq_sources.md lists them):

  * `@artiq//:coredevice_<name>`: a `kernel_library(host_objects = True)`
    of `artiq/coredevice/<name>.py`, module `artiq.coredevice.<name>`, whose
    deps are the coredevice modules it imports;
  * `@artiq//:language_<name>`, `@artiq//:language` and `@artiq//:experiment`:
    kernel_library targets without sources, for `artiq.language.*`,
    `artiq.experiment` (and `@artiq//:coredevice_exceptions` for
    `artiq.coredevice.exceptions`): the compiler and the snapshot
    evaluator provide these modules' kernel names themselves;
  * `@artiq//:VERSION`: the installation's version, an input of every
    compile of its modules (kernel_library `compile_data`), so that it is
    part of their action keys.

The version comes from the package (`__version__` in `artiq/__init__.py`,
a version string in `artiq/_version.py`, or `artiq.__version__` as the
interpreter reports it), else from a hash of the package's sources. It is
read when the repository is fetched: after upgrading ARTIQ in place, run
`bazel sync --configure` (the sources themselves are symlinks, so their
content is always what the actions see).
"""

# Modules whose kernel names the language provides (compiler/types/legacy.go,
# snapshot/eval_artiq.go): their targets have no sources.
_LANGUAGE_MODULES = ["artiq.coredevice.exceptions", "artiq.experiment"]

# Packages of the installation that kernels use.
_PACKAGES = ["artiq/coredevice", "artiq/language"]

_DEFS = Label("//rules:defs.bzl")

# The default of artiq_sources' implicit_deps.
ARTIQ_IMPLICIT_DEPS = ["artiq.coredevice.core", "artiq.coredevice.ttl"]

def _execute(rctx, argv, what):
    result = rctx.execute(argv, quiet = True)
    if result.return_code != 0:
        fail("artiq_sources {}: {} failed (exit {}):\n{}{}".format(
            rctx.name,
            what,
            result.return_code,
            result.stdout,
            result.stderr,
        ))
    return result.stdout

def _child(rctx, base, rel):
    """base/rel, for a rel with slashes (Bazel 4's path.get_child takes one name)."""
    return rctx.path(str(base) + "/" + rel)

def _workspace_root(rctx):
    if hasattr(rctx, "workspace_root"):
        return rctx.workspace_root
    return rctx.path(Label("@//:WORKSPACE")).dirname

def _package_root(rctx):
    """The directory that holds artiq/ (the import root), and how it was found."""
    if rctx.attr.path and rctx.attr.python:
        fail("artiq_sources {}: give path or python, not both".format(rctx.name))
    if rctx.attr.python:
        python = rctx.attr.python
        if "/" not in python:
            found = rctx.which(python)
            if not found:
                fail("artiq_sources {}: python {} is not on PATH".format(rctx.name, python))
            python = str(found)
        out = _execute(
            rctx,
            [python, "-c", "import os, artiq; print(os.path.dirname(os.path.abspath(artiq.__file__))); print(getattr(artiq, '__version__', ''))"],
            "asking {} where artiq is (import artiq)".format(python),
        )
        lines = out.strip().split("\n")
        package = rctx.path(lines[0].strip())
        return package.dirname, (lines[1].strip() if len(lines) > 1 else "")
    if not rctx.attr.path:
        fail("artiq_sources {}: give path (the installed package, or the directory that holds it) or python".format(rctx.name))
    path = rctx.attr.path
    base = rctx.path(path) if path.startswith("/") else _child(rctx, _workspace_root(rctx), path)
    for candidate in [base, base.dirname]:
        if candidate.get_child("artiq").get_child("__init__.py").exists:
            return candidate, ""
    if base.basename == "artiq" and base.get_child("__init__.py").exists:
        return base.dirname, ""
    fail("artiq_sources {}: no ARTIQ package (artiq/__init__.py) at {}".format(rctx.name, base))

def _string_literal(line):
    """The first Python string literal of line, or None."""
    for q in ["\"", "'"]:
        start = line.find(q)
        if start >= 0:
            end = line.find(q, start + 1)
            if end > start:
                return line[start + 1:end]
    return None

def _read_version(rctx, root):
    """The version that the package states.

    `__version__ = "..."` in artiq/__init__.py, or a returned or assigned
    version string in artiq/_version.py.
    """
    for name in ["__init__.py", "_version.py"]:
        f = root.get_child("artiq").get_child(name)
        if not f.exists:
            continue
        for line in rctx.read(f).split("\n"):
            s = line.strip()
            if s.startswith("__version__") or s.startswith("version =") or s.startswith("return "):
                v = _string_literal(s)
                if v:
                    return v
    return ""

def _module_files(rctx, root):
    """The package's .py files (artiq/*.py and under _PACKAGES), sorted, relative to root."""
    found = []
    for pkg in ["artiq"] + _PACKAGES:
        d = _child(rctx, root, pkg)
        if not d.exists:
            continue
        depth = "1" if pkg == "artiq" else "8"
        args = ["find", "-H", str(d), "-maxdepth", depth, "-name", "*.py", "-type", "f"]
        for line in _execute(rctx, args, "listing " + pkg).split("\n"):
            line = line.strip()
            if not line or "/__pycache__/" in line:
                continue
            rel = line[len(str(root)) + 1:]
            if rel not in found:
                found.append(rel)
    return sorted(found)

def _content_hash(rctx, root, files):
    out = _execute(
        rctx,
        ["sha256sum"] + [str(root) + "/" + f for f in files],
        "hashing the package's sources",
    )
    lines = []
    for line in out.strip().split("\n"):
        digest, _, path = line.partition("  ")
        lines.append(digest + "  " + path[len(str(root)) + 1:])
    rctx.file("_hash_input.txt", "\n".join(lines) + "\n")
    digest = _execute(rctx, ["sha256sum", "_hash_input.txt"], "hashing the package's sources").split(" ")[0]
    if hasattr(rctx, "delete"):
        rctx.delete("_hash_input.txt")
    return digest

def _logical_lines(text):
    """The top-level logical lines of Python source.

    Bracketed and backslash continuations are joined, triple-quoted strings
    and indented lines are skipped.
    """
    out = []
    cur = ""
    depth = 0
    in_string = ""
    for raw in text.split("\n"):
        line = raw
        if in_string:
            if in_string in line:
                in_string = ""
            continue
        stripped = line.strip()
        for q in ["\"\"\"", "'''"]:
            if stripped.startswith(q) and stripped.count(q) == 1 and depth == 0:
                in_string = q
        if in_string:
            continue
        hash_at = line.find("#")
        if hash_at >= 0:
            line = line[:hash_at]
        if depth == 0 and cur == "" and (line.startswith(" ") or line.startswith("\t")):
            continue
        cur += " " + line.strip()
        depth += line.count("(") - line.count(")")
        if line.rstrip().endswith("\\"):
            cur = cur.rstrip("\\")
            continue
        if depth <= 0:
            out.append(cur.strip())
            cur = ""
            depth = 0
    return out

def _imports(text, module):
    """The dotted names that a module's top-level imports mention.

    For `from p import n` both p.n and p, in that order: whichever is a
    module of the package is the dependency.
    """
    names = []
    package = module.rpartition(".")[0]
    for line in _logical_lines(text):
        if line.startswith("import "):
            for part in line[len("import "):].split(","):
                name = part.strip().split(" ")[0]
                if name:
                    names.append([name])
        elif line.startswith("from "):
            head, sep, tail = line[len("from "):].partition(" import ")
            if not sep:
                continue
            base = head.strip()
            if base.startswith("."):
                level = len(base) - len(base.lstrip("."))
                parts = package.split(".")
                if level > 1:
                    parts = parts[:len(parts) - (level - 1)]
                rest = base.lstrip(".")
                base = ".".join(parts + ([rest] if rest else []))
            tail = tail.replace("(", " ").replace(")", " ")
            for part in tail.split(","):
                n = part.strip().split(" ")[0]
                if n and n != "*":
                    names.append([base + "." + n, base])
                elif n == "*":
                    names.append([base])
    return names

def _reaches(deps, start, goal):
    """Whether goal is reachable from start in the deps graph."""
    seen = {}
    stack = [start]
    for _ in range(len(deps) * len(deps) + 1):
        if not stack:
            return False
        x = stack.pop()
        if x == goal:
            return True
        if x in seen:
            continue
        seen[x] = True
        stack.extend(deps.get(x, []))
    return False

def _target_name(module):
    return module[len("artiq."):].replace(".", "_")

def _artiq_sources_impl(rctx):
    root, reported_version = _package_root(rctx)
    files = _module_files(rctx, root)
    for f in files:
        rctx.symlink(_child(rctx, root, f), f)

    version = _read_version(rctx, root) or reported_version
    source = "the package"
    if not version:
        version = "sha256:" + _content_hash(rctx, root, files)
        source = "a hash of the package's sources"
    rctx.file("VERSION", "artiq {}\n".format(version))

    modules = {}
    for f in files:
        if not f.endswith(".py"):
            continue
        m = f[:-len(".py")].replace("/", ".")
        if m.endswith(".__init__"):
            continue
        if m.startswith("artiq.coredevice.") or m.startswith("artiq.language.") or m == "artiq.experiment":
            modules[m] = f

    # Dependencies: the coredevice modules each one imports.
    deps = {}
    for m in sorted(modules.keys()):
        if m in _LANGUAGE_MODULES or not m.startswith("artiq.coredevice."):
            continue
        found = []
        for alternatives in _imports(rctx.read(_child(rctx, root, modules[m])), m):
            for name in alternatives:
                if name in modules and name != m:
                    if name not in found and name not in _LANGUAGE_MODULES and name.startswith("artiq.coredevice."):
                        found.append(name)
                    break
        deps[m] = sorted(found)

    # An import cycle cannot be a kernel_library graph: drop the edges
    # that close one (the later module in name order loses its dep).
    dropped = []
    for m in sorted(deps.keys()):
        keep = []
        for d in deps[m]:
            if _reaches(deps, d, m):
                dropped.append("{} -> {}".format(m, d))
            else:
                keep.append(d)
        deps[m] = keep

    # Drivers call the methods of other drivers' objects without importing
    # their modules (self.core.break_realtime(), self.cpld.io_update.pulse()):
    # a compile against a snapshot needs those modules' interfaces, so every
    # driver depends on implicit_deps too, where that closes no cycle.
    # Only drivers get them (modules whose classes take the device manager,
    # dmgr), and an implicit dep only the implicit deps listed before it.
    implicit = rctx.attr.implicit_deps
    for m in sorted(deps.keys()):
        if "dmgr" not in rctx.read(_child(rctx, root, modules[m])):
            continue
        for i, name in enumerate(implicit):
            if m in implicit and implicit.index(m) <= i:
                break
            if name in deps and name != m and name not in deps[m] and not _reaches(deps, name, m):
                deps[m] = sorted(deps[m] + [name])

    defs = str(_DEFS)
    if defs.startswith("//"):
        defs = "@rules_artiq" + defs
    elif defs.startswith("@//"):
        defs = "@rules_artiq" + defs[1:]

    build = [
        "# Generated by artiq_sources ({}): ARTIQ {} ({}), linked in from {}.".format(
            rctx.name,
            version,
            source,
            root if rctx.attr.python or rctx.attr.path.startswith("/") else rctx.attr.path,
        ),
        "# Do not edit: `bazel sync --configure` regenerates it.",
        "load(\"{}\", \"kernel_library\")".format(defs),
        "",
        "package(default_visibility = [\"//visibility:public\"])",
        "",
        "exports_files([\"VERSION\"])",
        "",
        "filegroup(",
        "    name = \"srcs\",",
        "    srcs = glob([\"artiq/**/*.py\"]),",
        ")",
        "",
    ]
    if dropped:
        build.append("# Import cycles, left out of deps: {}".format(", ".join(dropped)))
        build.append("")
    language = []
    for m in sorted(modules.keys()):
        name = _target_name(m)
        if m in _LANGUAGE_MODULES or m.startswith("artiq.language."):
            language.append(name)
            build.extend([
                "# {}: provided by the compiler and the snapshot evaluator.".format(m),
                "kernel_library(",
                "    name = \"{}\",".format(name),
                "    srcs = [],",
                "    compile_data = [\"VERSION\"],",
                ")",
                "",
            ])
            continue
        build.extend([
            "kernel_library(",
            "    name = \"{}\",".format(name),
            "    srcs = [\"{}\"],".format(modules[m]),
            "    compile_data = [\"VERSION\"],",
            "    host_objects = True,",
            "    imports = [\".\"],",
        ])
        if deps[m]:
            build.append("    deps = [")
            for d in deps[m]:
                build.append("        \":{}\",".format(_target_name(d)))
            build.append("    ],")
        build.extend([")", ""])
    build.extend([
        "kernel_library(",
        "    name = \"language\",",
        "    srcs = [],",
        "    deps = [",
    ] + ["        \":{}\",".format(n) for n in language if n.startswith("language_")] + [
        "    ],",
        ")",
        "",
    ])
    rctx.file("BUILD.bazel", "\n".join(build))
    rctx.file("WORKSPACE", "workspace(name = \"{}\")\n".format(rctx.name))

artiq_sources = repository_rule(
    implementation = _artiq_sources_impl,
    doc = """A lab's installed ARTIQ package as kernel_library targets (@NAME//:coredevice_ttl, ...).

See rules/artiq_sources.md for the targets and how the version enters the
action keys.""",
    attrs = {
        "implicit_deps": attr.string_list(
            default = ARTIQ_IMPLICIT_DEPS,
            doc = "Modules every coredevice module depends on (where that closes no import cycle): drivers call their objects' methods (self.core.break_realtime(), a TTL's pulse()) without importing them.",
        ),
        "path": attr.string(
            doc = "The installed package: the directory that holds artiq/ (site-packages), or artiq/ itself. Relative paths are relative to the workspace root.",
        ),
        "python": attr.string(
            doc = "Instead of path: a Python interpreter (a path, or a name on PATH) that can `import artiq`; it also reports artiq.__version__.",
        ),
    },
    local = True,
    configure = True,
)
