/* RPCs: rpc_send, rpc_send_async and rpc_recv, answered by the RPC host
 * (simulator/host/host.py) that the Go driver starts next to the runtime.
 *
 * The kernel side is the firmware's interface (BRIEF 4a):
 *
 *   void rpc_send(u32 service, struct artiq_str *tag, void **args);
 *   void rpc_send_async(u32 service, struct artiq_str *tag, void **args);
 *   i32  rpc_recv(void *slot);
 *
 * The tag is ARTIQ's: the argument tags, ':', the return tag, with n None,
 * b bool, i int32, I int64, f float, s str (B bytes, A bytearray), l<T>
 * list, a<n><T> array of n dimensions (n one byte; the value is ARTIQ's
 * {T *elements; u32 shape[n]}), t<n><T...> tuple (n one byte), r<T> range,
 * k<T> keyword argument (its slot holds {str name; T value}), O a host
 * object (its slot holds the object pointer; the object's id is the first
 * word of its struct). args[i] points at the value of
 * argument i, laid out as the kernel's LLVM types are on rv32 (i1 one
 * byte; i64 and double 8-aligned; str and list {ptr, u32 len}).
 *
 * After a sync rpc_send the kernel calls rpc_recv(slot) until it returns 0.
 * A result with out-of-line data (strings, list elements) first returns
 * the number of bytes it needs, all in one block; the kernel allocates them
 * in its heap and calls rpc_recv(block), which fills the slot and the
 * block. A host exception is raised from rpc_recv with __artiq_raise.
 *
 * Wire format (all integers little-endian), on fds the driver opens:
 *
 *   fd 5, requests:  u32 size (of what follows); u8 kind ('S' sync call,
 *                    'A' async call); u32 service; u32 tag_len; tag bytes;
 *                    the arguments encoded by their tags.
 *   fd 6, replies:   u32 size; u8 kind, then
 *                    'R' the result, encoded by the return tag;
 *                    'E' an exception: u32 id, str name, str message,
 *                        str file, u32 line, u32 column, str function;
 *                    'D' an async call finished (nothing else).
 *
 * Values are encoded as: n nothing; b u8; i i32; I i64; f f64 (IEEE);
 * s/B/A u32 length + bytes; l<T> u32 count + elements; a<n><T> n u32
 * dimensions + the elements, row-major; t<n> the elements;
 * r<T> start, stop, step; k<T> the name (as s) + the value; O u32 id.
 *
 * The host answers in request order. Async calls are not waited for, but
 * their acknowledgements are read before the kernel prints (rt_rpc_sync,
 * called by core_log) and before the next sync reply, so that what the
 * host prints appears where CPython would print it; a bounded number in
 * flight keeps both pipes from filling up. */
#include <string.h>

#include "rt.h"

#define FD_REQUEST 5
#define FD_REPLY 6

#define PROT_RW 3
#define MAP_PRIVATE_ANON 0x22

/* Async calls in flight before the runtime waits for their acks (each ack
 * is 5 bytes: far below a pipe's capacity). */
#define MAX_ASYNC_IN_FLIGHT 256

__attribute__((noreturn)) void __artiq_raise(struct artiq_exception *exn);

/* ---- Memory ---------------------------------------------------------- */

static void *map(uint32_t size) {
  long mem = rt_syscall6(SYS_mmap2, 0, (long)size, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
  if (rt_is_err(mem))
    rt_fail("RPC: out of memory (%u bytes)", (unsigned)size);
  return (void *)mem;
}

/* A growable byte buffer. */
struct buf {
  uint8_t *p;
  uint32_t len, cap;
};

static void buf_reserve(struct buf *b, uint32_t n) {
  if (n > 0x40000000u - b->len)
    rt_fail("RPC: message too large");
  if (b->len + n <= b->cap)
    return;
  uint32_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + n)
    cap *= 2;
  uint8_t *p = map(cap);
  if (b->len)
    memcpy(p, b->p, b->len);
  if (b->p)
    rt_syscall3(SYS_munmap, b->p, b->cap, 0);
  b->p = p;
  b->cap = cap;
}

