/* Strings in kernels are {ptr, len} byte strings holding UTF-8, but they
 * behave as Python's str: len(), indexing, slicing and iteration count
 * code points, not bytes. These helpers do the counting; for ASCII text
 * (the common case) a code point is a byte.
 *
 * Compiled for the core device: only firmware exports may be called. */
#include <stdint.h>

void *__kernel_alloc(uint32_t size);
void *memcpy(void *, const void *, uint32_t);
int memcmp(const void *, const void *, uint32_t);

static int continuation(char c) { return ((unsigned char)c & 0xC0) == 0x80; }

/* The byte offset of the code point after the one at off. */
static int32_t next_cp(const char *p, int32_t n, int32_t off) {
  off++;
  while (off < n && continuation(p[off]))
    off++;
  return off;
}

/* The byte offset of the code point before the one at off. */
static int32_t prev_cp(const char *p, int32_t off) {
  off--;
  while (off > 0 && continuation(p[off]))
    off--;
  return off;
}

/* len(s): the number of code points. */
int32_t __kernel_str_len(const char *p, int32_t n) {
  int32_t count = 0;
  for (int32_t i = 0; i < n; i++)
    count += !continuation(p[i]);
  return count;
}

/* s[i] for 0 <= i < len(s): the code point's bytes and their number. */
const char *__kernel_str_at(const char *p, int32_t n, int32_t i, int32_t *len) {
  int32_t off = 0;
  for (int32_t k = 0; k < i && off < n; k++)
    off = next_cp(p, n, off);
  *len = next_cp(p, n, off) - off;
  return p + off;
}

/* s[start::step] with count code points (Python's adjusted slice
 * indices): a new string on the kernel heap. */
char *__kernel_str_slice(const char *p, int32_t n, int32_t start, int32_t step,
                         int32_t count, int32_t *len) {
  /* Each code point is taken at most once, so n bytes suffice. */
  char *out = __kernel_alloc(count > 0 ? (uint32_t)n : 0u);
  int32_t cp = 0, off = 0, k = 0;
  for (int32_t i = 0; i < count; i++) {
    int32_t j = start + i * step;
    while (cp < j) {
      off = next_cp(p, n, off);
      cp++;
    }
    while (cp > j) {
      off = prev_cp(p, off);
      cp--;
    }
    int32_t end = next_cp(p, n, off);
    memcpy(out + k, p + off, (uint32_t)(end - off));
    k += end - off;
  }
  *len = k;
  return out;
}

/* needle in haystack: byte-wise search, which for UTF-8 finds exactly
 * the code point sequences. */
int32_t __kernel_str_contains(const char *h, int32_t hn, const char *s, int32_t sn) {
  if (sn == 0)
    return 1;
  for (int32_t i = 0; i + sn <= hn; i++)
    if (h[i] == s[0] && memcmp(h + i, s, (uint32_t)sn) == 0)
      return 1;
  return 0;
}
