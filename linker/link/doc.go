// Package link produces the device ELF that the ARTIQ firmware loads from
// per-module kernel archives.
//
// Archives are compiled separately and cached by Bazel, so the link is the
// one place that sees them together; it must never produce a binary from
// archives that disagree, because such a binary would run the wrong code
// on the experiment's hardware rather than fail. Before ld.lld runs, Link
// therefore checks from the archives' manifests that
//
//   - every archive was compiled for the link's target;
//   - no module appears twice;
//   - every imported module is in the link; and
//   - every archive was compiled against exactly the interface (by hash)
//     of each imported module that is in this link. A mismatch is a stale
//     archive: its code may use a signature, constant or class layout
//     that no longer exists.
//
// It also checks, from the objects' symbol tables, that every symbol the
// kernel code leaves undefined is exported by the firmware, naming the
// module that references it: lld would accept such a symbol in a shared
// object, and the firmware would only reject it at load time on the lab's
// hardware.
//
// The entry stub `__modinit__(i8*)` that the firmware calls is generated
// here; ld.lld then links it with the archives under the package's own
// linker script. The result is checked again with debug/elf against what
// the firmware's loader accepts (header, dynamic tags, relocation types,
// symbols), so a violation is a build error and not a failed load.
package link
