/* Exceptions: ARTIQ's raise ABI, on libgcc's DWARF unwinder.
 *
 * __artiq_raise copies the kernel's exception into a runtime-owned slot,
 * which also holds the _Unwind_Exception that libgcc propagates (class
 * "MLBSARTQ"), and calls _Unwind_RaiseException. __artiq_personality reads
 * the LSDAs LLVM emits for kernel functions (lsda.c) and matches catch
 * clauses by exception id; landing pads receive the exception pointer and
 * the selector in the EH data registers. When no frame catches, the
 * exception is propagated again as a forced unwind, so that cleanups
 * (finally) run, and reported as uncaught once it leaves the kernel. The
 * slots form the in-flight stack: see the comment at struct slot. */
#include <string.h>
#include <unwind.h>

#include "eh.h"
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

/* exception_class of ARTIQ exceptions: the ASCII bytes "MLBSARTQ" read
 * with the first byte most significant, the Itanium ABI's convention
 * (vendor "MLBS", language "ARTQ"; C++'s "GNUCC++\0" is
 * 0x474e5543432b2b00). In little-endian memory the u64 reads "QTRASBLM". */
#define ARTIQ_EXCEPTION_CLASS 0x4d4c425341525451ull

/* The in-flight exceptions.
 *
 * Each raise owns a slot until the kernel is done with it: the slot holds
 * the copy of the exception that landing pads receive a pointer to (so the
 * pointer stays valid while the handler runs and for a re-raise) and the
 * _Unwind_Exception that libgcc propagates. Slots never move; `order`
 * stacks them (larger is nearer the top). A slot is
 *
 *   RAISING   propagating, or stopped at a cleanup landing pad (finally)
 *             that will resume it;
 *   HANDLING  caught: an except block is running.
 *
 * __artiq_end_catch pops the top HANDLING slot. An except block that is
 * left by another exception never calls it, so dead slots are also swept:
 *
 *   - a slot whose last landing pad was in a frame that no longer exists:
 *     frames are told apart by their stack pointer at the landing pad
 *     (what _Unwind_GetCFA returns there), and one below the stack pointer
 *     of the kernel function that calls the runtime, or below that of a
 *     frame where another exception lands, is gone;
 *   - a slot that landed at the landing pad, in the same frame, where
 *     another exception now lands: an except or finally block cannot
 *     re-enter its own try, so that block was left.
 *
 * This assumes that a kernel function's stack pointer at its landing pads
 * and calls is fixed (LLVM moves it only for dynamic allocas).
 *
 * What the rules cannot see at once is an except block left by an
 * exception that a different try of the same function catches: that slot
 * lingers until the same try catches again in that frame or the frame is
 * seen to be gone. Meanwhile it sits above older handled slots, so an
 * enclosing except block of the same function that ends pops it instead
 * of its own; the count of slots in use stays bounded either way. */
#define SLOTS 32

enum { SLOT_FREE, SLOT_RAISING, SLOT_HANDLING };

struct slot {
  struct _Unwind_Exception ue;
  struct artiq_exception exn;
  uint32_t state;
  uint32_t order;      /* stack position while in use */
  uint32_t freed;      /* when it was freed: the oldest free slot is reused */
  uintptr_t pad, sp;   /* the last landing pad and its frame's sp (0: none) */
  uintptr_t kernel_sp; /* forced unwind: the outermost kernel frame seen */
};

static struct slot slots[SLOTS];
static uint32_t seq;

static struct slot *slot_of_exn(const void *p) {
  uintptr_t off = (uintptr_t)p - (uintptr_t)&slots[0].exn;
  if ((uintptr_t)p < (uintptr_t)&slots[0].exn || off % sizeof(struct slot) != 0 ||
      off / sizeof(struct slot) >= SLOTS)
    return NULL;
  return &slots[off / sizeof(struct slot)];
}

static struct slot *slot_of_ue(const struct _Unwind_Exception *ue) {
  uintptr_t off = (uintptr_t)ue - (uintptr_t)&slots[0].ue;
  if ((uintptr_t)ue < (uintptr_t)&slots[0].ue || off % sizeof(struct slot) != 0 ||
      off / sizeof(struct slot) >= SLOTS)
    return NULL;
  return &slots[off / sizeof(struct slot)];
}

static void free_slot(struct slot *s) {
  s->state = SLOT_FREE;
  s->freed = ++seq;
}

static void to_top(struct slot *s) { s->order = ++seq; }

