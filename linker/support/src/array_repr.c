/* __kernel_print_array: prints a NumPy-style array through core_log the
 * way NumPy 1.24 prints it with its default options: str() for print(a),
 * repr() (array([...], dtype=...)) for arrays inside lists and tuples.
 *
 * It follows numpy/core/arrayprint.py: one format for all elements (the
 * widest integer; for floats the common padding of the shortest unique
 * digits, at most 8 after the point, or scientific notation when the
 * values span too wide a range), lines wrapped at 75 columns, nested rows
 * indented under their brackets, and arrays of more than 1000 elements
 * summarized with "..." after the first and before the last 3 items of
 * each axis. The float digits come from NumPy's Dragon4 (its rounding
 * differs from Python's repr at the precision cutoff).
 *
 * Also the messages of the IndexError and ValueError that array
 * operations raise, in NumPy's words.
 *
 * Compiled for the core device: only firmware exports may be called. */
#include <stdint.h>

#include "bignum.h"

void core_log(const char *fmt, ...);
void *__kernel_alloc(uint32_t size);

enum { K_INT32 = 0, K_INT64 = 1, K_FLOAT = 2, K_BOOL = 3 };

#define MAX_DIMS 32
#define EDGE_ITEMS 3
#define THRESHOLD 1000

/* ---- Output: buffered core_log, with the current column ------------- */

static char obuf[256];
static int olen, ocol;

static void out_flush(void) {
  if (olen) {
    core_log("%.*s", olen, obuf);
    olen = 0;
  }
}

static void out(const char *s, int n) {
  for (int i = 0; i < n; i++) {
    if (olen == (int)sizeof obuf)
      out_flush();
    obuf[olen++] = s[i];
    ocol = s[i] == '\n' ? 0 : ocol + 1;
  }
}

static void outs(const char *s) {
  int n = 0;
  while (s[n])
    n++;
  out(s, n);
}

static void spaces(int n) {
  for (int i = 0; i < n; i++)
    out(" ", 1);
}

/* ---- Digits: NumPy's Dragon4 ----------------------------------------- */

enum { CUT_NONE, CUT_FRACTION, CUT_TOTAL };

/* np_digits writes the digits of |x| (finite) and returns their count;
 * *exp10 is the decimal exponent of the first digit. The digits are the
 * shortest that identify x, cut off after `cutoff` digits past the point
 * (CUT_FRACTION) or `cutoff` digits in all (CUT_TOTAL), rounded to
 * nearest, ties to the even digit. */