static void put(struct buf *b, const void *data, uint32_t n) {
  buf_reserve(b, n);
  memcpy(b->p + b->len, data, n);
  b->len += n;
}

static void put_u8(struct buf *b, uint8_t v) { put(b, &v, 1); }
static void put_u32(struct buf *b, uint32_t v) { put(b, &v, 4); } /* rv32 is little-endian */

/* Strings of host exceptions must outlive the raise: they come from a
 * bump arena that is never freed (host exceptions are rare). */
static uint8_t *arena;
static uint32_t arena_left;

static uint8_t *arena_alloc(uint32_t n) {
  if (n > arena_left) {
    uint32_t size = n > 65536 ? n : 65536;
    arena = map(size);
    arena_left = size;
  }
  uint8_t *p = arena;
  arena += n;
  arena_left -= n;
  return p;
}

/* ---- Tags ------------------------------------------------------------ */

struct tag {
  const uint8_t *p, *end;
};

static uint32_t align_up(uint32_t v, uint32_t a) { return (v + a - 1) & ~(a - 1); }

static uint8_t tag_next(struct tag *t) {
  if (t->p >= t->end)
    rt_fail("RPC: truncated tag");
  return *t->p++;
}

/* The size and alignment of a value of the type at *t in kernel memory;
 * advances *t past the type. */
static void layout(struct tag *t, uint32_t *size, uint32_t *align) {
  uint8_t c = tag_next(t);
  switch (c) {
  case 'n':
    *size = 0, *align = 1;
    return;
  case 'b':
    *size = 1, *align = 1;
    return;
  case 'i':
  case 'O':
    *size = 4, *align = 4;
    return;
  case 'I':
  case 'f':
    *size = 8, *align = 8;
    return;
  case 's':
  case 'B':
  case 'A':
    *size = 8, *align = 4;
    return;
  case 'l': {
    uint32_t s, a;
    layout(t, &s, &a);
    *size = 8, *align = 4;
    return;
  }
  case 'a': {
    uint32_t n = tag_next(t), s, a;
    layout(t, &s, &a);
    *size = 4 + 4 * n, *align = 4;
    return;
  }
  case 'r': {
    uint32_t s, a;
    layout(t, &s, &a);
    *size = align_up(3 * s, a), *align = a;
    return;
  }
  case 'k': {
    uint32_t s, a;
    layout(t, &s, &a);
    uint32_t al = a > 4 ? a : 4;
    *size = align_up(align_up(8, a) + s, al), *align = al;
    return;
  }
  case 't': {
    uint32_t n = tag_next(t), off = 0, al = 1;
    for (uint32_t i = 0; i < n; i++) {
      uint32_t s, a;
      layout(t, &s, &a);
      off = align_up(off, a) + s;
      if (a > al)
        al = a;
    }
    *size = align_up(off, al), *align = al;
    return;
  }
  }
  rt_fail("RPC: tag '%c' is not supported by the simulator", c);
}

/* ---- Sending --------------------------------------------------------- */

