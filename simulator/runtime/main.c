/* Entry point of the simulator runtime: set up TLS, read the device ELF
 * named on the command line, load it like the firmware does and call
 * __modinit__. */
#include <stdio.h>
#include <string.h>

#include "elf.h"
#include "rt.h"

#define AT_FDCWD (-100)
#define PROT_RW 3
#define MAP_PRIVATE_ANON 0x22
#define SEEK_SET 0
#define SEEK_END 2

/* Defined by the linker when the ELF header is in a loaded segment. */
extern const Elf32_Ehdr __ehdr_start;

/* RISC-V uses TLS variant I with no TCB: tp points at the TLS block itself.
 * One static block is enough for picolibc's few thread-local variables. */
static uint8_t tls_block[512] __attribute__((aligned(64)));

static void setup_tls(void) {
  /* tp first, so that even a failure below can format its message. */
  __asm__ volatile("mv tp, %0" ::"r"(tls_block));
  const Elf32_Phdr *ph =
      (const Elf32_Phdr *)((const uint8_t *)&__ehdr_start + __ehdr_start.e_phoff);
  for (unsigned i = 0; i < __ehdr_start.e_phnum; i++) {
    if (ph[i].p_type != PT_TLS)
      continue;
    if (ph[i].p_memsz > sizeof tls_block || ph[i].p_align > 64)
      rt_fail("runtime TLS segment too large (%u bytes)", (unsigned)ph[i].p_memsz);
    /* Plain loops: memcpy must not run before tp is valid. */
    const uint8_t *src = (const uint8_t *)ph[i].p_vaddr;
    for (uint32_t j = 0; j < ph[i].p_filesz; j++)
      tls_block[j] = src[j];
  }
}

long rt_write_all(int fd, const void *buf, size_t len) {
  const uint8_t *p = buf;
  while (len > 0) {
    long r = rt_syscall3(SYS_write, fd, p, len);
    if (r == -4) /* EINTR */
      continue;
    if (rt_is_err(r))
      return r;
    p += r;
    len -= (size_t)r;
  }
  return 0;
}

void rt_puts(int fd, const char *s) { rt_write_all(fd, s, strlen(s)); }

void rt_exit(int status) {
  rt_timeline_flush();
  for (;;)
    rt_syscall3(SYS_exit_group, status, 0, 0);
}

void rt_fail(const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf - 1, fmt, ap);
  va_end(ap);
  if (n < 0)
    n = 0;
  if (n > (int)sizeof buf - 2)
    n = sizeof buf - 2;
  buf[n] = '\n';
  rt_puts(2, "simulator: ");
  rt_write_all(2, buf, (size_t)n + 1);
  rt_exit(RT_EXIT_FAILURE);
}

static int64_t llseek(int fd, int64_t off, int whence) {
  int64_t result = 0;
  long r = rt_syscall6(SYS_llseek, fd, (long)(off >> 32), (long)(uint32_t)off,
                       (long)&result, whence, 0);
  return rt_is_err(r) ? r : result;
}

static const uint8_t *read_file(const char *path, uint32_t *len) {
  long fd = rt_syscall6(SYS_openat, AT_FDCWD, (long)path, 0 /* O_RDONLY */, 0, 0, 0);
  if (rt_is_err(fd))
    rt_fail("cannot open %s (errno %ld)", path, -fd);
  int64_t size = llseek((int)fd, 0, SEEK_END);
  if (size < 0 || llseek((int)fd, 0, SEEK_SET) != 0)
    rt_fail("cannot seek in %s", path);
  if (size == 0 || size > 0x10000000)
    rt_fail("%s: bad size %lld", path, (long long)size);
  long mem = rt_syscall6(SYS_mmap2, 0, (long)size, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
  if (rt_is_err(mem))
    rt_fail("out of memory reading %s", path);
  uint8_t *buf = (uint8_t *)mem;
  uint32_t got = 0;
  while (got < (uint32_t)size) {
    long r = rt_syscall3(SYS_read, fd, buf + got, (uint32_t)size - got);
    if (r == -4)
      continue;
    if (rt_is_err(r) || r == 0)
      rt_fail("cannot read %s", path);
    got += (uint32_t)r;
  }
  rt_syscall3(SYS_close, fd, 0, 0);
  *len = got;
  return buf;
}

__attribute__((noreturn)) void rt_main(uint32_t *sp);

void rt_main(uint32_t *sp) {
  setup_tls();
  int argc = (int)sp[0];
  char **argv = (char **)(sp + 1);
  if (argc != 2)
    rt_fail("usage: qemu-riscv32 RUNTIME DEVICE.elf");
  uint32_t len;
  const uint8_t *image = read_file(argv[1], &len);
  struct rt_module mod;
  rt_load(image, len, &mod);
  mod.modinit(NULL);
  rt_exit(RT_EXIT_OK);
}
