/* __kernel_print_bytes_repr: prints Python's repr() of bytes (b'..') or of
 * a bytearray (bytearray(b'..')) through core_log, which is also what
 * print() shows of them. The quoting is str's (str_repr.c), with bytes
 * outside 0x20..0x7e as \xhh, and a bytearray escapes single quotes
 * whatever the quote. */
#include <stdint.h>

void core_log(const char *fmt, ...);
void __kernel_quoted_repr(void (*out)(const char *, ...), const char *prefix,
                          const unsigned char *p, int32_t n, int is_bytes, int escape_single);

void __kernel_print_bytes_repr(const uint8_t *p, int32_t n, int32_t bytearray) {
  if (bytearray)
    core_log("bytearray(");
  __kernel_quoted_repr(core_log, "b", p, n, 1, bytearray);
  if (bytearray)
    core_log(")");
}
