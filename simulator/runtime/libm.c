/* An accurate libm core for the simulator: exp, exp2, log, log2, pow, the
 * trigonometric functions and hypot, computed in double-double arithmetic
 * (about 106 bits) and rounded once, so that results are the correctly
 * rounded ones except in astronomically rare cases. They replace
 * picolibc's versions (often one unit in the last place off) under the
 * libm names, also inside picolibc: its cosh, sinh, asinh, acosh, erf and
 * log10 keep their fdlibm algorithms but call these exp and log, which is
 * how glibc layers them, so results match CPython's (glibc) as a rule.
 * tgamma and lgamma (rt_tgamma, rt_lgamma) follow the method of CPython's
 * math module, a Lanczos approximation, as math.gamma and math.lgamma
 * compute them there.
 *
 * Nothing here may call the functions it replaces: start values come from
 * picolibc's single-precision logf and atan2f, huge trigonometric
 * arguments are reduced by picolibc's __rem_pio2. */
#include <math.h>
#include <stdint.h>

/* The error-free transformations below need every operation rounded on
 * its own: no fused multiply-adds. */
#pragma STDC FP_CONTRACT OFF

#undef log2 /* picolibc's math.h makes it a macro */

typedef struct {
  double hi, lo;
} dd;

/* ---- double-double arithmetic (Dekker, Knuth; no FMA needed) ---------- */

static dd two_sum(double a, double b) {
  double s = a + b;
  double bb = s - a;
  double e = (a - (s - bb)) + (b - bb);
  return (dd){s, e};
}

static dd quick_two_sum(double a, double b) {
  double s = a + b;
  return (dd){s, b - (s - a)};
}

static void split(double a, double *hi, double *lo) {
  double t = 134217729.0 * a; /* 2^27 + 1 */
  *hi = t - (t - a);
  *lo = a - *hi;
}

static dd two_prod(double a, double b) {
  double p = a * b;
  double ah, al, bh, bl;
  if (fabs(a) > 0x1p995 || fabs(b) > 0x1p995) /* splitting would overflow */
    return (dd){p, 0.0};
  split(a, &ah, &al);
  split(b, &bh, &bl);
  double e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  return (dd){p, e};
}

static dd dd_from(double a) { return (dd){a, 0.0}; }

static dd dd_add(dd a, dd b) {
  dd s = two_sum(a.hi, b.hi);
  dd t = two_sum(a.lo, b.lo);
  s.lo += t.hi;
  s = quick_two_sum(s.hi, s.lo);
  s.lo += t.lo;
  return quick_two_sum(s.hi, s.lo);
}

static dd dd_neg(dd a) { return (dd){-a.hi, -a.lo}; }

static dd dd_sub(dd a, dd b) { return dd_add(a, dd_neg(b)); }

static dd dd_mul(dd a, dd b) {
  dd p = two_prod(a.hi, b.hi);
  p.lo += a.hi * b.lo + a.lo * b.hi;
  return quick_two_sum(p.hi, p.lo);
}

static dd dd_mul_d(dd a, double b) {
  dd p = two_prod(a.hi, b);
  p.lo += a.lo * b;
  return quick_two_sum(p.hi, p.lo);
}

static dd dd_div(dd a, dd b) {
  double q1 = a.hi / b.hi;
  dd r = dd_sub(a, dd_mul_d(b, q1));
  double q2 = r.hi / b.hi;
  r = dd_sub(r, dd_mul_d(b, q2));
  double q3 = r.hi / b.hi;
  dd q = quick_two_sum(q1, q2);
  return dd_add(q, dd_from(q3));
}

static dd dd_ldexp(dd a, int k) { return (dd){ldexp(a.hi, k), ldexp(a.lo, k)}; }

static dd dd_sqrt(dd a) {
  if (a.hi <= 0.0)
    return dd_from(sqrt(a.hi));
  double s = sqrt(a.hi);
  dd r = dd_sub(a, two_prod(s, s));
  return dd_add(dd_from(s), dd_from(r.hi / (2.0 * s)));
}

/* The double nearest to a. */
static double dd_round(dd a) { return a.hi + a.lo; }

static const dd LN2 = {0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56};
static const dd INV_LN2 = {0x1.71547652b82fep+0, 0x1.777d0ffda0d24p-56};
static const dd INV_LN10 = {0x1.bcb7b1526e50ep-2, 0x1.95355baaafad3p-57};
/* pi/2 in three parts, for argument reduction. */
static const double PIO2_1 = 0x1.921fb54442d18p+0;
static const double PIO2_2 = 0x1.1a62633145c07p-54;
static const double PIO2_3 = -0x1.f1976b7ed8fbcp-110;

