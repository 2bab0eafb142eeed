/* The device ELF loader. It follows what ARTIQ's firmware does with a
 * kernel: check the header, map the PT_LOAD segments into RWX memory, apply
 * the RELA relocations it knows, bind undefined symbols by name against the
 * export table and find __modinit__ through the SysV hash table. Anything
 * else is a load failure (exit status 3), never a guess. */
#include <string.h>

#include "eh.h"
#include "elf.h"
#include "rt.h"

/* e_flags the firmware accepts for this runtime's ABI: 0x4 is
 * EF_RISCV_FLOAT_ABI_DOUBLE (rv32g), 0x0 soft float (rv32ima). */
#ifndef RT_ELF_FLAGS
#define RT_ELF_FLAGS 0x4
#endif

#define PROT_RWX 7
#define MAP_PRIVATE_ANON 0x22
#define PAGE 4096u

struct dynamic {
  const uint32_t *hash;
  const Elf32_Sym *symtab;
  const char *strtab;
  uint32_t strsz;
  uint32_t nsyms;
  const Elf32_Rela *rela;
  uint32_t relasz;
  const Elf32_Rela *jmprel;
  uint32_t pltrelsz;
};

/* in_image checks that [off, off+len) lies inside the mapped image. */
static int in_image(const struct rt_module *m, uint32_t off, uint32_t len) {
  return off <= m->size && len <= m->size - off;
}

static uint32_t elf_hash(const char *name) {
  uint32_t h = 0;
  for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
    h = (h << 4) + *p;
    uint32_t g = h & 0xf0000000u;
    if (g)
      h ^= g >> 24;
    h &= ~g;
  }
  return h;
}

static const char *sym_name(const struct dynamic *d, const Elf32_Sym *s) {
  if (s->st_name >= d->strsz)
    rt_fail("load: symbol name out of range");
  return d->strtab + s->st_name;
}

/* Looks up a symbol defined by the module, as the firmware does. */
static const Elf32_Sym *lookup_defined(const struct dynamic *d, const char *name) {
  uint32_t nbucket = d->hash[0];
  const uint32_t *bucket = d->hash + 2;
  const uint32_t *chain = bucket + nbucket;
  if (nbucket == 0)
    return NULL;
  for (uint32_t i = bucket[elf_hash(name) % nbucket]; i != 0; i = chain[i]) {
    if (i >= d->nsyms)
      rt_fail("load: corrupt DT_HASH chain");
    const Elf32_Sym *s = &d->symtab[i];
    if (s->st_shndx != SHN_UNDEF && strcmp(sym_name(d, s), name) == 0)
      return s;
  }
  return NULL;
}

/* Value of symbol index i: the module's own definition, or the runtime's
 * export of that name. */
static uint32_t symbol_value(const struct rt_module *m, const struct dynamic *d, uint32_t i) {
  if (i == 0)
    return 0;
  if (i >= d->nsyms)
    rt_fail("load: relocation symbol index %u out of range", (unsigned)i);
  const Elf32_Sym *s = &d->symtab[i];
  if (s->st_shndx != SHN_UNDEF)
    return (uint32_t)(uintptr_t)m->base + s->st_value;
  const char *name = sym_name(d, s);
  void *addr = rt_lookup_export(name);
  if (addr == NULL)
    rt_fail("unresolved import %s", name);
  return (uint32_t)(uintptr_t)addr;
}

static void relocate(const struct rt_module *m, const struct dynamic *d,
                     const Elf32_Rela *rel, uint32_t size) {
  if (size % sizeof(Elf32_Rela) != 0)
    rt_fail("load: relocation table size %u is not a multiple of %u",
            (unsigned)size, (unsigned)sizeof(Elf32_Rela));
  for (uint32_t k = 0; k < size / sizeof(Elf32_Rela); k++) {
    uint32_t type = ELF32_R_TYPE(rel[k].r_info);
    uint32_t sym = ELF32_R_SYM(rel[k].r_info);
    if (type == R_RISCV_NONE)
      continue;
    if (!in_image(m, rel[k].r_offset, 4))
      rt_fail("load: relocation offset 0x%x outside the image", (unsigned)rel[k].r_offset);
    uint32_t *where = (uint32_t *)(m->base + rel[k].r_offset);
    switch (type) {
    case R_RISCV_RELATIVE:
      *where = (uint32_t)(uintptr_t)m->base + (uint32_t)rel[k].r_addend;
      break;
    case R_RISCV_32:
      *where = symbol_value(m, d, sym) + (uint32_t)rel[k].r_addend;
      break;
    case R_RISCV_JUMP_SLOT:
      *where = symbol_value(m, d, sym);
      break;
    default:
      rt_fail("load: unsupported relocation type %u at offset 0x%x", (unsigned)type,
              (unsigned)rel[k].r_offset);
    }
  }
}

