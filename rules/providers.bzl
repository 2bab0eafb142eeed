"""Providers of the kernel rules."""

KernelModuleInfo = provider(
    doc = """Compiled kernel modules: a kernel_library and everything it depends on.

A module record is `struct(module, iface, archive)`: the module path
(`lib.pulses`), its interface file and its object archive. Importers'
compile actions read only `iface`; only the link reads `archive`.""",
    fields = {
        "modules": "list of module records: this target's own modules, in srcs order.",
        "transitive_archives": "depset of File: the archives of transitive_modules, for the link.",
        "transitive_ifaces": "depset of File: the interfaces of transitive_modules, for importers' compiles.",
        "transitive_modules": "depset of module records: this target's modules and all its dependencies'.",
    },
)

HostSnapshotInfo = provider(
    doc = """A frozen host-value snapshot (kernel_snapshot): the host objects a kernel entry reaches.

It also carries what the simulator's RPC host needs to build the same
experiment in Python (method RPCs: docs/design.md "Method RPCs"): the
Python sources and their import roots, device_db.py, the datasets and
the arguments the snapshot was frozen from.""",
    fields = {
        "args": "list of string: the experiment arguments, `NAME=VALUE`.",
        "datasets": "File or None: the datasets file.",
        "device_db": "File: the lab's device_db.py.",
        "entry": "string: the entry method's symbol, `module.Class.method`.",
        "host_files": "depset of File: the experiment's and the drivers' Python sources.",
        "host_roots": "list of string: their import roots, relative to the main repository's runfiles directory.",
        "module": "string: the module path of the experiment file.",
        "snapshot": "File: the snapshot (docs/snapshot.md).",
    },
)

KernelBinaryInfo = provider(
    doc = "A linked device binary.",
    fields = {
        "elf": "File: the device ELF (an ET_DYN shared object the firmware loads).",
        "entry": "string: the entry function, `module.function`.",
        "host": "HostSnapshotInfo or None: the snapshot the binary was linked with, for the simulator's RPC host.",
        "tables": "File: the host-side tables (RPC services, object ids, exception names), JSON.",
        "target": "string: the core-device target it was linked for (rv32g, rv32ima, cortexa9).",
    },
)