static int np_digits(uint64_t bits, int mode, int cutoff, char *digits, int *exp10) {
  int bexp = (int)(bits >> 52) & 0x7ff;
  uint64_t frac = bits & ((1ull << 52) - 1);
  uint64_t mant;
  int exponent, mbit, unequal;
  if (bexp) {
    mant = frac | (1ull << 52);
    exponent = bexp - 1075;
    mbit = 52;
    unequal = bexp != 1 && frac == 0;
  } else {
    mant = frac;
    exponent = 1 - 1075;
    mbit = 0;
    for (uint64_t m = mant >> 1; m; m >>= 1)
      mbit++;
    unequal = 0;
  }
  if (mant == 0) {
    digits[0] = '0';
    *exp10 = 0;
    return 1;
  }
  bn r, s, mlo, mhi, t;
  if (exponent > 0) {
    bn_set(&r, mant);
    bn_shl(&r, (unsigned)exponent + 1 + (unsigned)unequal);
    bn_set(&s, 2u << unequal);
    bn_set(&mlo, 1);
    bn_shl(&mlo, (unsigned)exponent);
  } else {
    bn_set(&r, mant << (1 + unequal));
    bn_set(&s, 1);
    bn_shl(&s, (unsigned)(-exponent + 1 + unequal));
    bn_set(&mlo, 1);
  }
  /* The estimate of the first digit's exponent (+1) is right or one too
   * low; 78913 / 2^18 is log10(2) closely enough. */
  int b = exponent + mbit;
  int de = b > 0 ? (int)(((uint32_t)b * 78913u) >> 18) + 1 : b < 0 ? -(int)(((uint32_t)-b * 78913u) >> 18) : 0;
  if (mode == CUT_FRACTION && de <= -cutoff)
    de = -cutoff + 1;
  if (de > 0) {
    bn_mul_pow10(&s, (unsigned)de);
  } else if (de < 0) {
    bn_mul_pow10(&r, (unsigned)-de);
    bn_mul_pow10(&mlo, (unsigned)-de);
  }
  if (bn_cmp(&r, &s) >= 0) {
    de++;
  } else {
    bn_mul_small(&r, 10);
    bn_mul_small(&mlo, 10);
  }
  bn_copy(&mhi, &mlo);
  if (unequal)
    bn_shl(&mhi, 1);

  int cut = de - 30;
  if (mode == CUT_FRACTION && -cutoff > cut)
    cut = -cutoff;
  if (mode == CUT_TOTAL && de - cutoff > cut)
    cut = de - cutoff;
  *exp10 = de - 1;

  int even = (mant & 1) == 0;
  int n = 0, d, low, high;
  for (;;) {
    de--;
    d = 0;
    while (bn_cmp(&r, &s) >= 0) {
      bn_sub(&r, &s);
      d++;
    }
    bn_add(&t, &r, &mhi);
    int c = bn_cmp(&r, &mlo);
    low = even ? c <= 0 : c < 0;
    c = bn_cmp(&t, &s);
    high = even ? c >= 0 : c > 0;
    if (low || high || de == cut)
      break;
    digits[n++] = (char)('0' + d);
    bn_mul_small(&r, 10);
    bn_mul_small(&mlo, 10);
    bn_copy(&mhi, &mlo);
    if (unequal)
      bn_shl(&mhi, 1);
  }
  int down = low;
  if (low == high) {
    bn_copy(&t, &r);
    bn_shl(&t, 1);
    int c = bn_cmp(&t, &s);
    down = c < 0 || (c == 0 && (d & 1) == 0);
  }
  if (down) {
    digits[n++] = (char)('0' + d);
  } else if (d < 9) {
    digits[n++] = (char)('0' + d + 1);
  } else {
    for (;;) {
      if (n == 0) {
        digits[n++] = '1';
        *exp10 += 1;
        break;
      }
      n--;
      if (digits[n] != '9') {
        digits[n]++;
        n++;
        break;
      }
    }
  }
  return n;
}

/* ---- Element formats (arrayprint's IntegerFormat, FloatingFormat,
 * BoolFormat) --------------------------------------------------------- */

struct fmt {
  int kind;
  int width;     /* integers */
  int exp_mode;  /* floats: scientific notation */
  int pad_left;  /* characters before the point */
  int pad_right; /* characters after it */
  int precision; /* scientific: digits after the point */
  int exp_size;  /* scientific: digits of the exponent */
};

static int is_finite(uint64_t u) { return ((u >> 52) & 0x7ff) != 0x7ff; }

/* fmt_int writes v in decimal (no 64-bit division on the device: it
 * subtracts powers of ten) and returns the length. */
static int fmt_int(int64_t v, char *buf) {
  static const uint64_t p10[] = {1000000000000000000ull, 100000000000000000ull, 10000000000000000ull,
                                 1000000000000000ull,    100000000000000ull,    10000000000000ull,
                                 1000000000000ull,       100000000000ull,       10000000000ull,
                                 1000000000ull,          100000000ull,          10000000ull,
                                 1000000ull,             100000ull,             10000ull,
                                 1000ull,                100ull,                10ull,
                                 1ull};
  int k = 0, started = 0;
  uint64_t a = (uint64_t)v;
  if (v < 0) {
    buf[k++] = '-';
    a = 0 - a;
  }
  for (unsigned i = 0; i < sizeof p10 / sizeof p10[0]; i++) {
    int d = 0;
    while (a >= p10[i]) {
      a -= p10[i];
      d++;
    }
    if (d || started || p10[i] == 1) {
      buf[k++] = (char)('0' + d);
      started = 1;
    }
  }
  return k;
}

/* Positional: [-]int.frac with the fraction trimmed of zeros (NumPy's
 * trim='.'), padded to pad_left/pad_right when they are >= 0. Returns the
 * length; *lp and *rp receive the widths before and after the point. */
