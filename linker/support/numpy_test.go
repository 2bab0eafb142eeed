package support

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// numpyPython returns a python3 that can import NumPy (the harness's
// oracle for array printing), or "".
func numpyPython() string {
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import numpy").Run() == nil {
			return path
		}
	}
	return ""
}

// The array printer, compiled for the host, prints what NumPy prints for
// random arrays of every element type: str() and repr(), 1 to 3
// dimensions, empty ones, summarized ones (more than 1000 elements), and
// floats in positional and scientific notation with NaN and infinities.
func TestArrayReprMatchesNumPy(t *testing.T) {
	n := "3000"
	if testing.Short() {
		n = "300"
	}
	runNumPyCheck(t, arrayDriver, arrayCases, n)
}

// Sums (and so means) of float arrays round as NumPy's pairwise summation
// does; integer arrays are cast in NumPy's buffers.
func TestArraySumMatchesNumPy(t *testing.T) {
	runNumPyCheck(t, sumDriver, sumCases)
}

// runNumPyCheck compiles driver (a C main) with array_repr.c for the host
// and runs the Python script cases, which compares the program's output
// with NumPy's; extra arguments follow the program's path.
func runNumPyCheck(t *testing.T, driver, cases string, args ...string) {
	t.Helper()
	cc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("gcc not in PATH")
	}
	py := numpyPython()
	if py == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no python3 with NumPy (tools/setup.sh installs python3-numpy)")
		}
		t.Skip("no python3 with NumPy")
	}
	dir := t.TempDir()
	for _, name := range []string{"array_repr.c", "bignum.h"} {
		src, _ := srcFS.ReadFile("src/" + name)
		os.WriteFile(filepath.Join(dir, name), src, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "main.c"), []byte(driver), 0o644)
	os.WriteFile(filepath.Join(dir, "cases.py"), []byte(cases), 0o644)
	bin := filepath.Join(dir, "prog")
	if out, err := exec.Command(cc, "-O2", "-Wall", "-Wextra", "-Werror", "-o", bin,
		filepath.Join(dir, "main.c"), filepath.Join(dir, "array_repr.c")).CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	cmd := append([]string{filepath.Join(dir, "cases.py"), bin}, args...)
	if out, err := exec.Command(py, cmd...).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}

const sumDriver = `#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
void core_log(const char *fmt, ...) { (void)fmt; }
void *__kernel_alloc(uint32_t n) { return malloc(n); }
double __kernel_array_fsum(const void *a, int32_t n, int32_t kind);
/* Each case: kind n and the elements' bits in hex; prints the sum's bits. */
int main(void) {
  int kind, n;
  while (scanf("%d %d", &kind, &n) == 2) {
    int es = kind == 0 ? 4 : 8;
    uint8_t *a = malloc((size_t)n * es + 8);
    for (int i = 0; i < n; i++) {
      unsigned long long u;
      if (scanf("%llx", &u) != 1)
        return 1;
      memcpy(a + (size_t)i * es, &u, es);
    }
    double s = __kernel_array_fsum(a, n, kind);
    unsigned long long u;
    memcpy(&u, &s, 8);
    printf("%llx\n", u);
    free(a);
  }
  return 0;
}
`

const sumCases = `import random, struct, subprocess, sys
import numpy as np
random.seed(2)
cases = []
for _ in range(1500):
    n = random.choice([0, 1, 3, 7, 8, 9, 16, 17, 127, 128, 129, 256, 257, 1000, 3001, 9000])
    if random.random() < 0.8:
        a = np.array([random.uniform(-1, 1) * 10 ** random.randint(-5, 5) for _ in range(n)])
        kind = 2
    else:
        a = np.array([random.randint(-2 ** 31, 2 ** 31 - 1) for _ in range(n)], dtype=np.int32)
        kind = 0
    cases.append((kind, a))
inp = "".join("%d %d %s\n" % (k, len(a), " ".join(
    ("%x" % struct.unpack("<Q", struct.pack("<d", v))[0]) if k == 2 else ("%x" % (int(v) & 0xFFFFFFFF))
    for v in a)) for k, a in cases)
got = subprocess.run([sys.argv[1]], input=inp, capture_output=True, text=True, check=True).stdout.split()
if len(got) != len(cases):
    sys.exit("%d sums for %d cases" % (len(got), len(cases)))
bad = 0
for (k, a), g in zip(cases, got):
    want = "%x" % struct.unpack("<Q", struct.pack("<d", float(a.sum(dtype=np.float64))))[0]
    if want != g:
        bad += 1
        if bad <= 5:
            print("kind", k, "n", len(a), "numpy", want, "kernel", g)
if bad:
    sys.exit("%d of %d sums differ" % (bad, len(cases)))
`

