/* The export table that device ELFs are linked against at load time. The
 * implementations come from libgcc (integer and soft-float helpers),
 * picolibc (memory and libm) and the runtime's own files. */
#include "rt.h"

/* Not <string.h>: it would declare memcpy & co. with types that clash with
 * the byte-array declarations below. */
int strcmp(const char *, const char *);

/* Declared as bytes: only the addresses matter here, and one declaration
 * form serves functions and data alike. */
#define EXPORT(name) extern char name[];
#define EXPORT_AS(name, sym) extern char sym[];
#include "exports.def"
#undef EXPORT
#undef EXPORT_AS

struct rt_export {
  const char *name;
  void *addr;
};

static const struct rt_export exports[] = {
#define EXPORT(name) {#name, (void *)name},
#define EXPORT_AS(name, sym) {#name, (void *)sym},
#include "exports.def"
#undef EXPORT
#undef EXPORT_AS
};

void *rt_lookup_export(const char *name) {
  size_t lo = 0, hi = sizeof exports / sizeof exports[0];
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(name, exports[mid].name);
    if (c == 0)
      return exports[mid].addr;
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return NULL;
}