/* ---- exp and log -------------------------------------------------------- */

float logf(float);
float atan2f(float, float);
int32_t __rem_pio2(double, double *);

static const double PI = 0x1.921fb54442d18p+1;
static const double PIO2 = 0x1.921fb54442d18p+0;

/* e^a - 1 for |a| <= 0.35 (a double-double). */
static dd expm1_small(dd a) {
  /* e^s - 1 for s = a / 512 by Taylor's series, then (1+E)^2 - 1 = E(2+E)
   * nine times: the relative precision of E is kept throughout. */
  dd s = dd_ldexp(a, -9);
  dd e = dd_from(0.0);
  for (int n = 10; n >= 1; n--) {
    /* Horner: e = s/n * (1 + e) */
    e = dd_div(dd_mul(s, dd_add(dd_from(1.0), e)), dd_from((double)n));
  }
  for (int i = 0; i < 9; i++)
    e = dd_mul(e, dd_add(dd_from(2.0), e));
  return e;
}

/* e^a for a double-double a; *k receives the power of two taken out
 * (the result is r * 2^k with r in [0.7, 1.42]). */
static dd exp_dd_scaled(dd a, int *k) {
  double kf = nearbyint(a.hi * INV_LN2.hi);
  dd r = dd_sub(a, dd_mul_d(LN2, kf));
  *k = (int)kf;
  return dd_add(dd_from(1.0), expm1_small(r));
}

/* ldexp of a double-double, rounded once (also into the subnormals). */
static double dd_round_scaled(dd r, int k) {
  if (k > -1000)
    return ldexp(dd_round(r), k);
  double hi = ldexp(r.hi, k + 60);
  double lo = ldexp(r.lo, k + 60);
  return ldexp(hi + lo, -60);
}

double exp(double x) {
  if (isnan(x))
    return x;
  if (x > 709.8)
    return HUGE_VAL;
  if (x < -745.2)
    return 0.0;
  int k;
  dd r = exp_dd_scaled(dd_from(x), &k);
  return dd_round_scaled(r, k);
}

/* log(a) for a normal positive a: Newton's steps y += a e^-y - 1 from
 * single precision, each doubling the bits. */
static dd log_dd(dd a) {
  int e;
  double m = frexp(a.hi, &e);
  dd y = dd_from((double)e * LN2.hi + (double)logf((float)m));
  for (int i = 0; i < 3; i++) {
    int k;
    dd t = exp_dd_scaled(dd_neg(y), &k);
    t = dd_ldexp(dd_mul(a, t), k);
    y = dd_add(y, dd_sub(t, dd_from(1.0)));
  }
  return y;
}

/* The special values of log, log2 (NaN for a negative x, -inf at 0). */
static int log_special(double x, double *r) {
  if (isnan(x) || x == HUGE_VAL) {
    *r = x;
    return 1;
  }
  if (x == 0.0) {
    *r = -HUGE_VAL;
    return 1;
  }
  if (x < 0.0) {
    *r = NAN;
    return 1;
  }
  return 0;
}

double log(double x) {
  double r;
  if (log_special(x, &r))
    return r;
  if (x == 1.0)
    return 0.0;
  if (x < 0x1p-1000) /* subnormal: scale up first */
    return dd_round(dd_sub(log_dd(dd_from(x * 0x1p200)), dd_mul_d(LN2, 200.0)));
  return dd_round(log_dd(dd_from(x)));
}

double log2(double x) {
  double r;
  if (log_special(x, &r))
    return r;
  int e;
  double m = frexp(x, &e);
  if (m == 0.5)
    return (double)(e - 1); /* powers of two are exact */
  return dd_round(dd_add(dd_from((double)e), dd_mul(log_dd(dd_from(m)), INV_LN2)));
}

double exp2(double x) {
  if (isnan(x))
    return x;
  if (x > 1024.0)
    return HUGE_VAL;
  if (x < -1075.0)
    return 0.0;
  double n = floor(x);
  if (n == x)
    return ldexp(1.0, (int)n);
  int k;
  dd r = exp_dd_scaled(dd_mul_d(LN2, x - n), &k);
  return dd_round_scaled(r, k + (int)n);
}

static int is_integer(double y) { return floor(y) == y; }

static int is_odd_integer(double y) {
  if (!is_integer(y) || fabs(y) >= 0x1p53)
    return 0;
  return fmod(y, 2.0) != 0.0;
}

