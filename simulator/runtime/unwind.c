/* Frame lookup for libgcc's DWARF unwinder.
 *
 * libgcc's unwinder (unwind-dw2.o) asks _Unwind_Find_FDE for the FDE that
 * covers a pc. Its own implementation (unwind-dw2-fde.o, reached through
 * __register_frame_info) wants a zero-terminated .eh_frame, which neither
 * ld.lld nor our link provides, and malloc to sort it. This runtime defines
 * _Unwind_Find_FDE itself instead, so that archive member is never linked,
 * and answers from the binary search tables in .eh_frame_hdr, as ARTIQ's
 * firmware does: one for the runtime itself (PT_GNU_EH_FRAME of this
 * executable, linked with --eh-frame-hdr) and one for the device ELF,
 * registered by the loader after relocation. */
#include <string.h>

#include "eh.h"
#include "elf.h"
#include "rt.h"

/* What libgcc's unwind-dw2.c passes to _Unwind_Find_FDE: the text and data
 * bases of the object and, filled in here, the start of the function. */
struct dwarf_eh_bases {
  void *tbase;
  void *dbase;
  void *func;
};
const void *_Unwind_Find_FDE(void *pc, struct dwarf_eh_bases *bases);

uintptr_t eh_uleb128(const uint8_t **p) {
  uintptr_t v = 0;
  unsigned shift = 0;
  uint8_t b;
  do {
    b = *(*p)++;
    if (shift < 32)
      v |= (uintptr_t)(b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  return v;
}

intptr_t eh_sleb128(const uint8_t **p) {
  uintptr_t v = 0;
  unsigned shift = 0;
  uint8_t b;
  do {
    b = *(*p)++;
    if (shift < 32)
      v |= (uintptr_t)(b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  if (shift < 32 && (b & 0x40))
    v |= ~(uintptr_t)0 << shift;
  return (intptr_t)v;
}

unsigned eh_encoded_size(uint8_t enc) {
  switch (enc & 0x0f) {
  case EH_PE_absptr: return sizeof(uintptr_t);
  case EH_PE_udata2:
  case EH_PE_sdata2: return 2;
  case EH_PE_udata4:
  case EH_PE_sdata4: return 4;
  case EH_PE_udata8:
  case EH_PE_sdata8: return 8;
  default: return 0;
  }
}

uintptr_t eh_read_encoded(uint8_t enc, const uint8_t **pp, const struct eh_bases *bases) {
  const uint8_t *p = *pp;
  const uint8_t *field = p;
  uintptr_t v;
  if (enc == EH_PE_omit)
    rt_fail("unwind: reading an omitted value");
  if ((enc & 0x70) == EH_PE_aligned) {
    p = (const uint8_t *)(((uintptr_t)p + sizeof(uintptr_t) - 1) & ~(sizeof(uintptr_t) - 1));
    memcpy(&v, p, sizeof v);
    *pp = p + sizeof v;
    return v;
  }
  switch (enc & 0x0f) {
  case EH_PE_absptr:
  case EH_PE_udata4:
  case EH_PE_sdata4: {
    uint32_t u;
    memcpy(&u, p, 4);
    v = u;
    p += 4;
    break;
  }
  case EH_PE_uleb128: v = eh_uleb128(&p); break;
  case EH_PE_sleb128: v = (uintptr_t)eh_sleb128(&p); break;
  case EH_PE_udata2: {
    uint16_t u;
    memcpy(&u, p, 2);
    v = u;
    p += 2;
    break;
  }
  case EH_PE_sdata2: {
    int16_t s;
    memcpy(&s, p, 2);
    v = (uintptr_t)(intptr_t)s;
    p += 2;
    break;
  }
  case EH_PE_udata8:
  case EH_PE_sdata8: {
    /* 32-bit addresses: the low word is the value modulo 2^32, which is
     * what relative arithmetic needs. */
    uint64_t u;
    memcpy(&u, p, 8);
    v = (uintptr_t)u;
    p += 8;
    break;
  }
  default: rt_fail("unwind: unknown pointer encoding 0x%02x", (unsigned)enc);
  }
  if (v != 0) {
    switch (enc & 0x70) {
    case EH_PE_absptr: break;
    case EH_PE_pcrel: v += (uintptr_t)field; break;
    case EH_PE_textrel: v += bases ? bases->text : 0; break;
    case EH_PE_datarel: v += bases ? bases->data : 0; break;
    case EH_PE_funcrel: v += bases ? bases->func : 0; break;
    default: rt_fail("unwind: unknown pointer encoding 0x%02x", (unsigned)enc);
    }
    if (enc & EH_PE_indirect)
      memcpy(&v, (const void *)v, sizeof v);
  }
  *pp = p;
  return v;
}

/* One object's .eh_frame_hdr search table: count pairs {initial location,
 * FDE address}, sorted by location, each value entry_size bytes wide. */
struct eh_table {
  const uint8_t *hdr;
  const uint8_t *table;
  uint32_t count;
  uint8_t enc;
  unsigned entry_size;
  uintptr_t lo, hi; /* the pcs this object may cover; hi 0 = unbounded */
};

static struct eh_table tables[2]; /* [0] the runtime, [1] the device ELF */
static int runtime_registered;

static void parse_hdr(struct eh_table *t, const uint8_t *hdr, const char *what) {
  struct eh_bases b = {0, (uintptr_t)hdr, 0};
  if (hdr[0] != 1)
    rt_fail("unwind: %s: .eh_frame_hdr version %u", what, (unsigned)hdr[0]);
  uint8_t frame_enc = hdr[1], count_enc = hdr[2], table_enc = hdr[3];
  const uint8_t *p = hdr + 4;
  if (frame_enc != EH_PE_omit)
    (void)eh_read_encoded(frame_enc, &p, &b);
  if (count_enc == EH_PE_omit || table_enc == EH_PE_omit)
    rt_fail("unwind: %s: .eh_frame_hdr has no search table", what);
  unsigned size = eh_encoded_size(table_enc);
  if (size == 0 || (table_enc & EH_PE_indirect) || (table_enc & 0x70) == EH_PE_aligned)
    rt_fail("unwind: %s: unsupported .eh_frame_hdr table encoding 0x%02x", what,
            (unsigned)table_enc);
  t->count = (uint32_t)eh_read_encoded(count_enc, &p, &b);
  t->hdr = hdr;
  t->table = p;
  t->enc = table_enc;
  t->entry_size = size;
}

/* The runtime's own tables, found through its program headers. */
extern const Elf32_Ehdr __ehdr_start;

static void register_runtime(void) {
  runtime_registered = 1;
  const Elf32_Phdr *ph =
      (const Elf32_Phdr *)((const uint8_t *)&__ehdr_start + __ehdr_start.e_phoff);
  for (unsigned i = 0; i < __ehdr_start.e_phnum; i++) {
    if (ph[i].p_type == PT_GNU_EH_FRAME) {
      parse_hdr(&tables[0], (const uint8_t *)(uintptr_t)ph[i].p_vaddr, "runtime");
      return;
    }
  }
  rt_fail("unwind: the runtime has no PT_GNU_EH_FRAME (link it with --eh-frame-hdr)");
}

static uintptr_t module_lo, module_hi;

void rt_eh_register_module(const uint8_t *base, uint32_t size, const uint8_t *eh_frame_hdr) {
  module_lo = (uintptr_t)base;
  module_hi = (uintptr_t)base + size;
  memset(&tables[1], 0, sizeof tables[1]);
  if (eh_frame_hdr == NULL)
    return;
  parse_hdr(&tables[1], eh_frame_hdr, "device ELF");
  tables[1].lo = module_lo;
  tables[1].hi = module_hi;
  /* The table and every FDE it points to must lie in the image. */
  uintptr_t end = (uintptr_t)tables[1].table + (uintptr_t)tables[1].count * 2 * tables[1].entry_size;
  if (end > module_hi || end < (uintptr_t)tables[1].table)
    rt_fail("load: .eh_frame_hdr search table outside the image");
}

int rt_eh_in_module(uintptr_t pc) { return pc >= module_lo && pc < module_hi; }

static uintptr_t table_value(const struct eh_table *t, uint32_t i, unsigned which) {
  const uint8_t *p = t->table + ((uintptr_t)i * 2 + which) * t->entry_size;
  struct eh_bases b = {0, (uintptr_t)t->hdr, 0};
  return eh_read_encoded(t->enc, &p, &b);
}

/* The FDE pointer encoding of a CIE (its 'R' augmentation), or -1 when the
 * CIE cannot be read. */
static int cie_fde_encoding(const uint8_t *cie) {
  const uint8_t *p = cie + 4;
  uint32_t id;
  memcpy(&id, p, 4);
  p += 4;
  if (id != 0)
    return -1;
  uint8_t version = *p++;
  const char *aug = (const char *)p;
  p += strlen(aug) + 1;
  (void)eh_uleb128(&p); /* code alignment */
  (void)eh_sleb128(&p); /* data alignment */
  if (version == 1)
    p++; /* return address register */
  else
    (void)eh_uleb128(&p);
  if (aug[0] != 'z')
    return aug[0] == '\0' ? EH_PE_absptr : -1;
  (void)eh_uleb128(&p); /* augmentation data length */
  for (const char *a = aug + 1; *a; a++) {
    switch (*a) {
    case 'R': return *p;
    case 'L': p++; break;
    case 'P': {
      uint8_t enc = *p++;
      unsigned size = eh_encoded_size(enc);
      if ((enc & 0x70) == EH_PE_aligned)
        return -1;
      if (size == 0)
        (void)eh_uleb128(&p); /* both LEB forms skip alike */
      else
        p += size;
      break;
    }
    case 'S':
    case 'B': break;
    default: return -1;
    }
  }
  return EH_PE_absptr;
}

static const void *search(const struct eh_table *t, uintptr_t pc, struct dwarf_eh_bases *bases) {
  if (t->table == NULL || t->count == 0)
    return NULL;
  if (t->hi != 0 && (pc < t->lo || pc >= t->hi))
    return NULL;
  /* The last entry whose initial location is <= pc. */
  uint32_t lo = 0, hi = t->count;
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (table_value(t, mid, 0) <= pc)
      lo = mid;
    else
      hi = mid;
  }
  if (table_value(t, lo, 0) > pc)
    return NULL;
  const uint8_t *fde = (const uint8_t *)table_value(t, lo, 1);
  if (t->hi != 0 && ((uintptr_t)fde < t->lo || (uintptr_t)fde + 16 > t->hi))
    return NULL;
  uint32_t len, cie_off;
  memcpy(&len, fde, 4);
  memcpy(&cie_off, fde + 4, 4);
  if (len == 0 || len == 0xffffffffu || cie_off == 0)
    return NULL;
  int enc = cie_fde_encoding(fde + 4 - cie_off);
  if (enc < 0)
    return NULL;
  const uint8_t *p = fde + 8;
  struct eh_bases b = {0, 0, 0};
  uintptr_t begin = eh_read_encoded((uint8_t)enc, &p, &b);
  uintptr_t range = eh_read_encoded((uint8_t)enc & 0x0f, &p, &b);
  if (pc < begin || pc - begin >= range)
    return NULL;
  bases->tbase = NULL;
  bases->dbase = NULL;
  bases->func = (void *)begin;
  return fde;
}

const void *_Unwind_Find_FDE(void *pc, struct dwarf_eh_bases *bases) {
  if (!runtime_registered)
    register_runtime();
  for (unsigned i = 0; i < sizeof tables / sizeof tables[0]; i++) {
    const void *fde = search(&tables[i], (uintptr_t)pc, bases);
    if (fde != NULL)
      return fde;
  }
  return NULL;
}