static int fmt_positional(uint64_t u, char *buf, int pad_left, int pad_right, int *lp, int *rp) {
  char digits[40];
  int e;
  int n = np_digits(u & ~(1ull << 63), CUT_FRACTION, 8, digits, &e);
  char ip[48], fp[48];
  int ni = 0, nf = 0;
  if (u >> 63)
    ip[ni++] = '-';
  if (e >= 0) {
    for (int i = 0; i <= e; i++)
      ip[ni++] = i < n ? digits[i] : '0';
    for (int i = e + 1; i < n; i++)
      fp[nf++] = digits[i];
  } else {
    ip[ni++] = '0';
    for (int i = -1; i > e; i--)
      fp[nf++] = '0';
    for (int i = 0; i < n; i++)
      fp[nf++] = digits[i];
  }
  while (nf > 0 && fp[nf - 1] == '0')
    nf--;
  *lp = ni;
  *rp = nf;
  int k = 0;
  for (int i = ni; i < pad_left; i++)
    buf[k++] = ' ';
  for (int i = 0; i < ni; i++)
    buf[k++] = ip[i];
  buf[k++] = '.';
  for (int i = 0; i < nf; i++)
    buf[k++] = fp[i];
  for (int i = nf; i < pad_right; i++)
    buf[k++] = ' ';
  return k;
}

/* Scientific: [-]d.ddde[+-]XX. With precision < 0 (the measuring pass)
 * the fraction is trimmed of zeros; otherwise it has exactly `precision`
 * digits. */
static int fmt_scientific(uint64_t u, char *buf, int precision, int pad_left, int exp_size, int *lp, int *rp,
                          int *ep) {
  char digits[40];
  int e;
  int cut = precision < 0 ? 9 : precision + 1;
  int n = np_digits(u & ~(1ull << 63), CUT_TOTAL, cut, digits, &e);
  char ip[4], fp[48], xp[8];
  int ni = 0, nf = 0, nx = 0;
  if (u >> 63)
    ip[ni++] = '-';
  ip[ni++] = digits[0];
  for (int i = 1; i < n; i++)
    fp[nf++] = digits[i];
  if (precision < 0) {
    while (nf > 0 && fp[nf - 1] == '0')
      nf--;
  } else {
    while (nf < precision)
      fp[nf++] = '0';
  }
  unsigned a = (unsigned)(e < 0 ? -e : e);
  char ed[8];
  int ne = 0;
  do {
    unsigned q = 0;
    while (a >= 10) {
      a -= 10;
      q++;
    }
    ed[ne++] = (char)('0' + a);
    a = q;
  } while (a);
  int want = exp_size < 2 ? 2 : exp_size;
  while (ne < want)
    ed[ne++] = '0';
  xp[nx++] = e < 0 ? '-' : '+';
  while (ne)
    xp[nx++] = ed[--ne];
  *lp = ni;
  *rp = nf;
  *ep = nx - 1;
  int k = 0;
  for (int i = ni; i < pad_left; i++)
    buf[k++] = ' ';
  for (int i = 0; i < ni; i++)
    buf[k++] = ip[i];
  buf[k++] = '.';
  for (int i = 0; i < nf; i++)
    buf[k++] = fp[i];
  buf[k++] = 'e';
  for (int i = 0; i < nx; i++)
    buf[k++] = xp[i];
  return k;
}

/* ---- The array ------------------------------------------------------ */

struct arr {
  const uint8_t *data;
  const int32_t *shape;
  int ndims;
  int kind;
  int esize;
  int32_t strides[MAX_DIMS]; /* in elements */
  int summarize;
  struct fmt f;
  /* the layout */
  const char *sep;
  int seplen;
};

static int64_t int_at(const struct arr *a, int32_t i) {
  const uint8_t *p = a->data + (uint32_t)i * (uint32_t)a->esize;
  if (a->kind == K_INT32) {
    int32_t v;
    __builtin_memcpy(&v, p, 4);
    return v;
  }
  int64_t v;
  __builtin_memcpy(&v, p, 8);
  return v;
}

static uint64_t float_at(const struct arr *a, int32_t i) {
  uint64_t v;
  __builtin_memcpy(&v, a->data + (uint32_t)i * 8u, 8);
  return v;
}