/* pow's special cases (C99 Annex F). */
static int pow_special(double x, double y, double *r) {
  if (y == 0.0 || x == 1.0) {
    *r = 1.0;
    return 1;
  }
  if (isnan(x) || isnan(y)) {
    *r = x + y;
    return 1;
  }
  if (isinf(y)) {
    double ax = fabs(x);
    if (ax == 1.0)
      *r = 1.0;
    else if ((ax < 1.0) == (y < 0.0))
      *r = HUGE_VAL;
    else
      *r = 0.0;
    return 1;
  }
  if (x == 0.0 || isinf(x)) {
    /* 0 and inf: the magnitude from the signs, the sign from odd y */
    int big = (x == 0.0) == (y < 0.0);
    double m = big ? HUGE_VAL : 0.0;
    *r = (signbit(x) && is_odd_integer(y)) ? -m : m;
    return 1;
  }
  if (x < 0.0 && !is_integer(y)) {
    *r = NAN;
    return 1;
  }
  return 0;
}

double pow(double x, double y) {
  double r;
  if (pow_special(x, y, &r))
    return r;
  double sign = 1.0;
  if (x < 0.0) {
    if (is_odd_integer(y))
      sign = -1.0;
    x = -x;
  }
  if (y == 1.0)
    return sign * x;
  dd lx;
  if (x < 0x1p-1000)
    lx = dd_sub(log_dd(dd_from(x * 0x1p200)), dd_mul_d(LN2, 200.0));
  else
    lx = log_dd(dd_from(x));
  dd l = dd_mul_d(lx, y);
  if (l.hi > 709.8)
    return sign * HUGE_VAL;
  if (l.hi < -745.2)
    return sign * 0.0;
  int k;
  dd e = exp_dd_scaled(l, &k);
  return sign * dd_round_scaled(e, k);
}

/* ---- trigonometric functions ------------------------------------------- */

/* sin and cos of |r| <= pi/4 by Taylor's series. */
static void sincos_small(dd r, dd *s, dd *c) {
  dd r2 = dd_mul(r, r);
  dd ss = dd_from(0.0), cc = dd_from(0.0);
  /* sin r = r (1 - r^2/(2*3) (1 - r^2/(4*5) (1 - ...))) */
  for (int n = 27; n >= 3; n -= 2)
    ss = dd_mul(dd_div(r2, dd_from((double)((n - 1) * n))), dd_sub(dd_from(1.0), ss));
  *s = dd_mul(r, dd_sub(dd_from(1.0), ss));
  for (int n = 28; n >= 2; n -= 2)
    cc = dd_mul(dd_div(r2, dd_from((double)((n - 1) * n))), dd_sub(dd_from(1.0), cc));
  *c = dd_sub(dd_from(1.0), cc);
}

/* x = k * pi/2 + r with |r| <= pi/4 (about); returns k mod 4. */
static int reduce(double x, dd *r) {
  if (fabs(x) >= 0x1p20) {
    /* picolibc's Payne-Hanek reduction: y[0] + y[1] to ~ 2^-100. */
    double y[2];
    int n = __rem_pio2(x, y);
    *r = quick_two_sum(y[0], y[1]);
    return n & 3;
  }
  double k = nearbyint(x * 0x1.45f306dc9c883p-1); /* 2/pi */
  dd t = dd_sub(dd_from(x), two_prod(k, PIO2_1));
  t = dd_sub(t, two_prod(k, PIO2_2));
  t = dd_sub(t, two_prod(k, PIO2_3));
  *r = t;
  return (int)((int64_t)k & 3);
}

static void sincos_dd(double x, dd *s, dd *c) {
  dd r;
  int q = reduce(x, &r);
  dd sr, cr;
  sincos_small(r, &sr, &cr);
  switch (q) {
  case 0:
    *s = sr, *c = cr;
    break;
  case 1:
    *s = cr, *c = dd_neg(sr);
    break;
  case 2:
    *s = dd_neg(sr), *c = dd_neg(cr);
    break;
  default:
    *s = dd_neg(cr), *c = sr;
  }
}

double sin(double x) {
  if (isnan(x) || isinf(x))
    return x - x;
  if (fabs(x) < 0x1p-26)
    return x;
  dd s, c;
  sincos_dd(x, &s, &c);
  return dd_round(s);
}

double cos(double x) {
  if (isnan(x) || isinf(x))
    return x - x;
  if (fabs(x) < 0x1p-27)
    return 1.0;
  dd s, c;
  sincos_dd(x, &s, &c);
  return dd_round(c);
}

double tan(double x) {
  if (isnan(x) || isinf(x))
    return x - x;
  if (fabs(x) < 0x1p-27)
    return x;
  dd s, c;
  sincos_dd(x, &s, &c);
  return dd_round(dd_div(s, c));
}