const arrayDriver = `#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
void core_log(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
}
void *__kernel_alloc(uint32_t n) { return malloc(n); }
void __kernel_print_array(const void *data, const int32_t *shape, int32_t ndims, int32_t kind, int32_t repr);
/* Each case: kind repr ndims shape... and the elements' bits in hex. */
int main(void) {
  int kind, repr, nd;
  while (scanf("%d %d %d", &kind, &repr, &nd) == 3) {
    int32_t shape[8];
    long size = 1;
    for (int i = 0; i < nd; i++) {
      if (scanf("%d", &shape[i]) != 1)
        return 1;
      size *= shape[i];
    }
    int es = kind == 0 ? 4 : kind == 3 ? 1 : 8;
    uint8_t *buf = malloc(size * es + 1);
    for (long i = 0; i < size; i++) {
      unsigned long long u;
      if (scanf("%llx", &u) != 1)
        return 1;
      memcpy(buf + i * es, &u, es);
    }
    __kernel_print_array(buf, shape, nd, kind, repr);
    printf("\n@@\n");
    free(buf);
  }
  return 0;
}
`

const arrayCases = `import random, struct, subprocess, sys
import numpy as np
random.seed(1)
binary, count = sys.argv[1], int(sys.argv[2])

def rnd_float():
    r = random.random()
    if r < 0.1:
        return random.choice([0.0, -0.0, 1.0, 0.5, float("nan"), float("inf"), -float("inf"),
                              1e8, 1e-4, 1000.0, 0.1, 0.3, 2 / 3])
    if r < 0.3:
        return float(random.randint(-1000, 1000)) / random.choice([1, 2, 4, 8, 10, 100, 3, 7])
    if r < 0.5:
        return random.uniform(-10, 10)
    if r < 0.6:
        return struct.unpack("<d", struct.pack("<Q", random.getrandbits(64)))[0]
    return random.uniform(-1, 1) * 10 ** random.randint(-12, 12)

cases = []
for _ in range(count):
    kind = random.choice([0, 1, 2, 2, 2, 3])
    rep = random.choice([0, 1])
    nd = random.choice([1, 1, 1, 2, 2, 3])
    shape = [random.choice([0, 1, 2, 3, 5, 8, 12, 30]) if random.random() < 0.9 else 1001 for _ in range(nd)]
    if np.prod(shape) > 5000:
        shape = [random.randint(0, 4) for _ in range(nd)]
    size = int(np.prod(shape))
    dt = {0: np.int32, 1: np.int64, 2: np.float64, 3: np.bool_}[kind]
    if kind == 2:
        if random.random() < 0.5:
            vals = [rnd_float() for _ in range(size)]
        else:
            vals = [rnd_float()] * size
    elif kind == 3:
        vals = [random.random() < 0.5 for _ in range(size)]
    else:
        lim = 2 ** 31 if kind == 0 else 2 ** 63
        big = random.choice([10, 1000, 100000, lim])
        vals = [random.randint(-big, big - 1) for _ in range(size)]
    a = np.array(vals, dtype=dt).reshape(shape)
    want = repr(a) if rep else str(a)
    if kind == 2:
        words = ["%x" % struct.unpack("<Q", struct.pack("<d", v))[0] for v in a.flat]
    else:
        words = ["%x" % (int(v) & 0xFFFFFFFFFFFFFFFF) for v in a.flat]
    cases.append(("%d %d %d %s %s" % (kind, rep, nd, " ".join(map(str, shape)), " ".join(words)), want))
inp = "\n".join(c[0] for c in cases) + "\n"
got = subprocess.run([binary], input=inp, capture_output=True, text=True, check=True).stdout.split("\n@@\n")
if len(got) != len(cases) + 1:
    sys.exit("%d arrays printed for %d cases" % (len(got) - 1, len(cases)))
bad = 0
for (c, want), g in zip(cases, got):
    if g != want:
        bad += 1
        if bad <= 5:
            print("case:", c[:300])
            print("numpy:  ", repr(want)[:600])
            print("kernel: ", repr(g)[:600])
if bad:
    sys.exit("%d of %d arrays print differently" % (bad, len(cases)))
`
