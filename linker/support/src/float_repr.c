/* __kernel_float_repr: Python's repr() of a double, for print() in kernels.
 *
 * The digits are the shortest decimal string that reads back as the same
 * double, and of those the closest to it: the same string CPython gets from
 * David Gay's dtoa in mode 0. They are computed exactly with small
 * fixed-size bignums (the free-format algorithm of Steele & White as refined
 * by Burger & Dybvig), with Gay's tie rules, then laid out the way CPython
 * formats 'r': fixed notation for 1e-4 <= |x| < 1e16, exponent otherwise.
 *
 * This file is compiled for the core device and must only call what the
 * firmware exports: it uses no floating-point arithmetic (a soft-float
 * target would need helpers) and no 64-bit division. */
#include <stdint.h>

#include "bignum.h"

static int put(char *p, const char *s) {
  int n = 0;
  while (s[n]) {
    p[n] = s[n];
    n++;
  }
  p[n] = 0;
  return n;
}

/* shortest writes the shortest round-trip digits of f * 2^e (f > 0) and
 * returns their count; *decpt receives k with value = 0.DIGITS * 10^k. */
static int shortest(uint64_t f, int e, int asym, char *digits, int *decpt) {
  bn r, s, mp, mm, t;
  int even = (f & 1) == 0; /* ties read back to the even mantissa */
  if (e >= 0) {
    bn_set(&r, f);
    bn_shl(&r, (unsigned)e + 1 + (unsigned)asym);
    bn_set(&s, 2u << asym);
    bn_set(&mm, 1);
    bn_shl(&mm, (unsigned)e);
  } else {
    bn_set(&r, f << (1 + asym));
    bn_set(&s, 1);
    bn_shl(&s, (unsigned)(1 - e + asym));
    bn_set(&mm, 1);
  }
  /* The gap above is twice the gap below at a power of two. */
  bn_copy(&mp, &mm);
  if (asym)
    bn_shl(&mp, 1);

  /* Estimate k = ceil(log10(v)) from the binary exponent b of v; the
   * estimate is never too high and at most one too low. 78913 / 2^18 is
   * log10(2) closely enough for |b| < 1650. */
  int bits = 0;
  for (uint64_t g = f; g; g >>= 1)
    bits++;
  int b = e + bits - 1;
  int k = b > 0 ? (int)(((uint32_t)b * 78913u) >> 18) + 1 : b < 0 ? -(int)(((uint32_t)-b * 78913u) >> 18) : 0;
  if (k >= 0) {
    bn_mul_pow10(&s, (unsigned)k);
  } else {
    bn_mul_pow10(&r, (unsigned)-k);
    bn_mul_pow10(&mp, (unsigned)-k);
    bn_mul_pow10(&mm, (unsigned)-k);
  }
  bn_add(&t, &r, &mp);
  if (even ? bn_cmp(&t, &s) >= 0 : bn_cmp(&t, &s) > 0) {
    bn_mul_small(&s, 10);
    k++;
  }
  *decpt = k;

  int n = 0;
  for (;;) {
    bn_mul_small(&r, 10);
    bn_mul_small(&mp, 10);
    bn_mul_small(&mm, 10);
    int d = 0;
    while (bn_cmp(&r, &s) >= 0) {
      bn_sub(&r, &s);
      d++;
    }
    int jlo = bn_cmp(&r, &mm); /* vs the low boundary */
    bn_add(&t, &r, &mp);
    int jhi = bn_cmp(&t, &s); /* vs the high boundary */
    int low = jlo < 0 || (even && jlo == 0);
    int high = jhi > 0 || (even && jhi == 0);
    if (!low && !high) {
      digits[n++] = (char)('0' + d);
      continue;
    }
    if (low && high) {
      if (jhi == 0) {
        /* Exactly on the high boundary: Gay keeps the lower digit. */
      } else {
        /* Both digits read back; take the nearer, ties to even. */
        bn_copy(&t, &r);
        bn_shl(&t, 1);
        int c = bn_cmp(&t, &s);
        if (c > 0 || (c == 0 && (d & 1)))
          d++;
      }
    } else if (high) {
      d++;
    }
    digits[n++] = (char)('0' + d);
    return n;
  }
}

__attribute__((visibility("hidden"))) int32_t __kernel_float_repr(double x, char *buf) {
  union {
    double d;
    uint64_t u;
  } v;
  v.d = x;
  int neg = (int)(v.u >> 63);
  int bexp = (int)(v.u >> 52) & 0x7ff;
  uint64_t frac = v.u & ((1ull << 52) - 1);
  char *p = buf;

  if (bexp == 0x7ff)
    return frac ? put(buf, "nan") : put(buf, neg ? "-inf" : "inf");
  if (neg)
    *p++ = '-';
  if (bexp == 0 && frac == 0)
    return (int32_t)(p - buf) + put(p, "0.0");

  uint64_t f = bexp ? frac | (1ull << 52) : frac;
  int e = (bexp ? bexp : 1) - 1075;
  char digits[20];
  int decpt;
  int n = shortest(f, e, frac == 0 && bexp > 1, digits, &decpt);

  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) {
      *p++ = '0';
      *p++ = '.';
      for (int i = decpt; i < 0; i++)
        *p++ = '0';
      for (int i = 0; i < n; i++)
        *p++ = digits[i];
    } else {
      for (int i = 0; i < decpt; i++)
        *p++ = i < n ? digits[i] : '0';
      *p++ = '.';
      if (decpt >= n)
        *p++ = '0';
      for (int i = decpt; i < n; i++)
        *p++ = digits[i];
    }
  } else {
    int exp = decpt - 1;
    *p++ = digits[0];
    if (n > 1) {
      *p++ = '.';
      for (int i = 1; i < n; i++)
        *p++ = digits[i];
    }
    *p++ = 'e';
    *p++ = exp < 0 ? '-' : '+';
    unsigned a = (unsigned)(exp < 0 ? -exp : exp);
    /* At most three digits, at least two; counted without division. */
    unsigned h = 0, t = 0;
    while (a >= 100) {
      a -= 100;
      h++;
    }
    while (a >= 10) {
      a -= 10;
      t++;
    }
    if (h)
      *p++ = (char)('0' + h);
    *p++ = (char)('0' + t);
    *p++ = (char)('0' + a);
  }
  *p = 0;
  return (int32_t)(p - buf);
}