/* The angle of the point (x, y), x and y finite and not both zero:
 * Newton's steps on f(t) = x sin t - y cos t from single precision. */
static dd atan2_dd(dd y, dd x) {
  double big = fmax(fabs(y.hi), fabs(x.hi));
  int e;
  frexp(big, &e);
  double ys = ldexp(y.hi, -e), xs = ldexp(x.hi, -e);
  double t0;
  if (fabs(ys) < 0x1p-100 && xs > 0.0)
    t0 = ys / xs; /* tiny angles: atan(q) = q to double precision */
  else
    t0 = (double)atan2f((float)ys, (float)xs);
  dd t = dd_from(t0);
  for (int i = 0; i < 3; i++) {
    dd s, c;
    sincos_dd(t.hi, &s, &c);
    if (t.lo != 0.0) { /* rotate by the low part: sin(h+l), cos(h+l) */
      dd sl = dd_from(t.lo), cl = dd_from(1.0 - 0.5 * t.lo * t.lo);
      dd s2 = dd_add(dd_mul(s, cl), dd_mul(c, sl));
      dd c2 = dd_sub(dd_mul(c, cl), dd_mul(s, sl));
      s = s2, c = c2;
    }
    dd f = dd_sub(dd_mul(x, s), dd_mul(y, c));
    dd fp = dd_add(dd_mul(x, c), dd_mul(y, s));
    t = dd_sub(t, dd_div(f, fp));
  }
  return t;
}

double atan2(double y, double x) {
  if (isnan(x) || isnan(y))
    return x + y;
  if (isinf(x) || isinf(y)) {
    if (isinf(y)) {
      double a = isinf(x) ? (x > 0 ? PIO2 / 2 : 0x1.2d97c7f3321d2p+1) : PIO2;
      return copysign(a, y);
    }
    return x > 0 ? copysign(0.0, y) : copysign(PI, y);
  }
  if (y == 0.0) {
    if (x > 0.0 || (x == 0.0 && !signbit(x)))
      return copysign(0.0, y);
    return copysign(PI, y);
  }
  if (x == 0.0)
    return copysign(PIO2, y);
  return dd_round(atan2_dd(dd_from(y), dd_from(x)));
}

double atan(double x) {
  if (isnan(x))
    return x;
  if (isinf(x))
    return copysign(PIO2, x);
  if (fabs(x) < 0x1p-28)
    return x;
  if (fabs(x) > 0x1p60)
    return copysign(PIO2, x);
  return dd_round(atan2_dd(dd_from(x), dd_from(1.0)));
}

/* sqrt(1 - x^2) as a double-double. */
static dd cosine_side(double x) {
  return dd_sqrt(dd_sub(dd_from(1.0), two_prod(x, x)));
}

double asin(double x) {
  if (isnan(x))
    return x;
  if (fabs(x) > 1.0)
    return NAN;
  if (fabs(x) == 1.0)
    return copysign(PIO2, x);
  if (fabs(x) < 0x1p-28)
    return x;
  return dd_round(atan2_dd(dd_from(x), cosine_side(x)));
}

double acos(double x) {
  if (isnan(x))
    return x;
  if (fabs(x) > 1.0)
    return NAN;
  if (x == 1.0)
    return 0.0;
  if (x == -1.0)
    return PI;
  if (x == 0.0)
    return PIO2;
  return dd_round(atan2_dd(cosine_side(x), dd_from(x)));
}

double hypot(double x, double y) {
  if (isinf(x) || isinf(y))
    return HUGE_VAL;
  if (isnan(x) || isnan(y))
    return x + y;
  x = fabs(x), y = fabs(y);
  if (x < y) {
    double t = x;
    x = y, y = t;
  }
  if (y == 0.0)
    return x;
  /* Scale to avoid overflow and underflow of the squares. */
  int e;
  frexp(x, &e);
  double xs = ldexp(x, -e), ys = ldexp(y, -e);
  dd sum = dd_add(two_prod(xs, xs), two_prod(ys, ys));
  return ldexp(dd_round(dd_sqrt(sum)), e);
}

/* The method of glibc's cbrt (a polynomial start on [0.5, 1), one step of
 * Halley's iteration, the exponent's remainder folded in by a factor), so
 * that math.cbrt agrees with CPython's, which calls glibc's. */
