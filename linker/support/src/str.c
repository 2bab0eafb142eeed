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

/* ---- str methods ---------------------------------------------------------
 * Case mapping and whitespace are ASCII's; the other methods work on bytes,
 * which for UTF-8 text finds exactly the code point sequences. */

struct str {
  const char *ptr;
  int32_t len;
};

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* s.upper() (upper != 0) or s.lower(): ASCII and the Latin-1 letters
 * (U+00C0-U+00FE, two UTF-8 bytes C3 xx, whose cases differ by 0x20). */
char *__kernel_str_case(const char *p, int32_t n, int32_t upper) {
  char *out = __kernel_alloc((uint32_t)n);
  for (int32_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (upper && c >= 'a' && c <= 'z')
      c = (unsigned char)(c - 'a' + 'A');
    else if (!upper && c >= 'A' && c <= 'Z')
      c = (unsigned char)(c - 'A' + 'a');
    else if (c >= 0x80 && i > 0 && (unsigned char)p[i - 1] == 0xC3) {
      if (upper && c >= 0xA0 && c <= 0xBE && c != 0xB7) /* not the division sign */
        c = (unsigned char)(c - 0x20);
      else if (!upper && c >= 0x80 && c <= 0x9E && c != 0x97) /* not the multiplication sign */
        c = (unsigned char)(c + 0x20);
    }
    out[i] = (char)c;
  }
  return out;
}

/* The byte offset of the first s in h at or after byte from, or -1. */
static int32_t find_from(const char *h, int32_t hn, const char *s, int32_t sn, int32_t from) {
  for (int32_t i = from; i + sn <= hn; i++)
    if (sn == 0 || (h[i] == s[0] && memcmp(h + i, s, (uint32_t)sn) == 0))
      return i;
  return -1;
}

/* h.find(s): the code point index of the first s, or -1. */
int32_t __kernel_str_find(const char *h, int32_t hn, const char *s, int32_t sn) {
  int32_t i = find_from(h, hn, s, sn, 0);
  return i < 0 ? -1 : __kernel_str_len(h, i);
}

/* h.count(s): non-overlapping occurrences. */
int32_t __kernel_str_count(const char *h, int32_t hn, const char *s, int32_t sn) {
  if (sn == 0)
    return __kernel_str_len(h, hn) + 1;
  int32_t count = 0;
  for (int32_t i = find_from(h, hn, s, sn, 0); i >= 0; i = find_from(h, hn, s, sn, i + sn))
    count++;
  return count;
}

/* p.replace(old, new): every non-overlapping old replaced. */
char *__kernel_str_replace(const char *p, int32_t n, const char *old, int32_t on, const char *new,
                           int32_t nn, int32_t *outlen) {
  int32_t count = __kernel_str_count(p, n, old, on);
  int32_t size = n + count * (nn - on);
  char *out = __kernel_alloc((uint32_t)(size > 0 ? size : 0));
  int32_t k = 0, i = 0;
  if (on == 0) {
    /* "ab".replace("", "-") is "-a-b-": new before every code point and at the end */
    for (;;) {
      memcpy(out + k, new, (uint32_t)nn);
      k += nn;
      if (i >= n)
        break;
      int32_t j = next_cp(p, n, i);
      memcpy(out + k, p + i, (uint32_t)(j - i));
      k += j - i;
      i = j;
    }
    *outlen = k;
    return out;
  }
  for (int32_t j = find_from(p, n, old, on, 0); j >= 0; j = find_from(p, n, old, on, i)) {
    memcpy(out + k, p + i, (uint32_t)(j - i));
    k += j - i;
    memcpy(out + k, new, (uint32_t)nn);
    k += nn;
    i = j + on;
  }
  memcpy(out + k, p + i, (uint32_t)(n - i));
  *outlen = k + n - i;
  return out;
}

static int in_chars(char c, const char *chars, int32_t cn) {
  if (cn < 0)
    return is_space(c);
  for (int32_t i = 0; i < cn; i++)
    if (chars[i] == c)
      return 1;
  return 0;
}

/* s.strip/lstrip/rstrip([chars]) (mode bit 1: left, bit 2: right; cn < 0:
 * whitespace): the kept part's byte offset and length. */
int32_t __kernel_str_strip(const char *p, int32_t n, const char *chars, int32_t cn, int32_t mode,
                           int32_t *len) {
  int32_t lo = 0, hi = n;
  if (mode & 1)
    while (lo < hi && in_chars(p[lo], chars, cn))
      lo++;
  if (mode & 2)
    while (hi > lo && in_chars(p[hi - 1], chars, cn))
      hi--;
  *len = hi - lo;
  return lo;
}

/* s.split([sep]) (sn < 0: runs of whitespace): an array of strings. */
struct str *__kernel_str_split(const char *p, int32_t n, const char *sep, int32_t sn, int32_t *count) {
  int32_t cap = 4, k = 0;
  struct str *out = __kernel_alloc((uint32_t)cap * sizeof *out);
#define PUSH(ptr_, len_)                                                                                     \
  do {                                                                                                       \
    if (k == cap) {                                                                                          \
      struct str *more = __kernel_alloc((uint32_t)cap * 2 * sizeof *out);                                    \
      memcpy(more, out, (uint32_t)cap * sizeof *out);                                                        \
      out = more;                                                                                            \
      cap *= 2;                                                                                              \
    }                                                                                                        \
    out[k].ptr = (ptr_);                                                                                     \
    out[k].len = (len_);                                                                                     \
    k++;                                                                                                     \
  } while (0)
  if (sn < 0) {
    int32_t i = 0;
    for (;;) {
      while (i < n && is_space(p[i]))
        i++;
      if (i >= n)
        break;
      int32_t j = i;
      while (j < n && !is_space(p[j]))
        j++;
      PUSH(p + i, j - i);
      i = j;
    }
  } else {
    int32_t i = 0;
    for (int32_t j = find_from(p, n, sep, sn, 0); j >= 0; j = find_from(p, n, sep, sn, i)) {
      PUSH(p + i, j - i);
      i = j + sn;
    }
    PUSH(p + i, n - i);
  }
#undef PUSH
  *count = k;
  return out;
}

/* sep.join(items). */
char *__kernel_str_join(const char *sep, int32_t sn, const struct str *items, int32_t n, int32_t *outlen) {
  int32_t size = 0;
  for (int32_t i = 0; i < n; i++)
    size += items[i].len + (i > 0 ? sn : 0);
  char *out = __kernel_alloc((uint32_t)size);
  int32_t k = 0;
  for (int32_t i = 0; i < n; i++) {
    if (i > 0) {
      memcpy(out + k, sep, (uint32_t)sn);
      k += sn;
    }
    memcpy(out + k, items[i].ptr, (uint32_t)items[i].len);
    k += items[i].len;
  }
  *outlen = size;
  return out;
}

/* s.startswith(t) (end == 0) or s.endswith(t) (end != 0). */
int32_t __kernel_str_affix(const char *p, int32_t n, const char *s, int32_t sn, int32_t end) {
  if (sn > n)
    return 0;
  return memcmp(end ? p + n - sn : p, s, (uint32_t)sn) == 0;
}
