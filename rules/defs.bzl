"""Public API of rules_artiq: Bazel rules for ARTIQ kernels.

    load("@rules_artiq//rules:defs.bzl", "kernel_binary", "kernel_library", "kernel_test")

A kernel_library compiles each source (one kernel module) in its own
KernelCompile action, which reads only the interfaces of the modules it may
import. A kernel_binary links the archives into a device ELF (KernelLink).
A kernel_test runs that ELF in the simulator and compares its output and
RTIO timeline with expected files. A kernel_snapshot freezes an
experiment's host values; kernel_binary(snapshot = ...) runs the entry on
them (modules with host_objects compile against their slices of it).
"""

load("//rules:providers.bzl", _HostSnapshotInfo = "HostSnapshotInfo", _KernelBinaryInfo = "KernelBinaryInfo", _KernelModuleInfo = "KernelModuleInfo")
load("//rules/private:kernel_binary.bzl", _kernel_binary = "kernel_binary")
load("//rules/private:kernel_library.bzl", _kernel_library = "kernel_library")
load("//rules/private:kernel_sim.bzl", _kernel_sim = "kernel_sim")
load("//rules/private:kernel_snapshot.bzl", _kernel_snapshot = "kernel_snapshot")
load("//rules/private:kernel_test.bzl", _kernel_test = "kernel_test")
load("//toolchain:toolchain.bzl", _kernel_toolchain = "kernel_toolchain")

KernelBinaryInfo = _KernelBinaryInfo
KernelModuleInfo = _KernelModuleInfo
HostSnapshotInfo = _HostSnapshotInfo

kernel_library = _kernel_library
kernel_binary = _kernel_binary
kernel_snapshot = _kernel_snapshot
kernel_toolchain = _kernel_toolchain

# Boards the simulator can run; a platform says so with //toolchain/sim.
_SIMULATED = [Label("//toolchain/sim:qemu")]

def kernel_test(name, target_compatible_with = None, size = "small", **kwargs):
    """Runs a kernel_binary in the simulator and checks its output and timeline.

    Args:
      name: the test's name.
      target_compatible_with: defaults to the boards the simulator can run
        (//toolchain/sim:qemu), so that `bazel test //...` for another platform skips it.
      size: a simulated kernel runs in about a second.
      **kwargs: binary, expected_output, expected_timeline,
        expected_exit_code, and the common test attributes.
    """
    _kernel_test(
        name = name,
        size = size,
        target_compatible_with = _SIMULATED if target_compatible_with == None else target_compatible_with,
        **kwargs
    )

def kernel_sim(name, target_compatible_with = None, **kwargs):
    """`bazel run` target: runs a kernel_binary in the simulator.

    Arguments after `--` go to `kernelc sim` (e.g. `--timeline out.csv`).

    Args:
      name: the target's name.
      target_compatible_with: defaults to the boards the simulator can run
        (//toolchain/sim:qemu), so that `bazel build //...` for another platform skips it.
      **kwargs: binary, and the common attributes.
    """
    _kernel_sim(
        name = name,
        target_compatible_with = _SIMULATED if target_compatible_with == None else target_compatible_with,
        **kwargs
    )
