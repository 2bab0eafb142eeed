/* Process entry. The Linux/qemu initial stack holds argc, argv[], NULL,
 * envp[], NULL, auxv; rt_main gets a pointer to it. No C code runs before
 * rt_main sets up TLS (picolibc keeps errno in TLS). */
	.section .text._start, "ax", @progbits
	.globl _start
	.type _start, @function
_start:
	mv a0, sp
	andi sp, sp, -16
	call rt_main
	unimp
	.size _start, . - _start
	.section .note.GNU-stack, "", @progbits
