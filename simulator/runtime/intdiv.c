/* 32-bit integer helpers the firmware exports. libgcc has them only as
 * hand-written assembly whose R_RISCV_ALIGN relocations ld.lld 14 cannot
 * process; with the M extension each is a single instruction anyway. */
#include "rt.h"

int32_t __divsi3(int32_t a, int32_t b) { return a / b; }
int32_t __modsi3(int32_t a, int32_t b) { return a % b; }
uint32_t __udivsi3(uint32_t a, uint32_t b) { return a / b; }
uint32_t __umodsi3(uint32_t a, uint32_t b) { return a % b; }
int32_t __mulsi3(int32_t a, int32_t b) { return a * b; }
