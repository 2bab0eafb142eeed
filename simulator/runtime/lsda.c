/* The language-specific data area that LLVM emits for a function with
 * landing pads (.gcc_except_table), read for __artiq_personality.
 *
 * Layout (all offsets from the start of the function unless noted):
 *
 *   u8      landing-pad base encoding (omit: the function start)
 *   [enc]   landing-pad base
 *   u8      type-table entry encoding (omit: no type table)
 *   [uleb]  offset from just after this field to the end of the type table
 *   u8      call-site encoding
 *   uleb    call-site table length in bytes
 *   call sites, sorted: {start, length, landing pad (from the base; 0 =
 *           none), action (1 + offset into the action table; 0 = none)}
 *   action table: records {sleb filter, sleb offset of the next record
 *           from this field (0 = end)}; filter > 0 is a catch clause whose
 *           type is entry `filter` counting back from the type-table end,
 *           0 a cleanup clause, < 0 an exception specification
 *   type table: entries of the type-table encoding, the address of the
 *           clause's typeinfo (for ARTIQ an i32 global holding the
 *           exception id; null catches everything) */
#include "eh.h"
#include "rt.h"

/* Type table entry `filter` (1-based, counting backwards from ttype_end). */
static uintptr_t type_entry(const uint8_t *ttype_end, uint8_t enc, intptr_t filter) {
  unsigned size = eh_encoded_size(enc);
  if (size == 0)
    rt_fail("unwind: LSDA type table with variable-size encoding 0x%02x", (unsigned)enc);
  const uint8_t *p = ttype_end - (uintptr_t)filter * size;
  return eh_read_encoded(enc, &p, NULL);
}

void lsda_lookup(const uint8_t *lsda, uintptr_t func, uintptr_t ip, uint32_t id,
                 struct lsda_result *out) {
  struct eh_bases bases = {0, 0, func};
  const uint8_t *p = lsda;
  out->landing_pad = 0;
  out->selector = 0;
  out->cleanup = 0;

  uint8_t lp_enc = *p++;
  uintptr_t lp_base = func;
  if (lp_enc != EH_PE_omit)
    lp_base = eh_read_encoded(lp_enc, &p, &bases);
  uint8_t tt_enc = *p++;
  const uint8_t *ttype_end = NULL;
  if (tt_enc != EH_PE_omit) {
    uintptr_t off = eh_uleb128(&p);
    ttype_end = p + off;
  }
  uint8_t cs_enc = *p++;
  uintptr_t cs_len = eh_uleb128(&p);
  const uint8_t *cs = p, *cs_end = p + cs_len;
  const uint8_t *actions = cs_end;

  /* Find the call site that covers ip. */
  uintptr_t action = 0;
  int found = 0;
  while (cs < cs_end) {
    uintptr_t start = eh_read_encoded(cs_enc, &cs, NULL);
    uintptr_t len = eh_read_encoded(cs_enc, &cs, NULL);
    uintptr_t pad = eh_read_encoded(cs_enc, &cs, NULL);
    uintptr_t act = eh_uleb128(&cs);
    if (ip < func + start)
      break; /* sorted: no later entry covers ip */
    if (ip - (func + start) < len) {
      if (pad != 0)
        out->landing_pad = lp_base + pad;
      action = act;
      found = 1;
      break;
    }
  }
  /* No call site (or one without a landing pad): nothing to do in this
   * frame; unwinding goes on. */
  if (!found || out->landing_pad == 0)
    return;
  if (action == 0) {
    out->cleanup = 1; /* a landing pad without actions is a cleanup */
    return;
  }

  const uint8_t *a = actions + action - 1;
  for (;;) {
    intptr_t filter = eh_sleb128(&a);
    const uint8_t *next_field = a;
    intptr_t next = eh_sleb128(&a);
    if (filter == 0) {
      out->cleanup = 1;
    } else if (filter > 0 && out->selector == 0) {
      if (ttype_end == NULL)
        rt_fail("unwind: LSDA catch clause without a type table");
      uintptr_t ti = type_entry(ttype_end, tt_enc, filter);
      if (ti == 0 || *(const uint32_t *)ti == id)
        out->selector = (int32_t)filter;
    }
    /* filter < 0 (exception specifications) is not part of ARTIQ's ABI:
     * such a clause never matches. */
    if (next == 0)
      break;
    a = next_field + next;
  }
}
