"""Helpers shared by the kernel rules."""

# Resolved here, against this repository, so that the rules work when
# rules_artiq is an external repository too.
TOOLCHAIN_TYPE = str(Label("//toolchain:toolchain_type"))

def kernel_toolchain(ctx):
    return ctx.toolchains[TOOLCHAIN_TYPE]

def module_record(module, iface, archive, src = None, deps = None, host = False, data = None):
    """The element type of KernelModuleInfo.transitive_modules.

    Args:
      module: the module path.
      iface: its interface File.
      archive: its archive File.
      src: its source File (a binary with a snapshot recompiles some modules).
      deps: depset of the module records it may import.
      host: whether it uses host objects (kernel_library host_objects).
      data: Files that every compile of it has as inputs (kernel_library
        compile_data): a list or depset, or None.

    Returns:
      The record.
    """
    return struct(module = module, iface = iface, archive = archive, src = src, deps = deps, host = host, data = data if type(data) == "depset" else depset(data or []))

def check_unique_modules(records, owner):
    """Checks that no two module records claim one module path.

    Sorting keeps command lines, and so action keys, independent of the
    order in which deps are listed.

    Args:
      records: module records (see module_record).
      owner: the label to name in the error.

    Returns:
      The records, deduplicated and sorted by module path.
    """
    by_module = {}
    for r in records:
        seen = by_module.get(r.module)
        if seen and seen != r:
            fail("{}: kernel module {} is provided twice: by {} and by {}".format(
                owner,
                r.module,
                seen.iface.owner,
                r.iface.owner,
            ))
        by_module[r.module] = r
    return [by_module[m] for m in sorted(by_module.keys())]
