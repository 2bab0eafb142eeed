/* Small fixed-size bignums for exact float-to-decimal conversion
 * (float_repr.c for Python's repr, array_repr.c for NumPy's formatting).
 * Included by each user: the functions are static. */
#ifndef KERNEL_BIGNUM_H
#define KERNEL_BIGNUM_H

#include <stdint.h>

/* 40 limbs of 32 bits: the largest number involved is about 2^1080
 * (the scale for 5e-324 times 10). */
#define BN_LIMBS 40

typedef struct {
  int n; /* limbs in use; d[n-1] != 0 unless n == 0 */
  uint32_t d[BN_LIMBS];
} bn;

static inline void bn_set(bn *a, uint64_t v) {
  a->d[0] = (uint32_t)v;
  a->d[1] = (uint32_t)(v >> 32);
  a->n = a->d[1] ? 2 : a->d[0] ? 1 : 0;
}

static inline void bn_copy(bn *dst, const bn *src) {
  dst->n = src->n;
  for (int i = 0; i < src->n; i++)
    dst->d[i] = src->d[i];
}

static inline void bn_mul_small(bn *a, uint32_t m) {
  uint32_t carry = 0;
  for (int i = 0; i < a->n; i++) {
    uint64_t t = (uint64_t)a->d[i] * m + carry;
    a->d[i] = (uint32_t)t;
    carry = (uint32_t)(t >> 32);
  }
  if (carry)
    a->d[a->n++] = carry;
}

static inline void bn_mul_pow10(bn *a, unsigned k) {
  static const uint32_t small[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
  for (; k >= 9; k -= 9)
    bn_mul_small(a, 1000000000u);
  if (k)
    bn_mul_small(a, small[k]);
}

/* a <<= s */
static inline void bn_shl(bn *a, unsigned s) {
  unsigned limbs = s >> 5, bits = s & 31;
  if (a->n == 0)
    return;
  if (bits) {
    uint32_t carry = 0;
    for (int i = 0; i < a->n; i++) {
      uint32_t v = a->d[i];
      a->d[i] = (v << bits) | carry;
      carry = v >> (32 - bits);
    }
    if (carry)
      a->d[a->n++] = carry;
  }
  if (limbs) {
    for (int i = a->n - 1; i >= 0; i--)
      a->d[i + limbs] = a->d[i];
    for (unsigned i = 0; i < limbs; i++)
      a->d[i] = 0;
    a->n += (int)limbs;
  }
}

static inline int bn_cmp(const bn *a, const bn *b) {
  if (a->n != b->n)
    return a->n < b->n ? -1 : 1;
  for (int i = a->n - 1; i >= 0; i--)
    if (a->d[i] != b->d[i])
      return a->d[i] < b->d[i] ? -1 : 1;
  return 0;
}

/* r = a + b */
static inline void bn_add(bn *r, const bn *a, const bn *b) {
  const bn *lo = a->n < b->n ? a : b, *hi = a->n < b->n ? b : a;
  uint32_t carry = 0;
  int i = 0;
  for (; i < lo->n; i++) {
    uint64_t t = (uint64_t)lo->d[i] + hi->d[i] + carry;
    r->d[i] = (uint32_t)t;
    carry = (uint32_t)(t >> 32);
  }
  for (; i < hi->n; i++) {
    uint64_t t = (uint64_t)hi->d[i] + carry;
    r->d[i] = (uint32_t)t;
    carry = (uint32_t)(t >> 32);
  }
  r->n = hi->n;
  if (carry)
    r->d[r->n++] = carry;
}

/* a -= b, where a >= b */
static inline void bn_sub(bn *a, const bn *b) {
  uint32_t borrow = 0;
  for (int i = 0; i < a->n; i++) {
    uint32_t bi = i < b->n ? b->d[i] : 0;
    uint64_t t = (uint64_t)a->d[i] - bi - borrow;
    a->d[i] = (uint32_t)t;
    borrow = (uint32_t)(t >> 63);
  }
  while (a->n > 0 && a->d[a->n - 1] == 0)
    a->n--;
}

#endif