/* Calls visit for the flat index of every element that is shown. */
static void walk(const struct arr *a, int axis, int32_t off, void (*visit)(struct arr *, int32_t), struct arr *st) {
  if (axis == a->ndims) {
    visit(st, off);
    return;
  }
  int32_t n = a->shape[axis];
  int summary = a->summarize && n > 2 * EDGE_ITEMS;
  for (int32_t i = 0; i < n; i++) {
    if (summary && i == EDGE_ITEMS)
      i = n - EDGE_ITEMS;
    walk(a, axis + 1, off + i * a->strides[axis], visit, st);
  }
}

/* The measuring pass. */
static struct {
  int any;
  int64_t imin, imax;
  int finite, nonfinite, neginf;
  uint64_t amin, amax; /* |x| of the finite non-zero ones, as bits */
} m;

static void measure_num(struct arr *a, int32_t i) {
  if (a->kind == K_FLOAT) {
    uint64_t u = float_at(a, i);
    if (!is_finite(u)) {
      m.nonfinite = 1;
      if ((u & ((1ull << 52) - 1)) == 0 && (u >> 63))
        m.neginf = 1;
      return;
    }
    uint64_t mag = u & ~(1ull << 63);
    if (mag) {
      if (!m.any || mag < m.amin)
        m.amin = mag;
      if (!m.any || mag > m.amax)
        m.amax = mag;
      m.any = 1;
    }
    m.finite = 1;
    return;
  }
  int64_t v = int_at(a, i);
  if (!m.any || v < m.imin)
    m.imin = v;
  if (!m.any || v > m.imax)
    m.imax = v;
  m.any = 1;
}

static void measure_float(struct arr *a, int32_t i) {
  uint64_t u = float_at(a, i);
  if (!is_finite(u))
    return;
  char buf[64];
  int lp, rp, ep;
  if (a->f.exp_mode) {
    fmt_scientific(u, buf, -1, 0, 0, &lp, &rp, &ep);
    if (ep > a->f.exp_size)
      a->f.exp_size = ep;
  } else {
    fmt_positional(u, buf, -1, -1, &lp, &rp);
  }
  if (lp > a->f.pad_left)
    a->f.pad_left = lp;
  if (rp > a->f.pad_right)
    a->f.pad_right = rp;
}

static double double_of(uint64_t u) {
  union {
    double d;
    uint64_t u;
  } v;
  v.u = u;
  return v.d;
}

static void fill_format(struct arr *a) {
  struct fmt *f = &a->f;
  f->kind = a->kind;
  m.any = m.finite = m.nonfinite = m.neginf = 0;
  if (a->kind == K_BOOL)
    return;
  walk(a, 0, 0, measure_num, a);
  if (a->kind != K_FLOAT) {
    char b1[24], b2[24];
    int w1 = m.any ? fmt_int(m.imin, b1) : 0, w2 = m.any ? fmt_int(m.imax, b2) : 0;
    f->width = w1 > w2 ? w1 : w2;
    return;
  }
  if (m.any) {
    double mx = double_of(m.amax), mn = double_of(m.amin);
    if (mx >= 1.e8 || mn < 0.0001 || mx / mn > 1000.)
      f->exp_mode = 1;
  }
  if (m.finite) {
    walk(a, 0, 0, measure_float, a);
    if (f->exp_mode) {
      f->precision = f->pad_right;
      f->pad_right = f->exp_size + 2 + f->precision;
    }
  }
  if (m.nonfinite) {
    int offset = f->pad_right + 1;
    if (3 - offset > f->pad_left)
      f->pad_left = 3 - offset;
    if (3 + m.neginf - offset > f->pad_left)
      f->pad_left = 3 + m.neginf - offset;
  }
}

static int format_elem(const struct arr *a, int32_t i, char *buf) {
  const struct fmt *f = &a->f;
  switch (a->kind) {
  case K_BOOL:
    if (a->data[i] & 1) {
      __builtin_memcpy(buf, " True", 5);
    } else {
      __builtin_memcpy(buf, "False", 5);
    }
    return 5;
  case K_FLOAT: {
    uint64_t u = float_at(a, i);
    int lp, rp, ep;
    if (is_finite(u)) {
      if (f->exp_mode)
        return fmt_scientific(u, buf, f->precision, f->pad_left, f->exp_size, &lp, &rp, &ep);
      return fmt_positional(u, buf, f->pad_left, f->pad_right, &lp, &rp);
    }
    const char *s = (u & ((1ull << 52) - 1)) ? "nan" : (u >> 63) ? "-inf" : "inf";
    int n = 0;
    while (s[n])
      n++;
    int w = f->pad_left + f->pad_right + 1, k = 0;
    for (int j = n; j < w; j++)
      buf[k++] = ' ';
    for (int j = 0; j < n; j++)
      buf[k++] = s[j];
    return k;
  }
  default: {
    char tmp[24];
    int n = fmt_int(int_at(a, i), tmp), k = 0;
    for (int j = n; j < f->width; j++)
      buf[k++] = ' ';
    for (int j = 0; j < n; j++)
      buf[k++] = tmp[j];
    return k;
  }
  }
}

