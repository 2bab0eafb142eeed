"""Bzlmod module extension: the host-tool repositories (see repositories.bzl)."""

load(":repositories.bzl", "go_deps", "go_sdk", "llvm_toolchain", "sim_host_deps")

def _host_tools_impl(_module_ctx):
    go_sdk(name = "artiq_go_sdk")
    go_deps(
        name = "artiq_go_deps",
        go = Label("@artiq_go_sdk//:bin/go"),
        go_mod = Label("//:go.mod"),
        go_sum = Label("//:go.sum"),
    )
    llvm_toolchain(name = "artiq_llvm")
    sim_host_deps(name = "artiq_sim_host")

host_tools = module_extension(
    implementation = _host_tools_impl,
    doc = "The host Go SDK, the Go module cache for the tools, LLVM 14 and the simulator's host dependencies.",
)
