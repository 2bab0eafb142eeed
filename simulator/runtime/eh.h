/* Shared pieces of the exception machinery: DWARF pointer encodings (used
 * by .eh_frame_hdr, .eh_frame and the LSDAs), the registry of unwind tables
 * (unwind.c) and the LSDA reader (lsda.c). */
#ifndef RT_EH_H
#define RT_EH_H

#include <stdint.h>

/* DW_EH_PE_*: the low nibble is the value format, bits 4..6 what it is
 * relative to, bit 7 an extra indirection. */
#define EH_PE_absptr 0x00
#define EH_PE_uleb128 0x01
#define EH_PE_udata2 0x02
#define EH_PE_udata4 0x03
#define EH_PE_udata8 0x04
#define EH_PE_sleb128 0x09
#define EH_PE_sdata2 0x0a
#define EH_PE_sdata4 0x0b
#define EH_PE_sdata8 0x0c
#define EH_PE_pcrel 0x10
#define EH_PE_textrel 0x20
#define EH_PE_datarel 0x30
#define EH_PE_funcrel 0x40
#define EH_PE_aligned 0x50
#define EH_PE_indirect 0x80
#define EH_PE_omit 0xff

/* The bases that the relative encodings other than pcrel need; 0 where
 * the producer never uses them. */
struct eh_bases {
  uintptr_t text, data, func;
};

uintptr_t eh_uleb128(const uint8_t **p);
intptr_t eh_sleb128(const uint8_t **p);
/* Size in bytes of a value of encoding enc, or 0 for the LEB128 forms
 * (variable) and formats that are not valid. */
unsigned eh_encoded_size(uint8_t enc);
/* Reads one value of encoding enc at *p and advances *p. A raw value of
 * zero stays zero (a null pointer) whatever the relative base, as every
 * producer means it. Fails the run on an encoding it does not know. */
uintptr_t eh_read_encoded(uint8_t enc, const uint8_t **p, const struct eh_bases *bases);

/* Registers the unwind tables of a loaded device ELF: eh_frame_hdr is its
 * PT_GNU_EH_FRAME (NULL: the module has no unwind tables, which is fine
 * for kernels that never raise through their own frames), [base,
 * base+size) its image. */
void rt_eh_register_module(const uint8_t *base, uint32_t size, const uint8_t *eh_frame_hdr);
/* Whether pc lies inside the registered device ELF's image. */
int rt_eh_in_module(uintptr_t pc);

/* What a landing-pad lookup found for one frame (lsda.c). */
struct lsda_result {
  uintptr_t landing_pad; /* 0: the call site has none (or no call site) */
  int32_t selector;      /* > 0: the type index of the first matching catch */
  int cleanup;           /* the action chain has a cleanup clause */
};
/* Looks ip (the address of the instruction that raised or called) up in
 * the LSDA of the function starting at func, and matches the catch
 * clauses of its action chain against exception id. */
void lsda_lookup(const uint8_t *lsda, uintptr_t func, uintptr_t ip, uint32_t id,
                 struct lsda_result *out);

#endif