static struct slot *alloc_slot(void) {
  struct slot *best = NULL;
  for (unsigned i = 0; i < SLOTS; i++) {
    if (slots[i].state == SLOT_FREE && (best == NULL || slots[i].freed < best->freed))
      best = &slots[i];
  }
  if (best == NULL)
    rt_fail("more than %d exceptions in flight", SLOTS);
  best->pad = best->sp = 0;
  return best;
}

/* Frees the slots that landed in frames below the one whose stack pointer
 * is sp: those frames have returned or been unwound. */
static void sweep_below(uintptr_t sp) {
  for (unsigned i = 0; i < SLOTS; i++) {
    if (slots[i].state != SLOT_FREE && slots[i].sp != 0 && slots[i].sp < sp)
      free_slot(&slots[i]);
  }
}

/* The top slot in state, or NULL. */
static struct slot *top_slot(uint32_t state) {
  struct slot *top = NULL;
  for (unsigned i = 0; i < SLOTS; i++) {
    if (slots[i].state == state && (top == NULL || slots[i].order > top->order))
      top = &slots[i];
  }
  return top;
}

/* Records that s lands at pad in the frame whose stack pointer is sp. */
static void landed(struct slot *s, uintptr_t pad, uintptr_t sp, int handler) {
  for (unsigned i = 0; i < SLOTS; i++) {
    struct slot *o = &slots[i];
    if (o == s || o->state == SLOT_FREE || o->sp == 0)
      continue;
    if (o->sp < sp || (o->sp == sp && o->pad == pad))
      free_slot(o);
  }
  s->pad = pad;
  s->sp = sp;
  s->state = handler ? SLOT_HANDLING : SLOT_RAISING;
}

/* The stack pointer of the function that called the runtime entry point
 * this is inlined into (the entry's CFA). */
#define caller_sp() ((uintptr_t)__builtin_dwarf_cfa())

static void delete_exception(_Unwind_Reason_Code reason, struct _Unwind_Exception *ue) {
  (void)reason;
  struct slot *s = slot_of_ue(ue);
  if (s != NULL && s->state != SLOT_FREE)
    free_slot(s);
}

/* The stop function of the forced unwind that runs the cleanups of an
 * uncaught exception: it reports the exception once unwinding leaves the
 * kernel, i.e. reaches a runtime frame outside (above) every kernel frame,
 * or the end of the stack. */
static _Unwind_Reason_Code stop_uncaught(int version, _Unwind_Action actions,
                                         _Unwind_Exception_Class cls,
                                         struct _Unwind_Exception *ue,
                                         struct _Unwind_Context *ctx, void *arg) {
  (void)version;
  (void)cls;
  (void)ue;
  struct slot *s = arg;
  if (actions & _UA_END_OF_STACK)
    report_uncaught(&s->exn);
  uintptr_t ip = _Unwind_GetIP(ctx);
  uintptr_t sp = _Unwind_GetCFA(ctx); /* the frame's sp at the call */
  if (ip != 0 && rt_eh_in_module(ip - 1)) {
    if (sp > s->kernel_sp)
      s->kernel_sp = sp;
  } else if (s->kernel_sp != 0 && sp > s->kernel_sp) {
    report_uncaught(&s->exn);
  }
  return _URC_NO_REASON;
}

/* Propagates the exception in s from the caller's frame. */
__attribute__((noreturn, noinline)) static void raise_slot(struct slot *s) {
  to_top(s);
  s->state = SLOT_RAISING;
  s->kernel_sp = 0;
  memset(&s->ue, 0, sizeof s->ue);
  s->ue.exception_class = ARTIQ_EXCEPTION_CLASS;
  s->ue.exception_cleanup = delete_exception;
  _Unwind_Reason_Code code = _Unwind_RaiseException(&s->ue);
  /* Only returns when no frame catches the exception. */
  if (code == _URC_END_OF_STACK) {
    /* Run the cleanups on the way out; stop_uncaught ends the run. */
    memset(&s->ue, 0, sizeof s->ue);
    s->ue.exception_class = ARTIQ_EXCEPTION_CLASS;
    s->ue.exception_cleanup = delete_exception;
    code = _Unwind_ForcedUnwind(&s->ue, stop_uncaught, s);
  }
  rt_puts(2, "simulator: unwinding failed; the exception is reported as uncaught\n");
  report_uncaught(&s->exn);
}