double cbrt(double x) {
  if (x == 0.0 || isnan(x) || isinf(x))
    return x + x;
  static const double factor[5] = {
      1.0 / 1.5874010519681994748, /* 2^(-2/3) */
      1.0 / 1.2599210498948731648, /* 2^(-1/3) */
      1.0,
      1.2599210498948731648, /* 2^(1/3) */
      1.5874010519681994748, /* 2^(2/3) */
  };
  int e;
  double m = frexp(fabs(x), &e);
  double u = 0.354895765043919860 +
             (1.50819193781584896 +
              (-2.11499494167371287 +
               (2.44693122563534430 + (-1.83469277483613086 + (0.784932344976639262 - 0.145263899385486377 * m) * m) * m) *
                   m) *
                  m) *
                 m;
  double u3 = u * u * u;
  double y = u * (u3 + 2.0 * m) / (2.0 * u3 + m) * factor[2 + e % 3];
  return ldexp(x > 0.0 ? y : -y, e / 3);
}

/* ---- gamma functions, as CPython's math module computes them ----------- */

static const double lanczos_g = 6.024680040776729583740234375;
static const double lanczos_g_minus_half = 5.524680040776729583740234375;
/* The Lanczos sum as a rational function (N = 13, g above): the
 * coefficients that Boost and CPython use. */
static const double lanczos_num[13] = {
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
};
static const double lanczos_den[13] = {
    0.0,      39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0,
    2637558.0, 357423.0,  32670.0,     1925.0,      66.0,        1.0,
};
static const double LOGPI = 1.144729885849400174143427351353058711647;

static double lanczos_sum(double x) {
  double num = 0.0, den = 0.0;
  if (x < 5.0) {
    for (int i = 12; i >= 0; i--) {
      num = num * x + lanczos_num[i];
      den = den * x + lanczos_den[i];
    }
  } else {
    for (int i = 0; i < 13; i++) {
      num = num / x + lanczos_num[i];
      den = den / x + lanczos_den[i];
    }
  }
  return num / den;
}

/* sin(pi x), exact at the integers and half-integers. */
static double sinpi(double x) {
  double y = fmod(fabs(x), 2.0);
  int n = (int)round(2.0 * y);
  double r;
  switch (n) {
  case 0:
    r = sin(PI * y);
    break;
  case 1:
    r = cos(PI * (y - 0.5));
    break;
  case 2:
    r = sin(PI * (1.0 - y));
    break;
  case 3:
    r = -cos(PI * (y - 1.5));
    break;
  default:
    r = sin(PI * (y - 2.0));
  }
  return copysign(1.0, x) * r;
}

double rt_tgamma(double x) {
  if (isnan(x) || (isinf(x) && x > 0.0))
    return x;
  if (isinf(x))
    return NAN;
  if (x == 0.0)
    return copysign(HUGE_VAL, x);
  if (x == floor(x)) {
    if (x < 0.0)
      return NAN;
    if (x <= 23.0) {
      double f = 1.0; /* (x-1)! is exact for x <= 23 */
      for (int i = 2; i < (int)x; i++)
        f *= i;
      return f;
    }
  }
  double a = fabs(x);
  if (a < 1e-20)
    return 1.0 / x;
  if (a > 200.0)
    return x < 0.0 ? 0.0 / sinpi(x) : HUGE_VAL;
  double y = a + lanczos_g_minus_half;
  double z;
  /* The rounding error of y, corrected for below. */
  if (a > lanczos_g_minus_half)
    z = (y - a) - lanczos_g_minus_half;
  else
    z = (y - lanczos_g_minus_half) - a;
  z = z * lanczos_g / y;
  double r;
  if (x < 0.0) {
    r = -PI / sinpi(a) / a * exp(y) / lanczos_sum(a);
    r -= z * r;
    if (a < 140.0) {
      r /= pow(y, a - 0.5);
    } else {
      double sp = pow(y, a / 2.0 - 0.25);
      r /= sp;
      r /= sp;
    }
  } else {
    r = lanczos_sum(a) / exp(y);
    r += z * r;
    if (a < 140.0) {
      r *= pow(y, a - 0.5);
    } else {
      double sp = pow(y, a / 2.0 - 0.25);
      r *= sp;
      r *= sp;
    }
  }
  return r;
}

double rt_lgamma(double x) {
  if (isnan(x))
    return x;
  if (isinf(x))
    return HUGE_VAL;
  if (x == floor(x) && x <= 2.0)
    return x <= 0.0 ? HUGE_VAL : 0.0;
  double a = fabs(x);
  if (a < 1e-20)
    return -log(a);
  double r = log(lanczos_sum(a)) - lanczos_g;
  r += (a - 0.5) * (log(a + lanczos_g - 0.5) - 1);
  if (x < 0.0)
    r = LOGPI - log(fabs(sinpi(a))) - log(a) - r;
  return r;
}