/* Translates a dynamic-section address into a checked pointer. */
static const void *dyn_ptr(const struct rt_module *m, uint32_t vaddr, uint32_t len,
                           const char *what) {
  if (!in_image(m, vaddr, len))
    rt_fail("load: %s outside the image", what);
  return m->base + vaddr;
}

static void read_dynamic(const struct rt_module *m, const Elf32_Dyn *dyn, uint32_t count,
                         struct dynamic *d) {
  uint32_t hash = 0, symtab = 0, strtab = 0, rela = 0, jmprel = 0;
  uint32_t relaent = sizeof(Elf32_Rela), pltrel = DT_RELA;
  int have_hash = 0, have_symtab = 0, have_strtab = 0;
  memset(d, 0, sizeof *d);
  for (uint32_t i = 0; i < count && dyn[i].d_tag != DT_NULL; i++) {
    uint32_t v = dyn[i].d_val;
    switch (dyn[i].d_tag) {
    case DT_HASH: hash = v; have_hash = 1; break;
    case DT_SYMTAB: symtab = v; have_symtab = 1; break;
    case DT_STRTAB: strtab = v; have_strtab = 1; break;
    case DT_STRSZ: d->strsz = v; break;
    case DT_RELA: rela = v; break;
    case DT_RELASZ: d->relasz = v; break;
    case DT_RELAENT: relaent = v; break;
    case DT_JMPREL: jmprel = v; break;
    case DT_PLTRELSZ: d->pltrelsz = v; break;
    case DT_PLTREL: pltrel = v; break;
    case DT_SYMENT:
      if (v != sizeof(Elf32_Sym))
        rt_fail("load: unexpected DT_SYMENT %u", (unsigned)v);
      break;
    case DT_REL: rt_fail("load: DT_REL is not supported (the firmware needs DT_RELA)");
    default: break;
    }
  }
  if (!have_hash || !have_symtab || !have_strtab)
    rt_fail("load: dynamic section lacks DT_HASH, DT_SYMTAB or DT_STRTAB");
  if (relaent != sizeof(Elf32_Rela) || pltrel != DT_RELA)
    rt_fail("load: relocations must be RELA");
  d->hash = dyn_ptr(m, hash, 8, "DT_HASH");
  d->nsyms = d->hash[1]; /* nchain equals the number of symbols */
  dyn_ptr(m, hash, 8 + 4 * (d->hash[0] + d->nsyms), "DT_HASH");
  d->symtab = dyn_ptr(m, symtab, d->nsyms * sizeof(Elf32_Sym), "DT_SYMTAB");
  d->strtab = dyn_ptr(m, strtab, d->strsz, "DT_STRTAB");
  if (d->strsz == 0 || d->strtab[d->strsz - 1] != '\0')
    rt_fail("load: DT_STRTAB is not terminated");
  if (d->relasz)
    d->rela = dyn_ptr(m, rela, d->relasz, "DT_RELA");
  if (d->pltrelsz)
    d->jmprel = dyn_ptr(m, jmprel, d->pltrelsz, "DT_JMPREL");
}

