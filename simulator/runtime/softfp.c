/* Soft-float helpers that the firmware exports but the hard-float libgcc
 * multilib leaves out (it only has what hard-float code still needs). On a
 * hard-float runtime each is one FPU instruction with the ilp32d calling
 * convention, which is what an rv32g kernel calling them expects. A
 * soft-float runtime takes them all from libgcc instead: defining them
 * there would make each call itself. */
#include "rt.h"

#if defined(__riscv_flen) && __riscv_flen >= 64

double __adddf3(double a, double b) { return a + b; }
double __subdf3(double a, double b) { return a - b; }
double __muldf3(double a, double b) { return a * b; }
double __negdf2(double a) { return -a; }

/* libgcc's comparison contract: the result compared with 0 gives the
 * relation; unordered operands make the relation false. */
int __eqdf2(double a, double b) { return !(a == b); }
int __nedf2(double a, double b) { return !(a == b); }
int __ltdf2(double a, double b) { return a < b ? -1 : a == b ? 0 : 1; }
int __ledf2(double a, double b) { return a < b ? -1 : a == b ? 0 : 1; }
int __gtdf2(double a, double b) { return a > b ? 1 : a == b ? 0 : -1; }
int __gedf2(double a, double b) { return a > b ? 1 : a == b ? 0 : -1; }
int __unorddf2(double a, double b) { return a != a || b != b; }

int32_t __fixdfsi(double a) { return (int32_t)a; }
double __floatsidf(int32_t a) { return (double)a; }
double __floatunsidf(uint32_t a) { return (double)a; }

float __addsf3(float a, float b) { return a + b; }
float __subsf3(float a, float b) { return a - b; }
float __mulsf3(float a, float b) { return a * b; }
double __extendsfdf2(float a) { return (double)a; }
float __truncdfsf2(double a) { return (float)a; }

#endif
