/* Shared declarations of the simulator runtime: a freestanding rv32 Linux
 * user-mode program that loads a device ELF the way the ARTIQ firmware does
 * and provides the firmware's export table to it. */
#ifndef RT_H
#define RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Exit statuses (docs/design.md, "The simulator ABI"). */
#define RT_EXIT_OK 0
#define RT_EXIT_EXCEPTION 1
#define RT_EXIT_FAILURE 3

/* The descriptors the Go driver opens for us. */
#define RT_FD_TIMELINE 3
#define RT_FD_EXCEPTION 4
#define RT_FD_INPUTS 7 /* input events (inputs.c); absent: none */

/* asm-generic syscall numbers as used by 32-bit RISC-V Linux. */
#define SYS_openat 56
#define SYS_close 57
#define SYS_llseek 62 /* 62 is llseek, not lseek, on 32-bit asm-generic */
#define SYS_read 63
#define SYS_write 64
#define SYS_exit_group 94
#define SYS_brk 214
#define SYS_munmap 215
#define SYS_mmap2 222 /* offset in pages on 32-bit */

#define RT_EBADF 9

static inline long rt_syscall6(long n, long a0, long a1, long a2, long a3,
                               long a4, long a5) {
  register long r_a0 __asm__("a0") = a0;
  register long r_a1 __asm__("a1") = a1;
  register long r_a2 __asm__("a2") = a2;
  register long r_a3 __asm__("a3") = a3;
  register long r_a4 __asm__("a4") = a4;
  register long r_a5 __asm__("a5") = a5;
  register long r_a7 __asm__("a7") = n;
  __asm__ volatile("ecall"
                   : "+r"(r_a0)
                   : "r"(r_a1), "r"(r_a2), "r"(r_a3), "r"(r_a4), "r"(r_a5),
                     "r"(r_a7)
                   : "memory");
  return r_a0;
}

#define rt_syscall3(n, a, b, c) rt_syscall6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)

/* Linux returns -errno in a0 on failure. */
static inline int rt_is_err(long r) { return r < 0 && r > -4096; }

/* Writes all of buf to fd; returns 0 or -errno. */
long rt_write_all(int fd, const void *buf, size_t len);
/* Writes a NUL-terminated string to fd, ignoring errors. */
void rt_puts(int fd, const char *s);

/* Every way out of the runtime goes through rt_exit so that buffered
 * timeline records are never lost. */
__attribute__((noreturn)) void rt_exit(int status);
/* Prints "simulator: MESSAGE\n" on stderr and exits with RT_EXIT_FAILURE. */
__attribute__((noreturn, format(printf, 1, 2))) void rt_fail(const char *fmt, ...);

/* The export table (exports.c). Returns NULL when name is not exported. */
void *rt_lookup_export(const char *name);

/* The loader (loader.c). */
struct rt_module {
  uint8_t *base;            /* load address of vaddr 0 */
  uint32_t size;            /* bytes mapped at base */
  const uint8_t *eh_frame_hdr; /* PT_GNU_EH_FRAME, for the unwinder; may be NULL */
  void (*modinit)(void *);
};
void rt_load(const uint8_t *image, uint32_t len, struct rt_module *mod);

/* RPCs (rpc.c): waits for the acknowledgements of async RPCs in flight, so
 * that what the host printed comes before what the kernel prints next. */
void rt_rpc_sync(void);

/* RTIO inputs (inputs.c): the output hook that follows TTL gates, and the
 * reads of the input events. */
void rt_note_output(int64_t t, int32_t target, int32_t data);
int64_t rt_input_timestamp(int64_t timeout_mu, int32_t channel, int32_t *data);
int32_t rt_input_data(int32_t channel);

/* The RTIO timeline (rtio.c). */
void rt_timeline_flush(void);

/* ARTIQ's 32-bit exception layout: str = {ptr, len}; param is i64-aligned. */
struct artiq_str {
  const char *ptr;
  uint32_t len;
};
struct artiq_exception {
  uint32_t id;
  struct artiq_str file;
  uint32_t line;
  uint32_t column;
  struct artiq_str function;
  struct artiq_str message;
  int64_t param[3];
};
_Static_assert(offsetof(struct artiq_exception, param) == 40, "param offset");
_Static_assert(sizeof(struct artiq_exception) == 64, "exception size");

#endif
