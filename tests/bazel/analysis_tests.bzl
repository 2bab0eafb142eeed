"""Analysis tests of the kernel rules: the actions they make, and their inputs."""

load("@bazel_skylib//lib:unittest.bzl", "analysistest", "asserts")
load("//rules:providers.bzl", "KernelBinaryInfo", "KernelModuleInfo")

_PLATFORMS = "//command_line_option:platforms"

def _actions(env, mnemonic):
    return [a for a in analysistest.target_actions(env) if a.mnemonic == mnemonic]

def _paths(files):
    return sorted([f.path for f in (files.to_list() if type(files) == "depset" else files)])

def _flag_values(argv, flag):
    return [argv[i + 1] for i in range(len(argv) - 1) if argv[i] == flag]

def _assert_relative_argv(env, action):
    for arg in action.argv:
        asserts.false(env, arg.startswith("/"), "{}: absolute path in argv: {}".format(action.mnemonic, arg))

def _assert_has_inputs(env, action, expected, what):
    inputs = _paths(action.inputs)
    for p in _paths(expected):
        asserts.true(env, p in inputs, "{}: {} {} is not an input".format(action.mnemonic, what, p))

# --- kernel_library ------------------------------------------------------------

def _library_test_impl(ctx):
    env = analysistest.begin(ctx)
    target = analysistest.target_under_test(env)
    compiles = _actions(env, "KernelCompile")
    srcs = target[KernelModuleInfo].modules
    asserts.equals(env, 2, len(compiles), "one KernelCompile action per source")
    asserts.equals(env, ["a", "b"], [m.module for m in srcs], "module paths below the import root")

    dep = ctx.attr.dep[KernelModuleInfo]
    asserts.equals(env, 2, len(dep.transitive_ifaces.to_list()), "mid and base interfaces")

    # Strict deps: a compile reads its direct deps' interfaces only (mid),
    # never those it reaches through them (base).
    dep_ifaces = [r.iface for r in dep.modules]
    indirect = [f for f in dep.transitive_ifaces.to_list() if f not in dep_ifaces]
    asserts.equals(env, 1, len(indirect), "base is an indirect dependency")
    dep_archives = dep.transitive_archives.to_list()
    for action in compiles:
        module = _flag_values(action.argv, "--module")
        asserts.equals(env, 1, len(module), "one --module flag")
        _assert_has_inputs(env, action, dep_ifaces, "dependency interface")
        _assert_has_inputs(env, action, [ctx.file._identity], "LLVM identity file")
        inputs = _paths(action.inputs)
        for p in _paths(indirect):
            asserts.false(env, p in inputs, "KernelCompile of {} reads the indirect interface {}".format(module[0], p))
        for p in _paths(dep_archives):
            asserts.false(env, p in inputs, "KernelCompile of {} reads the archive {}".format(module[0], p))
        py = [p for p in inputs if p.endswith(".py")]
        asserts.equals(env, 1, len(py), "KernelCompile of {} reads exactly its own source, got {}".format(module[0], py))
        asserts.true(env, py[0].endswith("/" + module[0] + ".py"), "source of {}: {}".format(module[0], py))
        _assert_relative_argv(env, action)

        # One --iface per visible module: the direct deps, and in b the
        # earlier a.
        ifaces = sorted([v.split("=")[0] for v in _flag_values(action.argv, "--iface")])
        want = ["a", "mid"] if module == ["b"] else ["mid"]
        asserts.equals(env, want, ifaces, "--iface modules of {}".format(module[0]))
        asserts.equals(env, "compile", action.argv[1], "kernelc subcommand")
    return analysistest.end(env)

_library_test = analysistest.make(
    _library_test_impl,
    attrs = {
        "dep": attr.label(providers = [KernelModuleInfo]),
        "_identity": attr.label(default = "@artiq_llvm//:identity", allow_single_file = True),
    },
)

# --- kernel_binary -------------------------------------------------------------

def _binary_test_impl(ctx):
    env = analysistest.begin(ctx)
    target = analysistest.target_under_test(env)
    links = _actions(env, "KernelLink")
    asserts.equals(env, 1, len(links), "one KernelLink action")
    asserts.equals(env, 0, len(_actions(env, "KernelCompile")), "a binary compiles nothing itself")
    link = links[0]

    archives = ctx.attr.lib[KernelModuleInfo].transitive_archives.to_list()
    asserts.equals(env, 4, len(archives), "archives of a, b, mid and base")
    _assert_has_inputs(env, link, archives, "archive")
    _assert_has_inputs(env, link, [ctx.file._identity], "LLVM identity file")
    for p in _paths(link.inputs):
        asserts.false(env, p.endswith(".py") or p.endswith(".iface"), "KernelLink reads {}".format(p))
    _assert_relative_argv(env, link)

    info = target[KernelBinaryInfo]
    asserts.equals(env, _paths([info.elf, info.tables]), _paths(link.outputs), "outputs: the ELF and the tables")
    asserts.true(env, info.elf.basename == "bin.elf", "ELF name")
    asserts.equals(env, ["b.run_twice"], _flag_values(link.argv, "--entry"), "--entry")
    asserts.equals(env, _paths(archives), sorted(link.argv[-4:]), "the archives are the trailing arguments")
    return analysistest.end(env)

