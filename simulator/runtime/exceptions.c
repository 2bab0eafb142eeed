/* Exceptions: ARTIQ's raise ABI.
 *
 * A raise first looks for a handler (raise_to_handler), then reports the
 * exception as uncaught. Handlers are not supported yet, so every raise is
 * uncaught for now. The unwinding implementation slots in there: wrap the
 * ARTIQ exception in an _Unwind_Exception of class "MLBSARTQ", call libgcc's
 * _Unwind_RaiseException over the kernel's .eh_frame (rt_module records
 * PT_GNU_EH_FRAME), and let __artiq_personality match catch clauses by id;
 * _Unwind_RaiseException returns only when no frame catches, which leads
 * to the same uncaught path. Until then, the personality and resume entry
 * points must never be reached and fail loudly if they are. */
#include "rt.h"

/* The firmware's fixed ids 0..22 (docs/design.md). */
static const char *const builtin_names[] = {
    "RuntimeError",        "RTIOUnderflow",     "RTIOOverflow",      "RTIODestinationUnreachable",
    "DMAError",            "I2CError",          "CacheError",        "SPIError",
    "SubkernelError",      "AssertionError",    "AttributeError",    "IndexError",
    "IOError",             "KeyError",          "NotImplementedError", "OverflowError",
    "RuntimeError",        "TimeoutError",      "TypeError",         "ValueError",
    "ZeroDivisionError",   "LinAlgError",       "UnwrapNoneError",
};

/* A small buffered writer for the text record. */
struct out {
  int fd;
  uint32_t len;
  char buf[512];
};

static void out_flush(struct out *o) {
  if (o->len == 0)
    return;
  long r = rt_write_all(o->fd, o->buf, o->len);
  if (r == -RT_EBADF && o->fd == RT_FD_EXCEPTION) {
    /* Run without the driver: put the record where a person sees it. */
    o->fd = 2;
    r = rt_write_all(o->fd, o->buf, o->len);
  }
  o->len = 0;
}

static void out_byte(struct out *o, char c) {
  if (o->len == sizeof o->buf)
    out_flush(o);
  o->buf[o->len++] = c;
}

static void out_str(struct out *o, const char *s) {
  while (*s)
    out_byte(o, *s++);
}

static void out_int(struct out *o, int64_t v) {
  char tmp[24];
  int n = 0;
  uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
  do {
    tmp[n++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0)
    out_byte(o, '-');
  while (n > 0)
    out_byte(o, tmp[--n]);
}

/* Values stay on one line: backslash, newline, CR and other control bytes
 * are escaped (\\, \n, \r, \xHH); the Go driver reverses this. */
static void out_escaped(struct out *o, struct artiq_str s) {
  static const char hex[] = "0123456789abcdef";
  if (s.ptr == NULL)
    return;
  for (uint32_t i = 0; i < s.len; i++) {
    unsigned char c = (unsigned char)s.ptr[i];
    if (c == '\\') {
      out_str(o, "\\\\");
    } else if (c == '\n') {
      out_str(o, "\\n");
    } else if (c == '\r') {
      out_str(o, "\\r");
    } else if (c < 0x20 || c == 0x7f) {
      out_str(o, "\\x");
      out_byte(o, hex[c >> 4]);
      out_byte(o, hex[c & 15]);
    } else {
      out_byte(o, (char)c);
    }
  }
}

static void field_int(struct out *o, const char *key, int64_t v) {
  out_str(o, key);
  out_byte(o, ' ');
  out_int(o, v);
  out_byte(o, '\n');
}

static void field_str(struct out *o, const char *key, struct artiq_str s) {
  out_str(o, key);
  out_byte(o, ' ');
  out_escaped(o, s);
  out_byte(o, '\n');
}

__attribute__((noreturn)) static void report_uncaught(const struct artiq_exception *exn) {
  struct out o;
  o.fd = RT_FD_EXCEPTION;
  o.len = 0;
  field_int(&o, "id", exn->id);
  if (exn->id < sizeof builtin_names / sizeof builtin_names[0]) {
    out_str(&o, "name ");
    out_str(&o, builtin_names[exn->id]);
    out_byte(&o, '\n');
  }
  field_str(&o, "file", exn->file);
  field_int(&o, "line", exn->line);
  field_int(&o, "column", exn->column);
  field_str(&o, "function", exn->function);
  field_str(&o, "message", exn->message);
  field_int(&o, "param0", exn->param[0]);
  field_int(&o, "param1", exn->param[1]);
  field_int(&o, "param2", exn->param[2]);
  out_flush(&o);
  rt_exit(RT_EXIT_EXCEPTION);
}

/* Transfers control to a kernel handler for exn if one exists; returns
 * when none does. No handlers are supported yet (see above). */
static void raise_to_handler(struct artiq_exception *exn) { (void)exn; }

__attribute__((noreturn)) void __artiq_raise(struct artiq_exception *exn) {
  if (exn == NULL)
    rt_fail("__artiq_raise called with a null exception");
  raise_to_handler(exn);
  report_uncaught(exn);
}

/* Entry points of the unwinding path; unreachable while nothing catches. */
__attribute__((noreturn)) void __artiq_resume(void) {
  rt_fail("__artiq_resume reached: exception handling is not supported by the simulator yet");
}

void __artiq_end_catch(void) {
  rt_fail("__artiq_end_catch reached: exception handling is not supported by the simulator yet");
}

int __artiq_personality(void) {
  rt_fail("__artiq_personality reached: exception handling is not supported by the simulator "
          "yet");
}

/* Exported as _Unwind_Resume; named apart so that libgcc's unwinder can
 * later be linked without a clash. */
__attribute__((noreturn)) void rt_unwind_resume(void) {
  rt_fail("_Unwind_Resume reached: exception handling is not supported by the simulator yet");
}
