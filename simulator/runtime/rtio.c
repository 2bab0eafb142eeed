/* RTIO: the time register `now` and the output timeline.
 *
 * There is no gateware here: an output is recorded at the current `now`
 * and never underflows, the counter reads as `now`, and input events are
 * those the driver feeds (inputs.c; without them inputs time out). Records
 * go to fd 3 when the driver opened it, as little-endian {u64 time_mu; u32
 * target; u32 data}. */
#include "rt.h"

/* Word index of the low half of the time register: kernels store the high
 * word at `now` and the low word at now+8 on rv32g, now+4 on rv32ima. */
#ifndef RT_NOW_LO_WORD
#define RT_NOW_LO_WORD 2
#endif

uint32_t now[4];

static int64_t now_read(void) {
  volatile uint32_t *t = now;
  return (int64_t)(((uint64_t)t[0] << 32) | t[RT_NOW_LO_WORD]);
}

static void now_write(int64_t v) {
  volatile uint32_t *t = now;
  t[0] = (uint32_t)((uint64_t)v >> 32);
  t[RT_NOW_LO_WORD] = (uint32_t)v;
}

#define RECORD_SIZE 16
static uint8_t tl_buf[256 * RECORD_SIZE];
static uint32_t tl_len;
static int tl_closed; /* fd 3 turned out not to be open: drop records */

void rt_timeline_flush(void) {
  if (tl_len == 0 || tl_closed) {
    tl_len = 0;
    return;
  }
  uint32_t n = tl_len;
  tl_len = 0;
  long r = rt_write_all(RT_FD_TIMELINE, tl_buf, n);
  if (r == -RT_EBADF) {
    tl_closed = 1;
  } else if (rt_is_err(r)) {
    tl_closed = 1; /* before rt_fail, which flushes again */
    rt_fail("cannot write the timeline (errno %ld)", -r);
  }
}

static void put_le(uint8_t *p, uint64_t v, int n) {
  for (int i = 0; i < n; i++)
    p[i] = (uint8_t)(v >> (8 * i));
}

static void record(int64_t t, int32_t target, int32_t data) {
  if (tl_closed)
    return;
  if (tl_len + RECORD_SIZE > sizeof tl_buf)
    rt_timeline_flush();
  uint8_t *p = tl_buf + tl_len;
  put_le(p, (uint64_t)t, 8);
  put_le(p + 8, (uint32_t)target, 4);
  put_le(p + 12, (uint32_t)data, 4);
  tl_len += RECORD_SIZE;
}

void rtio_init(void) {}

int32_t rtio_get_destination_status(int32_t destination) {
  return destination >= 0 && destination <= 255;
}

int64_t rtio_get_counter(void) { return now_read(); }

void rtio_output(int32_t target, int32_t data) {
  record(now_read(), target, data);
  rt_note_output(now_read(), target, data); /* inputs.c: TTL gates */
}

/* ARTIQ passes the words as a pointer to a {ptr, len} slice. A wide output
 * becomes one record per word, word 0 first, all at the same time and
 * target. */
struct i32_slice {
  const int32_t *ptr;
  uint32_t len;
};

void rtio_output_wide(int32_t target, const struct i32_slice *data) {
  int64_t t = now_read();
  for (uint32_t i = 0; i < data->len; i++)
    record(t, target, data->ptr[i]);
}

/* Input events (inputs.c): those that the driver feeds on fd 7; without
 * them every wait times out. */
int64_t rtio_input_timestamp(int64_t timeout_mu, int32_t channel) {
  return rt_input_timestamp(timeout_mu, channel, NULL);
}

int32_t rtio_input_data(int32_t channel) { return rt_input_data(channel); }

struct timestamped_data {
  int64_t timestamp;
  int32_t data;
};

struct timestamped_data rtio_input_timestamped_data(int64_t timeout_mu, int32_t channel) {
  struct timestamped_data r = {-1, 0};
  r.timestamp = rt_input_timestamp(timeout_mu, channel, &r.data);
  return r;
}

/* The analyzer's log channel is not modelled: messages are dropped, and
 * stdout stays exactly what core_log printed. */
void rtio_log(const char *fmt, ...) { (void)fmt; }

/* The Cortex-A9 time API, on the same register. */
int64_t now_mu(void) { return now_read(); }
void at_mu(int64_t t) { now_write(t); }
void delay_mu(int64_t dt) { now_write(now_read() + dt); }