void rt_load(const uint8_t *img, uint32_t len, struct rt_module *m) {
  const Elf32_Ehdr *eh = (const Elf32_Ehdr *)img;
  memset(m, 0, sizeof *m);
  if (len < sizeof *eh || memcmp(eh->e_ident, "\177ELF", 4) != 0)
    rt_fail("load: not an ELF file");
  if (eh->e_ident[4] != ELFCLASS32 || eh->e_ident[5] != ELFDATA2LSB ||
      eh->e_ident[6] != EV_CURRENT)
    rt_fail("load: not a 32-bit little-endian ELF version 1 file");
  if (eh->e_type != ET_DYN)
    rt_fail("load: not a shared object (e_type %u)", (unsigned)eh->e_type);
  if (eh->e_machine != EM_RISCV)
    rt_fail("load: not a RISC-V ELF (e_machine %u)", (unsigned)eh->e_machine);
  if (eh->e_flags != RT_ELF_FLAGS)
    rt_fail("load: e_flags 0x%x, this runtime needs 0x%x", (unsigned)eh->e_flags,
            (unsigned)RT_ELF_FLAGS);
  if (eh->e_phentsize != sizeof(Elf32_Phdr) || eh->e_phoff > len ||
      (uint32_t)eh->e_phnum * sizeof(Elf32_Phdr) > len - eh->e_phoff)
    rt_fail("load: bad program headers");
  const Elf32_Phdr *ph = (const Elf32_Phdr *)(img + eh->e_phoff);

  uint32_t extent = 0, align = PAGE;
  for (unsigned i = 0; i < eh->e_phnum; i++) {
    if (ph[i].p_type != PT_LOAD)
      continue;
    if (ph[i].p_filesz > ph[i].p_memsz || ph[i].p_offset > len ||
        ph[i].p_filesz > len - ph[i].p_offset || ph[i].p_vaddr > 0x10000000u ||
        ph[i].p_memsz > 0x10000000u)
      rt_fail("load: bad PT_LOAD segment %u", i);
    if (ph[i].p_vaddr + ph[i].p_memsz > extent)
      extent = ph[i].p_vaddr + ph[i].p_memsz;
    if (ph[i].p_align > align)
      align = ph[i].p_align;
  }
  if (extent == 0)
    rt_fail("load: no PT_LOAD segments");
  if (align & (align - 1) || align > 0x100000u)
    rt_fail("load: bad segment alignment 0x%x", (unsigned)align);
  extent = (extent + PAGE - 1) & ~(PAGE - 1);

  /* Over-allocate so that vaddr 0 can sit on an `align` boundary. */
  long mem = rt_syscall6(SYS_mmap2, 0, (long)(extent + align), PROT_RWX, MAP_PRIVATE_ANON,
                         -1, 0);
  if (rt_is_err(mem))
    rt_fail("load: cannot map %u bytes", (unsigned)extent);
  m->base = (uint8_t *)(((uint32_t)mem + align - 1) & ~(align - 1));
  m->size = extent;

  const Elf32_Dyn *dyn = NULL;
  uint32_t ndyn = 0;
  for (unsigned i = 0; i < eh->e_phnum; i++) {
    if (ph[i].p_type == PT_LOAD) {
      memcpy(m->base + ph[i].p_vaddr, img + ph[i].p_offset, ph[i].p_filesz);
      /* The mapping is fresh and zero already; clearing bss anyway keeps
       * this correct if the memory is ever reused. */
      memset(m->base + ph[i].p_vaddr + ph[i].p_filesz, 0, ph[i].p_memsz - ph[i].p_filesz);
    }
  }
  for (unsigned i = 0; i < eh->e_phnum; i++) {
    if (ph[i].p_type == PT_DYNAMIC) {
      dyn = dyn_ptr(m, ph[i].p_vaddr, ph[i].p_memsz, "PT_DYNAMIC");
      ndyn = ph[i].p_memsz / sizeof(Elf32_Dyn);
    } else if (ph[i].p_type == PT_GNU_EH_FRAME) {
      m->eh_frame_hdr = dyn_ptr(m, ph[i].p_vaddr, ph[i].p_memsz, "PT_GNU_EH_FRAME");
    }
  }
  if (dyn == NULL)
    rt_fail("load: no PT_DYNAMIC segment");

  struct dynamic d;
  read_dynamic(m, dyn, ndyn, &d);
  if (d.rela)
    relocate(m, &d, d.rela, d.relasz);
  if (d.jmprel)
    relocate(m, &d, d.jmprel, d.pltrelsz);

  const Elf32_Sym *init = lookup_defined(&d, "__modinit__");
  if (init == NULL)
    rt_fail("load: the module does not define __modinit__");
  if (!in_image(m, init->st_value, 4))
    rt_fail("load: __modinit__ outside the image");
  m->modinit = (void (*)(void *))(m->base + init->st_value);

  /* The unwinder reads .eh_frame_hdr as relocated (unwind.c). */
  rt_eh_register_module(m->base, m->size, m->eh_frame_hdr);

  /* The code was written through the data side. */
  __asm__ volatile("fence.i" ::: "memory");
}