/* ---- arrayprint._formatArray ---------------------------------------- */

/* The line being filled; it starts with the hanging indent. */
static char line[512];
static int line_len;

static void line_add(const char *s, int n) {
  for (int i = 0; i < n && line_len < (int)sizeof line; i++)
    line[line_len++] = s[i];
}

/* Emits the line (without trailing spaces), skipping `skip` characters
 * (the hanging indent of the array's first line, which the bracket
 * replaces). */
static void line_emit(int skip, int rstrip) {
  int n = line_len;
  if (rstrip)
    while (n > 0 && line[n - 1] == ' ')
      n--;
  if (skip < n)
    out(line + skip, n - skip);
}

/* _extendLine: adds word to the line, first wrapping when it would pass
 * width (unless the line holds no more than the indent). *first says
 * whether the line is still the array's first. */
static void extend_line(const char *word, int wlen, int width, int hang, int *first) {
  if (line_len + wlen > width && line_len > hang) {
    line_emit(*first ? hang : 0, 1);
    out("\n", 1);
    *first = 0;
    line_len = 0;
    for (int i = 0; i < hang; i++)
      line[line_len++] = ' ';
  }
  line_add(word, wlen);
}

static void recurse(const struct arr *a, int axis, int32_t off, int hang, int width) {
  int axes_left = a->ndims - axis;
  int32_t n = a->shape[axis];
  int summary = a->summarize && n > 2 * EDGE_ITEMS;
  int32_t lead = summary ? EDGE_ITEMS : 0;
  int32_t trail = summary ? EDGE_ITEMS : n;
  out("[", 1);
  if (axes_left == 1) {
    int elem_width = width - 1; /* max(len(separator.rstrip()), len(']')) */
    int first = 1;
    char word[64];
    line_len = 0;
    for (int i = 0; i < hang; i++)
      line[line_len++] = ' ';
    for (int32_t i = 0; i < lead; i++) {
      int k = format_elem(a, off + i * a->strides[axis], word);
      extend_line(word, k, elem_width, hang, &first);
      line_add(a->sep, a->seplen);
    }
    if (summary) {
      extend_line("...", 3, elem_width, hang, &first);
      line_add(a->sep, a->seplen);
    }
    for (int32_t i = trail; i > 1; i--) {
      int k = format_elem(a, off + (n - i) * a->strides[axis], word);
      extend_line(word, k, elem_width, hang, &first);
      line_add(a->sep, a->seplen);
    }
    int k = format_elem(a, off + (n - 1) * a->strides[axis], word);
    extend_line(word, k, elem_width, hang, &first);
    line_emit(first ? hang : 0, 0);
  } else {
    /* line_sep = separator.rstrip() + '\n' * (axes_left - 1) */
    int sepn = a->seplen;
    while (sepn > 0 && a->sep[sepn - 1] == ' ')
      sepn--;
    int first = 1;
    for (int32_t i = 0; i < lead; i++) {
      if (!first)
        spaces(hang);
      first = 0;
      recurse(a, axis + 1, off + i * a->strides[axis], hang + 1, width - 1);
      out(a->sep, sepn);
      for (int j = 1; j < axes_left; j++)
        out("\n", 1);
    }
    if (summary) {
      spaces(hang);
      out("...", 3);
      out(a->sep, sepn);
      for (int j = 1; j < axes_left; j++)
        out("\n", 1);
    }
    for (int32_t i = trail; i > 1; i--) {
      if (!first)
        spaces(hang);
      first = 0;
      recurse(a, axis + 1, off + (n - i) * a->strides[axis], hang + 1, width - 1);
      out(a->sep, sepn);
      for (int j = 1; j < axes_left; j++)
        out("\n", 1);
    }
    if (!first)
      spaces(hang);
    recurse(a, axis + 1, off + (n - 1) * a->strides[axis], hang + 1, width - 1);
  }
  out("]", 1);
}

