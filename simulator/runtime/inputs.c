/* RTIO inputs: events that the driver feeds on fd 7, and the gates of
 * TTL inputs.
 *
 * The Go driver writes the run's input events (kernelc sim --inputs) to
 * fd 7 as little-endian {u64 time_mu; u32 channel; i32 data} records,
 * sorted by time; without the descriptor there are none and every wait
 * times out. An event is an edge on a TTL input: data 1 rising, 0 falling
 * (other channels' data is delivered as it is).
 *
 * The gate model is TTLInOut's: a write to address 2 of a channel sets its
 * input sensitivity (bit 0 rising edges, bit 1 falling edges, 0 closes the
 * gate) from that time on. An event registers when the sensitivity in
 * force at its time lets it through; on a channel whose sensitivity was
 * never written every event registers. Registered events are read in time
 * order, each once, like the gateware's input FIFO: rtio_input_timestamp
 * returns the next one up to its timeout (or -1), rtio_input_data the next
 * one's data. */
#include "rt.h"

#define MAX_INPUTS 8192
#define MAX_SENS 8192
#define INPUT_RECORD 16

struct input_event {
  int64_t t;
  uint32_t channel;
  int32_t data;
  int used;
};

struct sens_write {
  int64_t t;
  uint32_t channel;
  int32_t value;
};

static struct input_event inputs[MAX_INPUTS];
static uint32_t n_inputs;
static int inputs_loaded;

static struct sens_write sens[MAX_SENS];
static uint32_t n_sens;

static uint64_t get_le(const uint8_t *p, int n) {
  uint64_t v = 0;
  for (int i = n - 1; i >= 0; i--)
    v = (v << 8) | p[i];
  return v;
}

static void load_inputs(void) {
  if (inputs_loaded)
    return;
  inputs_loaded = 1;
  uint8_t rec[INPUT_RECORD];
  uint32_t have = 0;
  for (;;) {
    long r = rt_syscall3(SYS_read, RT_FD_INPUTS, rec + have, INPUT_RECORD - have);
    if (r == -RT_EBADF || r == 0)
      break;
    if (rt_is_err(r))
      rt_fail("cannot read the input events (errno %ld)", -r);
    have += (uint32_t)r;
    if (have < INPUT_RECORD)
      continue;
    have = 0;
    if (n_inputs == MAX_INPUTS)
      rt_fail("more than %d input events", MAX_INPUTS);
    struct input_event *e = &inputs[n_inputs++];
    e->t = (int64_t)get_le(rec, 8);
    e->channel = (uint32_t)get_le(rec + 8, 4);
    e->data = (int32_t)get_le(rec + 12, 4);
    e->used = 0;
  }
  if (have != 0)
    rt_fail("the input events end in a partial record");
}

void rt_note_output(int64_t t, int32_t target, int32_t data) {
  if ((target & 0xff) != 2)
    return;
  if (n_sens == MAX_SENS)
    rt_fail("more than %d input sensitivity writes", MAX_SENS);
  struct sens_write *s = &sens[n_sens++];
  s->t = t;
  s->channel = (uint32_t)target >> 8;
  s->value = data;
}

/* Whether the gate of e's channel let e through. */
static int registered(const struct input_event *e) {
  int gated = 0, found = 0;
  int64_t at = 0;
  int32_t value = 0;
  for (uint32_t i = 0; i < n_sens; i++) {
    const struct sens_write *s = &sens[i];
    if (s->channel != e->channel)
      continue;
    gated = 1;
    if (s->t <= e->t && (!found || s->t >= at)) {
      found = 1;
      at = s->t;
      value = s->value;
    }
  }
  if (!gated)
    return 1;
  if (!found)
    return 0;
  return e->data ? (value & 1) != 0 : (value & 2) != 0;
}

/* The next registered event of channel up to limit (any time when
 * bounded is 0), marked read, or NULL. */
static struct input_event *next_event(uint32_t channel, int64_t limit, int bounded) {
  load_inputs();
  for (uint32_t i = 0; i < n_inputs; i++) {
    struct input_event *e = &inputs[i];
    if (e->used || e->channel != channel)
      continue;
    if (bounded && e->t > limit)
      return NULL;
    if (!registered(e))
      continue;
    e->used = 1;
    return e;
  }
  return NULL;
}

int64_t rt_input_timestamp(int64_t timeout_mu, int32_t channel, int32_t *data) {
  struct input_event *e = next_event((uint32_t)channel, timeout_mu, 1);
  if (!e)
    return -1;
  if (data)
    *data = e->data;
  return e->t;
}

int32_t rt_input_data(int32_t channel) {
  struct input_event *e = next_event((uint32_t)channel, 0, 0);
  return e ? e->data : 0;
}
