/* __kernel_alloc: the kernel heap, a bump allocator over a fixed arena in
 * the device binary's .bss. Lists, strings built at run time and objects
 * created in kernels live here; nothing is freed before the kernel ends,
 * which keeps Python's sharing semantics without a collector. The arena is
 * zeroed by the loader each time the kernel is loaded.
 *
 * Compiled for the core device: only firmware exports may be called. */
#include <stdint.h>

#ifndef KERNEL_HEAP_SIZE
#define KERNEL_HEAP_SIZE (1u << 20)
#endif

static uint8_t heap[KERNEL_HEAP_SIZE] __attribute__((aligned(16)));
static uint32_t heap_top;

struct str {
  const char *ptr;
  uint32_t len;
};

/* The ARTIQ exception layout (see docs/design.md). */
struct exn {
  uint32_t id;
  struct str file;
  uint32_t line, column;
  struct str function;
  struct str message;
  int64_t param[3];
};

void __artiq_raise(struct exn *) __attribute__((noreturn));

#define S(lit) { lit, sizeof(lit) - 1 }

void *__kernel_alloc(uint32_t size) {
  /* Keep every block 8-aligned: the largest alignment of kernel values. */
  uint32_t n = (size + 7u) & ~7u;
  if (n < size || n > KERNEL_HEAP_SIZE - heap_top) {
    static struct exn e = {
        .id = 0, /* ARTIQ's RuntimeError */
        .file = S("<kernel heap>"),
        .function = S("__kernel_alloc"),
        .message = S("kernel heap exhausted ({0} bytes requested)"),
    };
    e.param[0] = size;
    __artiq_raise(&e);
  }
  void *p = heap + heap_top;
  heap_top += n;
  return p;
}
