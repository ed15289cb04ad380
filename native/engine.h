// Shared between the three parts of the native discovery engine:
//   engine.c  the state all workers share (probe queue, token bucket) and start/stop,
//   worker.c  one epoll thread: connects, per-attempt timeouts, retries, self-connect check,
//   addon.c   the N-API glue (configuration, submit, results to JS).
//
// Bounds: the probe queue has a fixed capacity (max_in_flight, enforced in engine_enqueue),
// each worker owns a fixed slot table, result batches are capped at BATCH_MAX records.
#ifndef PRAXISWACHE_ENGINE_H
#define PRAXISWACHE_ENGINE_H

#include <node_api.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

// Status numbers are shared with src/discovery/types.ts (ProbeStatus).
enum { ST_CLOSED = 0, ST_OPEN = 1, ST_TIMEOUT = 2, ST_SELF = 3, ST_RESOURCE = 4, ST_UNREACHABLE = 5 };

#define RESULT_SIZE 8
#define BATCH_MAX 2048
#define FLUSH_MS 2
#define MAX_EVENTS 512
#define TAKE_CHUNK 64

// Layout shared with src/discovery/native-executor.ts (little endian).
typedef struct {
  uint32_t id;
  uint16_t port;
  uint8_t family;
  uint8_t tries;
  uint32_t scope;
  uint8_t addr[16];
} probe_t;
_Static_assert(sizeof(probe_t) == 28, "probe record layout");

typedef struct {
  probe_t p;
  int fd;
  uint64_t deadline;
  int prev, next;  // timeout list, oldest first; every attempt has the same timeout
} slot_t;

typedef struct engine engine_t;

typedef struct {
  engine_t *eng;
  pthread_t tid;
  int started;
  int epfd, evfd;
  int spare[2];  // a reset socket for the next IPv4 / IPv6 probe, -1 if none
  slot_t *slots;
  int nslots, *free_list, nfree;
  int oldest, newest;
  uint8_t *out;
  int nout;
  uint64_t last_flush;
} worker_t;

// One result batch on its way from a worker to the JS thread (freed by the receiver).
typedef struct {
  int n;
  uint8_t data[];
} batch_t;

struct engine {
  napi_threadsafe_function tsfn;
  pthread_mutex_t qlock;
  probe_t *queue;
  size_t qcap, qhead, qcount;
  pthread_mutex_t rlock;
  double rate, tokens, burst;
  uint64_t rate_last_us;
  int timeout_ms, retries;
  atomic_int stopping;
  int nworkers;
  worker_t *workers;
  int closed;
};

uint64_t now_us(void);

// engine.c
engine_t *engine_alloc(int threads, int max_in_flight, int timeout_ms, int retries, int rate);
int engine_start_workers(engine_t *e);
int engine_enqueue(engine_t *e, const uint8_t *records, uint32_t count);
int queue_take(engine_t *e, probe_t *dst, int max);
void queue_push_front(engine_t *e, const probe_t *src, int n);
int take_tokens(engine_t *e, int want, uint64_t *wait_us);
void return_tokens(engine_t *e, int n);
void engine_stop(engine_t *e);
void engine_free(engine_t *e);

// worker.c
int worker_init(worker_t *w, engine_t *e, int nslots);
void worker_free(worker_t *w);
void *worker_main(void *arg);

#endif