/* Appends the value at src, of the type at *t, to b. */
static void encode(struct buf *b, struct tag *t, const uint8_t *src) {
  uint8_t c = tag_next(t);
  switch (c) {
  case 'n':
    return;
  case 'b':
    put_u8(b, src[0] & 1);
    return;
  case 'i':
    put(b, src, 4);
    return;
  case 'O': {
    /* A host object: its id, the first word of its struct (ARTIQ's
     * __objectid__). */
    const uint32_t *obj = *(const uint32_t *const *)src;
    put_u32(b, obj ? obj[0] : 0);
    return;
  }
  case 'I':
  case 'f':
    put(b, src, 8);
    return;
  case 's':
  case 'B':
  case 'A': {
    const struct artiq_str *s = (const struct artiq_str *)src;
    put_u32(b, s->len);
    put(b, s->ptr, s->len);
    return;
  }
  case 'l': {
    const uint8_t *elems = *(const uint8_t *const *)src;
    uint32_t n = *(const uint32_t *)(src + 4);
    struct tag elem = *t;
    uint32_t s, a;
    layout(t, &s, &a); /* advances t past the element type */
    put_u32(b, n);
    for (uint32_t i = 0; i < n; i++) {
      struct tag e = elem;
      encode(b, &e, elems + i * s);
    }
    return;
  }
  case 'a': {
    /* {T *elements; u32 shape[n]}: the shape, then the elements */
    uint32_t nd = tag_next(t), count = 1;
    const uint8_t *elems = *(const uint8_t *const *)src;
    for (uint32_t k = 0; k < nd; k++) {
      uint32_t d;
      memcpy(&d, src + 4 + 4 * k, 4);
      put_u32(b, d);
      count *= d;
    }
    struct tag elem = *t;
    uint32_t s, a;
    layout(t, &s, &a);
    for (uint32_t i = 0; i < count; i++) {
      struct tag e = elem;
      encode(b, &e, elems + i * s);
    }
    return;
  }
  case 'r': {
    struct tag elem = *t;
    uint32_t s, a;
    layout(t, &s, &a);
    for (int i = 0; i < 3; i++) {
      struct tag e = elem;
      encode(b, &e, src + i * s);
    }
    return;
  }
  case 'k': {
    struct tag elem = *t;
    uint32_t s, a;
    layout(t, &s, &a);
    struct tag name = {(const uint8_t *)"s", (const uint8_t *)"s" + 1};
    encode(b, &name, src);
    encode(b, &elem, src + align_up(8, a));
    return;
  }
  case 't': {
    uint32_t n = tag_next(t), off = 0;
    for (uint32_t i = 0; i < n; i++) {
      struct tag e = *t;
      uint32_t s, a;
      layout(t, &s, &a);
      off = align_up(off, a);
      encode(b, &e, src + off);
      off += s;
    }
    return;
  }
  }
  rt_fail("RPC: tag '%c' is not supported by the simulator", c);
}

static struct buf request;
static unsigned async_in_flight;

/* The sync call waiting for its result. */
static struct {
  int active;      /* rpc_send done, result not delivered yet */
  int have_reply;  /* the reply has been read; waiting for the block */
  uint32_t service;
  struct tag ret;  /* the return tag */
  void *slot;
  uint32_t need;   /* bytes of out-of-line data */
} call;

static void send(char kind, uint32_t service, const struct artiq_str *tag, void **args) {
  if (tag == NULL)
    rt_fail("RPC to service %u without a tag", (unsigned)service);
  struct tag t = {(const uint8_t *)tag->ptr, (const uint8_t *)tag->ptr + tag->len};
  request.len = 0;
  put_u32(&request, 0); /* size, patched below */
  put_u8(&request, (uint8_t)kind);
  put_u32(&request, service);
  put_u32(&request, tag->len);
  put(&request, tag->ptr, tag->len);
  for (unsigned i = 0; t.p < t.end && *t.p != ':'; i++) {
    if (args == NULL || (args[i] == NULL && *t.p != 'n'))
      rt_fail("RPC to service %u: argument %u has no value", (unsigned)service, i);
    encode(&request, &t, args[i]);
  }
  if (t.p >= t.end)
    rt_fail("RPC to service %u: the tag has no return type", (unsigned)service);
  uint32_t size = request.len - 4;
  memcpy(request.p, &size, 4);
  long r = rt_write_all(FD_REQUEST, request.p, request.len);
  if (r == -RT_EBADF)
    rt_fail("RPC to service %u, but no RPC host is attached (run the ELF with the linker's tables "
            "so that the simulator can start one)",
            (unsigned)service);
  if (rt_is_err(r))
    rt_fail("RPC to service %u: the RPC host went away (errno %ld)", (unsigned)service, -r);
  call.active = kind == 'S';
  call.have_reply = 0;
  call.service = service;
  t.p++; /* ':' */
  call.ret = t;
}

/* ---- Receiving ------------------------------------------------------- */

static struct buf reply;

