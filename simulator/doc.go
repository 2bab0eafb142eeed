// Package simulator runs device ELFs without hardware.
//
// # Design
//
// The device ELF is not translated or re-linked: it is loaded the way the
// ARTIQ firmware loads it, by a small runtime program (runtime/*.c) that is
// itself a static rv32 Linux executable run under qemu-riscv32 user mode:
//
//	qemu-riscv32 RUNTIME DEVICE.elf
//
// The runtime checks the ELF header (ET_DYN, EM_RISCV, the e_flags of its
// ABI), maps the PT_LOAD segments, applies the RELA relocations the firmware
// applies, binds every undefined symbol by name against its export table
// (runtime/exports.def, a subset of linker/firmware's list; an unknown name
// fails the load) and calls __modinit__. Kernels therefore exercise exactly
// the binary interface they have on a core device, including the `now`
// register layout (hi word at now, lo word at now+8 on rv32g).
//
// The runtime is written against picolibc (printf formatting, libm) and
// libgcc (integer and soft-float helpers) and built by BuildRuntime with
// clang and ld.lld; the sources are embedded in this package so that a Bazel
// action (`kernelc simrt`) or DefaultRuntime (a per-user cache keyed by the
// sources and tool identities) can build it deterministically.
//
// # Protocol between runtime and driver
//
//   - stdout (fd 1): exactly what the kernel printed with core_log.
//   - fd 3: the RTIO timeline, 16-byte little-endian records
//     {u64 time_mu; u32 target; u32 data}, in call order. Run converts it
//     to CSV (time_mu,channel,address,data) or VCD.
//   - fd 4: on an uncaught exception, a text record (one `key value` per
//     line; values escape \\, \n, \r and control bytes). Run renders an
//     ARTIQ-style traceback on stderr.
//   - exit status 0 success, 1 uncaught exception, 3 load or runtime
//     failure (the runtime prints "simulator: ..." on stderr).
//
// # Exceptions
//
// Kernels raise and catch with ARTIQ's ABI on libgcc's DWARF unwinder
// (runtime/exceptions.c, lsda.c, unwind.c). __artiq_raise copies the
// exception into a runtime-owned slot (the in-flight stack, 32 deep) and
// unwinds with exception class "MLBSARTQ" (0x4d4c425341525451: first byte
// most significant). __artiq_personality matches `catch i32* @typeinfo`
// clauses (the global holds the id; null catches all) and enters a landing
// pad with a0 (__builtin_eh_return_data_regno(0)) = the exception's address
// in its slot and a1 = the selector: the matching clause's type index, as
// llvm.eh.typeid.for returns it, or 0 at a cleanup. `resume` calls
// _Unwind_Resume with that address; __artiq_resume re-raises the handled
// exception, __artiq_raise of a slot address re-raises in place and
// __artiq_end_catch ends the top handled one. An exception nobody catches
// is unwound again as a forced unwind so that cleanups (finally) run, then
// reported on fd 4. Frames are found through the .eh_frame_hdr tables of
// the runtime and the device ELF.
//
// # RPCs
//
// rpc_send, rpc_send_async and rpc_recv (runtime/rpc.c) talk to a real host
// side: a python3 process running host/host.py, which loads the program's
// host functions and calls them, as ARTIQ's host does (rpc.go). It is
// started only for ELFs that import rpc_send or rpc_send_async, and needs
// the linker's tables (Options.Tables) to map service numbers to
// functions. The runtime writes requests on fd 5 and reads replies on fd 6
// (formats in runtime/rpc.c); both processes share stdout, so host and
// kernel output interleave as printed. A host exception is raised in the
// kernel by rpc_recv, with the firmware's id for built-in classes and the
// compiler's name-derived id for user classes.
//
// Not simulated yet: input events (inputs time out: rtio_input_timestamp
// returns -1, rtio_input_data 0), DMA, the cache, subkernels and the
// I2C/SPI buses (calling one stops the run with exit status 3). Outputs
// never underflow and the RTIO counter reads as `now`.
package simulator
