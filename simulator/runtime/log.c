/* core_log: the kernel's printf. The formatted text goes to stdout as is;
 * kernels supply their own newlines (print() appends "\n" to the format). */
#include <stdio.h>

#include "rt.h"

#define MAP_PRIVATE_ANON 0x22

void core_log(const char *fmt, ...) {
  rt_rpc_sync(); /* the host's output of earlier async RPCs comes first */
  char small[1024];
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0)
    rt_fail("core_log: bad format string");
  char *buf = small;
  if ((size_t)n >= sizeof small) {
    /* Rare long messages get a mapping of their own rather than a heap. */
    long mem = rt_syscall6(SYS_mmap2, 0, n + 1, 3, MAP_PRIVATE_ANON, -1, 0);
    if (rt_is_err(mem))
      rt_fail("core_log: out of memory");
    buf = (char *)mem;
    vsnprintf(buf, (size_t)n + 1, fmt, ap2);
  }
  va_end(ap2);
  long r = rt_write_all(1, buf, (size_t)n);
  if (buf != small)
    rt_syscall3(SYS_munmap, buf, n + 1, 0);
  if (rt_is_err(r) && r != -32 /* EPIPE: the reader went away */)
    rt_fail("core_log: cannot write stdout (errno %ld)", -r);
}
