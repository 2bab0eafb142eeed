/* __kernel_print_bytes_repr: prints Python's repr() of bytes (b'..') or of
 * a bytearray (bytearray(b'..')) through core_log, which is also what
 * print() shows of them. CPython's rules: single quotes unless the bytes
 * hold a single quote and no double quote; backslash and the quote
 * escaped (a bytearray escapes single quotes whatever the quote);
 * \t \n \r; other bytes outside 0x20..0x7e as \xhh. */
#include <stdint.h>

void core_log(const char *fmt, ...);

void __kernel_print_bytes_repr(const uint8_t *p, int32_t n, int32_t bytearray) {
  int has_single = 0, has_double = 0;
  for (int32_t i = 0; i < n; i++) {
    has_single |= p[i] == '\'';
    has_double |= p[i] == '"';
  }
  char quote = (has_single && !has_double) ? '"' : '\'';
  static const char hex[] = "0123456789abcdef";
  char buf[64];
  int k = 0;
  if (bytearray)
    core_log("bytearray(");
  buf[k++] = 'b';
  buf[k++] = quote;
  for (int32_t i = 0; i < n; i++) {
    uint8_t c = p[i];
    if (k > (int)sizeof buf - 8) {
      core_log("%.*s", k, buf);
      k = 0;
    }
    if (c == '\\' || c == (uint8_t)quote || (bytearray && c == '\'')) {
      buf[k++] = '\\';
      buf[k++] = (char)c;
    } else if (c == '\n') {
      buf[k++] = '\\';
      buf[k++] = 'n';
    } else if (c == '\t') {
      buf[k++] = '\\';
      buf[k++] = 't';
    } else if (c == '\r') {
      buf[k++] = '\\';
      buf[k++] = 'r';
    } else if (c < 0x20 || c >= 0x7f) {
      buf[k++] = '\\';
      buf[k++] = 'x';
      buf[k++] = hex[c >> 4];
      buf[k++] = hex[c & 15];
    } else {
      buf[k++] = (char)c;
    }
  }
  buf[k++] = quote;
  if (bytearray)
    buf[k++] = ')';
  core_log("%.*s", k, buf);
}
