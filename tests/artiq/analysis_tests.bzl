"""Analysis tests of artiq_sources: @artiq's targets, and ARTIQ's version in the action keys."""

load("@bazel_skylib//lib:unittest.bzl", "analysistest", "asserts")
load("//rules:providers.bzl", "KernelModuleInfo")

def _actions(env, mnemonic):
    return [a for a in analysistest.target_actions(env) if a.mnemonic == mnemonic]

def _flag_values(argv, flag):
    return [argv[i + 1] for i in range(len(argv) - 1) if argv[i] == flag]

def _has_version(action):
    return [f for f in action.inputs.to_list() if f.path.endswith("artiq/VERSION")] != []

def _library_test_impl(ctx):
    env = analysistest.begin(ctx)
    compiles = _actions(env, "KernelCompile")
    asserts.equals(env, 1, len(compiles), "one KernelCompile")
    argv = compiles[0].argv
    asserts.equals(env, ["artiq.coredevice.ttl"], _flag_values(argv, "--module"), "the module of artiq/coredevice/ttl.py")
    asserts.true(env, _has_version(compiles[0]), "@artiq//:VERSION is an input of the compile")

    # Strict deps: rtio (imported) and core (an implicit dep: drivers call
    # self.core's methods) are the interfaces it reads.
    asserts.equals(
        env,
        ["artiq.coredevice.core", "artiq.coredevice.rtio"],
        sorted([v.split("=")[0] for v in _flag_values(argv, "--iface")]),
        "the interfaces of the compile",
    )
    for arg in argv:
        asserts.false(env, arg.startswith("/"), "absolute path in a command line: " + arg)
    info = analysistest.target_under_test(env)[KernelModuleInfo]
    asserts.equals(env, ["artiq.coredevice.ttl"], [r.module for r in info.modules], "modules")
    return analysistest.end(env)

_library_test = analysistest.make(_library_test_impl)

def _binary_test_impl(ctx):
    env = analysistest.begin(ctx)
    host = _actions(env, "KernelSlice") + _actions(env, "KernelCompile")
    modules = []
    for a in host:
        module = _flag_values(a.argv, "--module")[0]
        if module.startswith("artiq."):
            modules.append(module)
            asserts.true(env, _has_version(a), "{} of {} has @artiq//:VERSION as an input".format(a.mnemonic, module))
    asserts.equals(
        env,
        sorted(ctx.attr.modules + ctx.attr.modules),
        sorted(modules),
        "a KernelSlice and a KernelCompile of each driver module against the snapshot",
    )
    return analysistest.end(env)

_binary_test = analysistest.make(
    _binary_test_impl,
    attrs = {"modules": attr.string_list()},
)

def _snapshot_test_impl(ctx):
    env = analysistest.begin(ctx)
    actions = _actions(env, "KernelSnapshot")
    asserts.equals(env, 1, len(actions), "one KernelSnapshot")
    asserts.true(env, _has_version(actions[0]), "@artiq//:VERSION is an input of the snapshot")
    roots = _flag_values(actions[0].argv, "--path")
    asserts.true(env, "external/artiq" in roots, "@artiq's import root is on the path: {}".format(roots))
    return analysistest.end(env)

_snapshot_test = analysistest.make(_snapshot_test_impl)

def artiq_analysis_tests(name):
    """Declares the analysis tests of artiq_sources and a test_suite of them.

    Args:
      name: the test_suite's name, and the prefix of the tests' names.
    """
    _library_test(
        name = name + "_library",
        size = "small",
        target_under_test = "@artiq//:coredevice_ttl",
    )
    _binary_test(
        name = name + "_binary",
        size = "small",
        target_under_test = "//examples/artiq_lab/experiments:dds_spi",
        modules = [
            "artiq.coredevice.ad99xx",
            "artiq.coredevice.core",
            "artiq.coredevice.rtio",
            "artiq.coredevice.spi2",
            "artiq.coredevice.ttl",
        ],
    )
    _snapshot_test(
        name = name + "_snapshot",
        size = "small",
        target_under_test = "//examples/artiq_lab/experiments:ttl_counting_snapshot",
    )
    native.test_suite(
        name = name,
        tests = [name + "_library", name + "_binary", name + "_snapshot"],
    )