__attribute__((noreturn)) void __artiq_raise(struct artiq_exception *exn) {
  if (exn == NULL)
    rt_fail("__artiq_raise called with a null exception");
  sweep_below(caller_sp());
  struct slot *s = slot_of_exn(exn);
  if (s == NULL || s->state == SLOT_FREE) {
    /* A new exception (or one whose slot was released): copy it first,
     * the allocation may pick the slot it lives in. */
    struct artiq_exception copy = *exn;
    s = alloc_slot();
    s->exn = copy;
  }
  /* Otherwise a re-raise of an exception in flight: it keeps its slot, so
   * pointers the kernel holds stay valid. */
  raise_slot(s);
}

/* A bare `raise`: re-raises the exception whose except block runs. */
__attribute__((noreturn)) void __artiq_resume(void) {
  sweep_below(caller_sp());
  struct slot *s = top_slot(SLOT_HANDLING);
  if (s == NULL)
    rt_fail("__artiq_resume: no exception is being handled");
  raise_slot(s);
}

/* The except block of the top handled exception finished normally. Slots
 * above it are exceptions raised after it was caught whose cleanups were
 * left without resuming them (their finally blocks are inside the except
 * block); they are done too. */
void __artiq_end_catch(void) {
  sweep_below(caller_sp());
  struct slot *h = top_slot(SLOT_HANDLING);
  if (h == NULL)
    rt_fail("__artiq_end_catch: no exception is being handled");
  for (unsigned i = 0; i < SLOTS; i++) {
    if (slots[i].state != SLOT_FREE && slots[i].order > h->order)
      free_slot(&slots[i]);
  }
  free_slot(h);
}

_Unwind_Reason_Code __artiq_personality(int version, _Unwind_Action actions,
                                        _Unwind_Exception_Class cls,
                                        struct _Unwind_Exception *ue,
                                        struct _Unwind_Context *ctx) {
  if (version != 1 || ue == NULL || ctx == NULL)
    return _URC_FATAL_PHASE1_ERROR;
  if (cls != ARTIQ_EXCEPTION_CLASS)
    return _URC_CONTINUE_UNWIND; /* foreign: not ours to catch */
  struct slot *s = slot_of_ue(ue);
  if (s == NULL)
    return (actions & _UA_SEARCH_PHASE) ? _URC_FATAL_PHASE1_ERROR : _URC_FATAL_PHASE2_ERROR;
  const uint8_t *lsda = (const uint8_t *)_Unwind_GetLanguageSpecificData(ctx);
  if (lsda == NULL)
    return _URC_CONTINUE_UNWIND;
  int before = 0;
  uintptr_t ip = _Unwind_GetIPInfo(ctx, &before);
  if (!before)
    ip--; /* a return address: look up the call itself */
  struct lsda_result r;
  lsda_lookup(lsda, _Unwind_GetRegionStart(ctx), ip, s->exn.id, &r);
  if (r.landing_pad == 0)
    return _URC_CONTINUE_UNWIND;

  if (actions & _UA_SEARCH_PHASE)
    return r.selector > 0 ? _URC_HANDLER_FOUND : _URC_CONTINUE_UNWIND;

  int32_t selector;
  if ((actions & _UA_HANDLER_FRAME) && !(actions & _UA_FORCE_UNWIND)) {
    if (r.selector <= 0)
      return _URC_FATAL_PHASE2_ERROR; /* the search phase found it here */
    selector = r.selector;
  } else if (r.cleanup) {
    selector = 0; /* cleanups only: catch clauses apply in the handler frame */
  } else {
    return _URC_CONTINUE_UNWIND;
  }
  /* libgcc gives the CFA of the callee: this frame's sp at the call. */
  landed(s, r.landing_pad, _Unwind_GetCFA(ctx), selector > 0);
  _Unwind_SetGR(ctx, __builtin_eh_return_data_regno(0), (uintptr_t)&s->exn);
  _Unwind_SetGR(ctx, __builtin_eh_return_data_regno(1), (uintptr_t)(intptr_t)selector);
  _Unwind_SetIP(ctx, r.landing_pad);
  return _URC_INSTALL_CONTEXT;
}

/* Exported as _Unwind_Resume: the kernel's `resume` passes the pointer its
 * landing pad received, the exception in its slot. */
__attribute__((noreturn)) void rt_unwind_resume(void *exn) {
  struct slot *s = slot_of_exn(exn);
  if (s == NULL)
    rt_fail("_Unwind_Resume called with %p, which is not an exception in flight", exn);
  if (s->state != SLOT_RAISING) {
    /* Resumed from a handler landing (or after its slot was swept): the
     * unwinder's phase-2 state targets this frame, so search again. */
    raise_slot(s);
  }
  to_top(s);
  _Unwind_Resume(&s->ue);
  rt_fail("_Unwind_Resume returned");
}