static void read_exact(uint8_t *p, uint32_t n) {
  while (n > 0) {
    long r = rt_syscall3(SYS_read, FD_REPLY, p, n);
    if (r == -4) /* EINTR */
      continue;
    if (r == 0)
      rt_fail("RPC: the RPC host went away (see its messages above)");
    if (rt_is_err(r))
      rt_fail("RPC: cannot read the RPC host's reply (errno %ld)", -r);
    p += r;
    n -= (uint32_t)r;
  }
}

/* Reads one reply record into reply; returns its kind. */
static char read_reply(void) {
  uint32_t size;
  read_exact((uint8_t *)&size, 4);
  if (size == 0 || size > 0x40000000u)
    rt_fail("RPC: bad reply record (size %u)", (unsigned)size);
  reply.len = 0;
  buf_reserve(&reply, size);
  read_exact(reply.p, size);
  reply.len = size;
  return (char)reply.p[0];
}

static void drain_async(void) {
  while (async_in_flight > 0) {
    char k = read_reply();
    if (k != 'D')
      rt_fail("RPC: expected the acknowledgement of an async call, got record '%c'", k);
    async_in_flight--;
  }
}

void rt_rpc_sync(void) {
  if (async_in_flight > 0)
    drain_async();
}

/* A cursor over a reply's payload. */
struct rd {
  const uint8_t *p, *end;
};

static const uint8_t *take(struct rd *r, uint32_t n) {
  if ((uint32_t)(r->end - r->p) < n)
    rt_fail("RPC: truncated reply from the RPC host");
  const uint8_t *p = r->p;
  r->p += n;
  return p;
}

static uint32_t take_u32(struct rd *r) {
  uint32_t v;
  memcpy(&v, take(r, 4), 4);
  return v;
}

/* Walks the value of the type at *t in r. With dst == NULL it only adds
 * the out-of-line bytes the value needs to *heap (measure); otherwise it
 * writes the value at dst and its out-of-line data at block + *heap, in
 * the same order, so that both walks agree. */
static void decode(struct tag *t, struct rd *r, uint8_t *dst, uint8_t *block, uint32_t *heap) {
  uint8_t c = tag_next(t);
  switch (c) {
  case 'n':
    return;
  case 'b': {
    const uint8_t *v = take(r, 1);
    if (dst)
      dst[0] = v[0] & 1;
    return;
  }
  case 'i': {
    const uint8_t *v = take(r, 4);
    if (dst)
      memcpy(dst, v, 4);
    return;
  }
  case 'I':
  case 'f': {
    const uint8_t *v = take(r, 8);
    if (dst)
      memcpy(dst, v, 8);
    return;
  }
  case 's':
  case 'B':
  case 'A': {
    uint32_t n = take_u32(r);
    const uint8_t *v = take(r, n);
    if (dst) {
      uint8_t *p = block + *heap;
      memcpy(p, v, n);
      p[n] = 0;
      struct artiq_str s = {(const char *)p, n};
      memcpy(dst, &s, sizeof s);
    }
    *heap += n + 1;
    return;
  }
  case 'l': {
    uint32_t n = take_u32(r);
    struct tag elem = *t;
    uint32_t s, a;
    layout(t, &s, &a);
    if (s != 0 && n > 0x40000000u / s)
      rt_fail("RPC: list of %u elements is too large", (unsigned)n);
    *heap = align_up(*heap, a);
    uint8_t *elems = dst ? block + *heap : NULL;
    *heap += n * s;
    for (uint32_t i = 0; i < n; i++) {
      struct tag e = elem;
      decode(&e, r, dst ? elems + i * s : NULL, block, heap);
    }
    if (dst) {
      memcpy(dst, &elems, 4);
      memcpy(dst + 4, &n, 4);
    }
    return;
  }
  case 'a': {
    uint32_t nd = tag_next(t), count = 1;
    for (uint32_t k = 0; k < nd; k++) {
      uint32_t d = take_u32(r);
      if (d != 0 && count > 0x40000000u / d)
        rt_fail("RPC: array too large");
      count *= d;
      if (dst)
        memcpy(dst + 4 + 4 * k, &d, 4);
    }
    struct tag elem = *t;
    uint32_t s, a;
    layout(t, &s, &a);
    if (s != 0 && count > 0x40000000u / s)
      rt_fail("RPC: array of %u elements is too large", (unsigned)count);
    *heap = align_up(*heap, a);
    uint8_t *elems = dst ? block + *heap : NULL;
    *heap += count * s;
    for (uint32_t i = 0; i < count; i++) {
      struct tag e = elem;
      decode(&e, r, dst ? elems + i * s : NULL, block, heap);
    }
    if (dst)
      memcpy(dst, &elems, 4);
    return;
  }
  case 'r': {
    struct tag elem = *t;
    uint32_t s, a;
    layout(t, &s, &a);
    for (int i = 0; i < 3; i++) {
      struct tag e = elem;
      decode(&e, r, dst ? dst + i * s : NULL, block, heap);
    }
    return;
  }
  case 't': {
    uint32_t n = tag_next(t), off = 0;
    for (uint32_t i = 0; i < n; i++) {
      struct tag e = *t;
      uint32_t s, a;
      layout(t, &s, &a);
      off = align_up(off, a);
      decode(&e, r, dst ? dst + off : NULL, block, heap);
      off += s;
    }
    return;
  }
  }
  rt_fail("RPC: return tag '%c' is not supported by the simulator", c);
}