static const char *dtype_name(int kind) {
  switch (kind) {
  case K_INT32:
    return "int32";
  case K_INT64:
    return "int64";
  case K_FLOAT:
    return "float64";
  }
  return "bool";
}

/* data: the elements, row-major; shape: ndims sizes; kind: K_*; repr:
 * NumPy's repr() rather than str(). */
void __kernel_print_array(const void *data, const int32_t *shape, int32_t ndims, int32_t kind, int32_t repr) {
  static struct arr a;
  a.data = data;
  a.shape = shape;
  a.ndims = ndims > MAX_DIMS ? MAX_DIMS : ndims;
  a.kind = kind;
  a.esize = kind == K_INT32 ? 4 : kind == K_BOOL ? 1 : 8;
  a.f = (struct fmt){0};
  int32_t size = 1;
  for (int i = a.ndims - 1; i >= 0; i--) {
    a.strides[i] = size;
    size *= shape[i];
  }
  a.summarize = size > THRESHOLD;
  a.sep = repr ? ", " : " ";
  a.seplen = repr ? 2 : 1;
  olen = 0;
  ocol = 0;
  int show_dtype = repr && (kind == K_INT32 || size == 0);
  if (repr)
    outs("array(");
  if (size == 0) {
    if (!repr || (a.ndims == 1)) {
      outs("[]");
    } else {
      outs("[], shape=(");
      for (int i = 0; i < a.ndims; i++) {
        char b[24];
        if (i)
          outs(", ");
        out(b, fmt_int(shape[i], b));
      }
      outs(a.ndims == 1 ? ",)" : ")");
    }
  } else {
    fill_format(&a);
    /* array2string: the line width less the suffix's; the hanging indent
     * skips "[" (and "array(" for repr). */
    int width = 75 - (repr ? 1 : 0);
    recurse(&a, 0, 0, repr ? 7 : 1, width);
  }
  if (repr) {
    if (!show_dtype) {
      outs(")");
    } else {
      outs(",");
      const char *dn = dtype_name(kind);
      int dl = 0;
      while (dn[dl])
        dl++;
      /* "dtype=" + name + ")" on a new line when it would pass 75 columns */
      if (ocol + 6 + dl + 1 + 1 > 75)
        outs("\n      ");
      else
        outs(" ");
      outs("dtype=");
      outs(dn);
      outs(")");
    }
  }
  out_flush();
}

/* ---- Exception messages ---------------------------------------------- */

struct str {
  const char *ptr;
  uint32_t len;
};

static char mbuf[256];
static int mlen;

static void madd(const char *s) {
  while (*s && mlen < (int)sizeof mbuf)
    mbuf[mlen++] = *s++;
}

static void madd_int(int64_t v) {
  char b[24];
  int n = fmt_int(v, b);
  for (int i = 0; i < n && mlen < (int)sizeof mbuf; i++)
    mbuf[mlen++] = b[i];
}

/* NumPy's C-side shape: (2,3) or (3,). */
static void madd_shape(const int32_t *shape, int32_t n) {
  madd("(");
  for (int32_t i = 0; i < n; i++) {
    if (i)
      madd(",");
    madd_int(shape[i]);
  }
  if (n == 1)
    madd(",");
  madd(")");
}

static void mdone(struct str *outp) {
  char *p = __kernel_alloc((uint32_t)mlen + 1);
  for (int i = 0; i < mlen; i++)
    p[i] = mbuf[i];
  p[mlen] = 0;
  outp->ptr = p;
  outp->len = (uint32_t)mlen;
}

/* IndexError: index I is out of bounds for axis A with size N */
void __kernel_array_index_msg(struct str *outp, int64_t index, int32_t axis, int32_t size) {
  mlen = 0;
  madd("index ");
  madd_int(index);
  madd(" is out of bounds for axis ");
  madd_int(axis);
  madd(" with size ");
  madd_int(size);
  mdone(outp);
}

