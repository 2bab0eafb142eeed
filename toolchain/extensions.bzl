"""Bzlmod module extension: the host-tool repositories (see repositories.bzl)."""

load("//rules:artiq_sources.bzl", "ARTIQ_IMPLICIT_DEPS", "artiq_sources")
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

def _artiq_impl(module_ctx):
    seen = {}
    for mod in module_ctx.modules:
        for tag in mod.tags.sources:
            if tag.name in seen:
                fail("artiq.sources: two installations are named {}".format(tag.name))
            seen[tag.name] = True
            artiq_sources(
                name = tag.name,
                path = tag.path,
                python = tag.python,
                implicit_deps = tag.implicit_deps,
            )

_sources = tag_class(
    doc = "An installed ARTIQ package as a repository of kernel_library targets (rules/artiq_sources.bzl).",
    attrs = {
        "implicit_deps": attr.string_list(
            default = ARTIQ_IMPLICIT_DEPS,
            doc = "Modules every coredevice module depends on (see artiq_sources).",
        ),
        "name": attr.string(
            default = "artiq",
            doc = "The repository's name.",
        ),
        "path": attr.string(
            doc = "The installed package (the directory that holds artiq/, or artiq/ itself); relative to the workspace root.",
        ),
        "python": attr.string(
            doc = "Instead of path: a Python interpreter that can `import artiq`.",
        ),
    },
)

artiq = module_extension(
    implementation = _artiq_impl,
    tag_classes = {"sources": _sources},
    doc = "A lab's installed ARTIQ: `artiq.sources(name = \"artiq\", python = \"/opt/artiq/bin/python3\")`, then `use_repo(artiq, \"artiq\")`.",
)
