"""go_tool_binary: builds a Go command of this repository with a plain action.

No rules_go: the host Go SDK (@artiq_go_sdk) runs `go build -trimpath` with
the module cache of @artiq_go_deps as a declared input and GOPROXY=off, so
nothing downloads during a build.
"""

def _go_tool_binary_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name)
    go = ctx.file._go

    # GOROOT is the directory above bin/go; the module cache is the
    # modcache/ directory of its repository.
    goroot = go.dirname.rpartition("/")[0]
    modcache = ctx.attr._modcache.label.workspace_root + "/modcache"
    moddir = ctx.file.go_mod.dirname or "."
    srcs = [ctx.file.go_mod, ctx.file.go_sum] + ctx.files.srcs
    for f in srcs:
        if moddir != "." and not f.path.startswith(moddir + "/"):
            fail("{} is not below the module directory {}".format(f.path, moddir), attr = "srcs")

    args = ctx.actions.args()
    args.add(go)
    args.add(goroot)
    args.add(modcache)
    args.add(moddir)
    args.add(ctx.attr.package)
    args.add(out)
    args.add_all(srcs)

    ctx.actions.run(
        executable = ctx.executable._builder,
        arguments = [args],
        inputs = depset(
            [go] + srcs,
            transitive = [
                depset(ctx.files._go_sdk),
                depset(ctx.files._modcache),
            ],
        ),
        outputs = [out],
        mnemonic = "GoToolBuild",
        progress_message = "Building Go tool {} ({})".format(ctx.label, ctx.attr.package),
        use_default_shell_env = False,
        env = {"PATH": "/bin:/usr/bin"},
    )
    return [DefaultInfo(executable = out, files = depset([out]))]

go_tool_binary = rule(
    implementation = _go_tool_binary_impl,
    doc = "A Go command built from this repository's sources with the host Go SDK.",
    attrs = {
        "go_mod": attr.label(default = Label("//:go.mod"), allow_single_file = True),
        "go_sum": attr.label(default = Label("//:go.sum"), allow_single_file = True),
        "package": attr.string(
            mandatory = True,
            doc = "The package to build, relative to go.mod's directory, e.g. ./compiler/cmd/kernelc.",
        ),
        "srcs": attr.label_list(
            default = [Label("//:go_srcs")],
            allow_files = True,
            doc = "Every non-test file the build may read (Go sources and embedded files).",
        ),
        "_builder": attr.label(
            default = Label("//toolchain/private:go_build.sh"),
            allow_single_file = True,
            executable = True,
            cfg = "exec",
        ),
        "_go": attr.label(default = Label("@artiq_go_sdk//:bin/go"), allow_single_file = True),
        "_go_sdk": attr.label(default = Label("@artiq_go_sdk//:files")),
        "_modcache": attr.label(default = Label("@artiq_go_deps//:modcache")),
    },
    executable = True,
)