static struct artiq_str take_str(struct rd *r) {
  uint32_t n = take_u32(r);
  const uint8_t *v = take(r, n);
  uint8_t *p = arena_alloc(n + 1);
  memcpy(p, v, n);
  p[n] = 0;
  struct artiq_str s = {(const char *)p, n};
  return s;
}

__attribute__((noreturn)) static void raise_host_exception(void) {
  struct rd r = {reply.p + 1, reply.p + reply.len};
  static struct artiq_exception exn;
  memset(&exn, 0, sizeof exn);
  exn.id = take_u32(&r);
  (void)take_str(&r); /* the name: the driver learns it from the host */
  exn.message = take_str(&r);
  exn.file = take_str(&r);
  exn.line = take_u32(&r);
  exn.column = take_u32(&r);
  exn.function = take_str(&r);
  __artiq_raise(&exn);
}

int32_t rpc_recv(void *slot) {
  if (!call.active)
    rt_fail("rpc_recv called without a sync RPC waiting for its result");
  if (!call.have_reply) {
    drain_async();
    char k = read_reply();
    if (k == 'E') {
      call.active = 0;
      raise_host_exception();
    }
    if (k != 'R')
      rt_fail("RPC: unexpected reply record '%c' to a call of service %u", k, (unsigned)call.service);
    call.have_reply = 1;
    call.slot = slot;
    struct tag t = call.ret;
    struct rd r = {reply.p + 1, reply.p + reply.len};
    uint32_t need = 0;
    decode(&t, &r, NULL, NULL, &need);
    if (r.p != r.end)
      rt_fail("RPC: the reply to service %u has %u extra bytes", (unsigned)call.service,
              (unsigned)(r.end - r.p));
    call.need = need;
    if (need > 0)
      return (int32_t)need; /* the kernel allocates a block and calls again */
    slot = NULL;
  }
  /* Fill the slot; slot is the block when out-of-line data was asked for. */
  if (call.need > 0 && slot == NULL)
    rt_fail("rpc_recv: the kernel passed no block for the result's data");
  struct tag t = call.ret;
  struct rd r = {reply.p + 1, reply.p + reply.len};
  uint32_t heap = 0;
  decode(&t, &r, call.slot, call.need > 0 ? (uint8_t *)slot : NULL, &heap);
  call.active = 0;
  return 0;
}

void rpc_send(uint32_t service, const struct artiq_str *tag, void **args) {
  rt_rpc_sync();
  send('S', service, tag, args);
}

void rpc_send_async(uint32_t service, const struct artiq_str *tag, void **args) {
  if (async_in_flight >= MAX_ASYNC_IN_FLIGHT)
    drain_async();
  send('A', service, tag, args);
  async_in_flight++;
}