/* ValueError: the shapes of two operands do not fit; which:
 * 0 operands of a binary operation, 1 the output of an in-place one,
 * 2 an array assigned into a part of another. */
void __kernel_array_shape_msg(struct str *outp, int32_t which, const int32_t *s1, int32_t n1, const int32_t *s2,
                              int32_t n2) {
  mlen = 0;
  switch (which) {
  case 0:
    madd("operands could not be broadcast together with shapes ");
    madd_shape(s1, n1);
    madd(" ");
    madd_shape(s2, n2);
    madd(" ");
    break;
  case 1:
    madd("non-broadcastable output operand with shape ");
    madd_shape(s1, n1);
    madd(" doesn't match the broadcast shape ");
    madd_shape(s2, n2);
    break;
  default:
    madd("could not broadcast input array from shape ");
    madd_shape(s1, n1);
    madd(" into shape ");
    madd_shape(s2, n2);
    break;
  }
  mdone(outp);
}

/* ValueError of array() of a ragged nested list: NumPy's words, with the
 * shape found before the first level whose lengths differ (a Python
 * tuple). */
void __kernel_array_ragged_msg(struct str *outp, int32_t after, const int32_t *shape) {
  mlen = 0;
  madd("setting an array element with a sequence. The requested array has an inhomogeneous shape after ");
  madd_int(after);
  madd(" dimensions. The detected shape was (");
  for (int32_t i = 0; i < after; i++) {
    if (i)
      madd(", ");
    madd_int(shape[i]);
  }
  if (after == 1)
    madd(",");
  madd(") + inhomogeneous part.");
  mdone(outp);
}

/* ValueError of numpy.linspace with a negative number of samples. */
void __kernel_array_samples_msg(struct str *outp, int32_t n) {
  mlen = 0;
  madd("Number of samples, ");
  madd_int(n);
  madd(", must be non-negative.");
  mdone(outp);
}

/* ValueError of x @ y whose inner dimensions differ. */
void __kernel_array_matmul_msg(struct str *outp, int32_t ky, int32_t kx) {
  mlen = 0;
  madd("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
       "(n?,k),(k,m?)->(n?,m?) (size ");
  madd_int(ky);
  madd(" is different from ");
  madd_int(kx);
  madd(")");
  mdone(outp);
}

/* ---- Reductions ------------------------------------------------------ */

/* NumPy's pairwise summation (numpy/core/src/umath/loops_utils): fewer
 * than 8 in order; up to 128 with 8 accumulators combined in a tree; more
 * by halves (multiples of 8). Float sums round exactly as NumPy's do. The
 * elements are doubles, or integers (kind) that NumPy casts first. */
static double elem_as_double(const void *a, int kind, int32_t i) {
  switch (kind) {
  case K_INT32:
    return (double)((const int32_t *)a)[i];
  case K_INT64:
    return (double)((const int64_t *)a)[i];
  case K_BOOL:
    return (double)(((const uint8_t *)a)[i] & 1);
  }
  return ((const double *)a)[i];
}

static double pairwise_sum(const void *a, int kind, int32_t off, int32_t n) {
  if (n < 8) {
    double res = 0.;
    for (int32_t i = 0; i < n; i++)
      res += elem_as_double(a, kind, off + i);
    return res;
  }
  if (n <= 128) {
    double r[8];
    int32_t i;
    for (int j = 0; j < 8; j++)
      r[j] = elem_as_double(a, kind, off + j);
    for (i = 8; i < n - (n % 8); i += 8)
      for (int j = 0; j < 8; j++)
        r[j] += elem_as_double(a, kind, off + i + j);
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++)
      res += elem_as_double(a, kind, off + i);
    return res;
  }
  int32_t n2 = n / 2;
  n2 -= n2 % 8;
  return pairwise_sum(a, kind, off, n2) + pairwise_sum(a, kind, off + n2, n - n2);
}

/* The float sum of n elements: the identity 0 plus the pairwise sums of
 * NumPy's buffers of 8192 elements, one after another. */
double __kernel_array_fsum(const void *a, int32_t n, int32_t kind) {
  double res = 0.;
  for (int32_t off = 0; off < n; off += 8192) {
    int32_t m = n - off < 8192 ? n - off : 8192;
    res += pairwise_sum(a, kind, off, m);
  }
  return res;
}
