/* Python's repr() of a string, for print() and str() of lists and tuples
 * that hold strings: __kernel_print_str_repr prints it through core_log,
 * __kernel_sb_str_repr appends it to the string builder (strbuild.c).
 * CPython's rules: single quotes unless the text has a single quote and no
 * double quote; backslash, the quote, \t \n \r and other control
 * characters escaped. bytes_repr.c uses the same quoting for bytes. */
#include <stdint.h>

void core_log(const char *fmt, ...);
void __kernel_sb_log(const char *fmt, ...);

/* __kernel_quoted_repr writes prefix, then the n bytes at p quoted and
 * escaped as CPython's repr() does. For bytes (is_bytes), bytes from 0x80
 * up are escaped too (in a str they are UTF-8 and print as they are);
 * escape_single escapes ' whatever the quote (a bytearray's repr does). */
void __kernel_quoted_repr(void (*out)(const char *, ...), const char *prefix,
                          const unsigned char *p, int32_t n, int is_bytes, int escape_single) {
  static const char hex[] = "0123456789abcdef";
  int has_single = 0, has_double = 0;
  for (int32_t i = 0; i < n; i++) {
    has_single |= p[i] == '\'';
    has_double |= p[i] == '"';
  }
  char quote = (has_single && !has_double) ? '"' : '\'';
  char buf[64];
  int k = 0;
  while (*prefix)
    buf[k++] = *prefix++;
  buf[k++] = quote;
  for (int32_t i = 0; i < n; i++) {
    unsigned char c = p[i];
    if (k > (int)sizeof buf - 8) {
      out("%.*s", k, buf);
      k = 0;
    }
    if (c == '\\' || c == (unsigned char)quote || (escape_single && c == '\'')) {
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
    } else if (c < 0x20 || c == 0x7f || (is_bytes && c >= 0x80)) {
      buf[k++] = '\\';
      buf[k++] = 'x';
      buf[k++] = hex[c >> 4];
      buf[k++] = hex[c & 15];
    } else {
      buf[k++] = (char)c;
    }
  }
  buf[k++] = quote;
  out("%.*s", k, buf);
}

void __kernel_print_str_repr(const char *p, int32_t n) {
  __kernel_quoted_repr(core_log, "", (const unsigned char *)p, n, 0, 0);
}

void __kernel_sb_str_repr(const char *p, int32_t n) {
  __kernel_quoted_repr(__kernel_sb_log, "", (const unsigned char *)p, n, 0, 0);
}
