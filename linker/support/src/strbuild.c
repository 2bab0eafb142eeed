/* The string builder behind str() and repr() of values: the code that
 * print() uses, with core_log replaced by __kernel_sb_log, which appends
 * to a string in the kernel heap. It understands the conversions that
 * code emits: %d, %lld, %s, %.*s and %%.
 *
 * Compiled for the core device: only firmware exports may be called. */
#include <stdarg.h>
#include <stdint.h>

void *__kernel_alloc(uint32_t size);
void *memcpy(void *, const void *, uint32_t);

static char *buf;
static uint32_t len, cap;

void __kernel_sb_begin(void) {
  buf = 0;
  len = cap = 0;
}

static void put(const char *p, uint32_t n) {
  if (len + n > cap) {
    uint32_t ncap = cap ? cap * 2 : 32;
    while (ncap < len + n)
      ncap *= 2;
    char *nbuf = __kernel_alloc(ncap);
    if (len)
      memcpy(nbuf, buf, len);
    buf = nbuf;
    cap = ncap;
  }
  memcpy(buf + len, p, n);
  len += n;
}

static void put_int(int64_t v) {
  char tmp[24];
  int k = sizeof tmp;
  uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
  do {
    tmp[--k] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0)
    tmp[--k] = '-';
  put(tmp + k, sizeof tmp - k);
}

void __kernel_sb_log(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  for (const char *f = fmt; *f; f++) {
    if (*f != '%') {
      const char *start = f;
      while (f[1] && f[1] != '%')
        f++;
      put(start, (uint32_t)(f - start + 1));
      continue;
    }
    f++;
    if (*f == '%') {
      put("%", 1);
    } else if (*f == 'd') {
      put_int(va_arg(ap, int32_t));
    } else if (f[0] == 'l' && f[1] == 'l' && f[2] == 'd') {
      f += 2;
      put_int(va_arg(ap, int64_t));
    } else if (*f == 's') {
      const char *s = va_arg(ap, const char *);
      uint32_t n = 0;
      while (s[n])
        n++;
      put(s, n);
    } else if (f[0] == '.' && f[1] == '*' && f[2] == 's') {
      f += 2;
      int32_t n = va_arg(ap, int32_t);
      const char *s = va_arg(ap, const char *);
      put(s, (uint32_t)n);
    }
  }
  va_end(ap);
}

/* The string built since __kernel_sb_begin. */
const char *__kernel_sb_end(int32_t *n) {
  *n = (int32_t)len;
  return buf;
}
