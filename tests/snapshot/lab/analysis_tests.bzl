"""Analysis tests of kernel_binary(snapshot = ...) and kernel_snapshot: which actions they make."""

load("@bazel_skylib//lib:unittest.bzl", "analysistest", "asserts")
load("//rules:providers.bzl", "HostSnapshotInfo")

def _actions(env, mnemonic):
    return [a for a in analysistest.target_actions(env) if a.mnemonic == mnemonic]

def _flag_values(argv, flag):
    return [argv[i + 1] for i in range(len(argv) - 1) if argv[i] == flag]

def _inputs(action):
    return sorted([f.path for f in action.inputs.to_list()])

def _binary_test_impl(ctx):
    env = analysistest.begin(ctx)
    snap = ctx.attr.snapshot[HostSnapshotInfo]
    slices = _actions(env, "KernelSlice")
    compiles = _actions(env, "KernelCompile")
    links = _actions(env, "KernelLink")

    # One slice and one compile per module with host_objects, in the
    # binary's graph; the link takes the snapshot.
    asserts.equals(env, ["experiments.rabi", "lib.core", "lib.ttl"], sorted([_flag_values(a.argv, "--module")[0] for a in slices]), "KernelSlice modules")
    asserts.equals(env, 3, len(compiles), "KernelCompile actions with a slice")
    for a in compiles:
        module = _flag_values(a.argv, "--module")[0]
        slice_flags = _flag_values(a.argv, "--slice")
        asserts.equals(env, 1, len(slice_flags), "{} compiles with its slice".format(module))
        asserts.true(env, slice_flags[0].endswith("/{}.slice".format(module)), "slice of {}: {}".format(module, slice_flags))
        asserts.false(env, snap.snapshot.path in _inputs(a), "KernelCompile of {} reads the whole snapshot".format(module))
    for a in slices:
        asserts.true(env, snap.snapshot.path in _inputs(a), "KernelSlice reads the snapshot")
        if _flag_values(a.argv, "--module") == ["experiments.rabi"]:
            asserts.equals(env, ["lib.core", "lib.ttl"], sorted([v.split("=")[0] for v in _flag_values(a.argv, "--iface")]), "the experiment's slice reads the drivers' interfaces")
    asserts.equals(env, 1, len(links), "one KernelLink")
    asserts.equals(env, [snap.snapshot.path], _flag_values(links[0].argv, "--snapshot"), "the link's --snapshot")
    asserts.equals(env, ["experiments.rabi.Rabi.run"], _flag_values(links[0].argv, "--entry"), "the entry defaults to the snapshot's")
    for arg in links[0].argv + [x for a in slices + compiles for x in a.argv]:
        asserts.false(env, arg.startswith("/"), "absolute path in a command line: " + arg)
    return analysistest.end(env)

_binary_test = analysistest.make(
    _binary_test_impl,
    attrs = {"snapshot": attr.label(providers = [HostSnapshotInfo])},
)

def _snapshot_test_impl(ctx):
    env = analysistest.begin(ctx)
    actions = _actions(env, "KernelSnapshot")
    asserts.equals(env, 1, len(actions), "one KernelSnapshot action")
    argv = actions[0].argv
    asserts.equals(env, "snapshot", argv[1], "kernelc subcommand")
    asserts.equals(env, ["experiments.rabi"], _flag_values(argv, "--module"), "module from the import root")
    asserts.equals(env, ["tests/snapshot/lab"], _flag_values(argv, "--path"), "import roots")
    inputs = _inputs(actions[0])
    for want in ["tests/snapshot/lab/device_db.py", "tests/snapshot/lab/lib/ttl.py", "tests/snapshot/lab/lib/core.py"]:
        asserts.true(env, want in inputs, want + " is an input")
    info = analysistest.target_under_test(env)[HostSnapshotInfo]
    asserts.equals(env, "experiments.rabi.Rabi.run", info.entry, "entry")
    return analysistest.end(env)

_snapshot_test = analysistest.make(_snapshot_test_impl)

def snapshot_analysis_tests(name, binary, snapshot):
    """Declares the analysis tests and a test_suite of them.

    Args:
      name: the test_suite's name, and the prefix of the tests' names.
      binary: a kernel_binary with a snapshot.
      snapshot: its kernel_snapshot.
    """
    _binary_test(name = name + "_binary", size = "small", target_under_test = binary, snapshot = snapshot)
    _snapshot_test(name = name + "_snapshot", size = "small", target_under_test = snapshot)
    native.test_suite(name = name, tests = [name + "_binary", name + "_snapshot"])