_binary_test = analysistest.make(
    _binary_test_impl,
    attrs = {
        "lib": attr.label(providers = [KernelModuleInfo]),
        "_identity": attr.label(default = "@artiq_llvm//:identity", allow_single_file = True),
    },
)

# --- the examples: module names from imports = [".."] --------------------------

def _examples_test_impl(ctx):
    env = analysistest.begin(ctx)
    compiles = _actions(env, "KernelCompile")
    asserts.equals(env, 1, len(compiles), "rabi_lib has one source")
    argv = compiles[0].argv
    asserts.equals(env, ["experiments.rabi"], _flag_values(argv, "--module"), "module path")
    asserts.equals(
        env,
        ["lib.pulses", "lib.ttl"],
        sorted([v.split("=")[0] for v in _flag_values(argv, "--iface")]),
        "imports of experiments.rabi",
    )
    return analysistest.end(env)

_examples_test = analysistest.make(_examples_test_impl)

# --- platforms pick the toolchain ------------------------------------------------

def _target_test_impl(ctx):
    env = analysistest.begin(ctx)
    actions = _actions(env, "KernelCompile") + _actions(env, "KernelLink")
    asserts.equals(env, 1, len(actions), "one compile or link action")
    for action in actions:
        asserts.equals(env, [ctx.attr.want], _flag_values(action.argv, "--target"), action.mnemonic + " --target")
    return analysistest.end(env)

def _target_test(platform):
    return analysistest.make(
        _target_test_impl,
        attrs = {"want": attr.string()},
        config_settings = {_PLATFORMS: platform},
    )

_kasli_v1_test = _target_test(str(Label("//toolchain/platforms:kasli_v1")))
_kasli_v2_test = _target_test(str(Label("//toolchain/platforms:kasli_v2")))
_kasli_soc_test = _target_test(str(Label("//toolchain/platforms:kasli_soc")))

# The host platform says nothing about boards: the board constraint's
# default (rv32g) applies.
_host_test = _target_test("@local_config_platform//:host")

# --- the Go tools ---------------------------------------------------------------

def _go_tool_test_impl(ctx):
    env = analysistest.begin(ctx)
    builds = _actions(env, "GoToolBuild")
    asserts.equals(env, 1, len(builds), "one GoToolBuild action")
    build = builds[0]
    _assert_relative_argv(env, build)
    inputs = _paths(build.inputs)
    for want in ["go.mod", "go.sum", "compiler/cmd/kernelc/main.go"]:
        asserts.true(env, want in inputs, "GoToolBuild input {}".format(want))
    for p in inputs:
        asserts.false(env, p.endswith("_test.go"), "GoToolBuild reads the test file {}".format(p))
    asserts.true(env, "external/artiq_go_sdk/bin/go" in inputs, "the SDK's go is an input")
    asserts.true(env, len([p for p in inputs if p.startswith("external/artiq_go_sdk/src/runtime/")]) > 0, "the SDK's sources are inputs")
    asserts.equals(env, {"PATH": "/bin:/usr/bin"}, build.env, "fixed environment")
    return analysistest.end(env)

_go_tool_test = analysistest.make(_go_tool_test_impl)

def analysis_test_suite(name):
    """Declares the analysis tests and a test_suite of them all.

    Args:
      name: the test_suite's name, and the prefix of the tests' names.
    """
    _library_test(
        name = name + "_library",
        size = "small",
        target_under_test = ":two_modules",
        dep = ":mid",
    )
    _binary_test(
        name = name + "_binary",
        size = "small",
        target_under_test = ":bin",
        lib = ":two_modules",
    )
    _examples_test(
        name = name + "_examples",
        size = "small",
        target_under_test = "//examples/experiments:rabi_lib",
    )
    platform_tests = []
    for board, want, test in [
        ("host", "rv32g", _host_test),
        ("kasli_v1", "rv32ima", _kasli_v1_test),
        ("kasli_v2", "rv32g", _kasli_v2_test),
        ("kasli_soc", "cortexa9", _kasli_soc_test),
    ]:
        for fixture in ["mid", "bin"]:
            test(
                name = "{}_{}_{}".format(name, board, fixture),
                size = "small",
                target_under_test = ":" + fixture,
                want = want,
            )
            platform_tests.append("{}_{}_{}".format(name, board, fixture))
    _go_tool_test(
        name = name + "_go_tool",
        size = "small",
        target_under_test = "//toolchain:kernelc",
    )
    native.test_suite(
        name = name,
        tests = [
            name + "_library",
            name + "_binary",
            name + "_examples",
            name + "_go_tool",
        ] + platform_tests,
    )
