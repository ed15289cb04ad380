// State the epoll workers share: the bounded probe queue JS fills, the global token bucket of
// --max-rate, and starting/stopping the worker threads. No N-API calls here except releasing
// the threadsafe function once the last worker has stopped.
#define _GNU_SOURCE
#include "engine.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

uint64_t now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

// ---- shared probe queue (ring buffer of fixed capacity) ----

int queue_take(engine_t *e, probe_t *dst, int max) {
  pthread_mutex_lock(&e->qlock);
  int n = 0;
  while (n < max && e->qcount > 0) {
    dst[n++] = e->queue[e->qhead];
    e->qhead = (e->qhead + 1) % e->qcap;
    e->qcount--;
  }
  pthread_mutex_unlock(&e->qlock);
  return n;
}

// Puts probes back in front (retries and probes a worker could not start yet).
void queue_push_front(engine_t *e, const probe_t *src, int n) {
  pthread_mutex_lock(&e->qlock);
  for (int i = n - 1; i >= 0; i--) {
    if (e->qcount >= e->qcap) break;  // cannot happen: JS keeps outstanding <= qcap
    e->qhead = (e->qhead + e->qcap - 1) % e->qcap;
    e->queue[e->qhead] = src[i];
    e->qcount++;
  }
  pthread_mutex_unlock(&e->qlock);
}

static void wake_all(engine_t *e) {
  uint64_t one = 1;
  for (int i = 0; i < e->nworkers; i++) {
    if (e->workers[i].evfd >= 0 && write(e->workers[i].evfd, &one, sizeof one) < 0) { /* already signalled */ }
  }
}

// All or nothing: returns 0 when the batch would overflow the queue (JS retries later).
int engine_enqueue(engine_t *e, const uint8_t *records, uint32_t count) {
  if (e->closed) return 0;
  int ok = 0;
  pthread_mutex_lock(&e->qlock);
  if (e->qcount + count <= e->qcap) {
    for (uint32_t i = 0; i < count; i++) {
      probe_t *dst = &e->queue[(e->qhead + e->qcount) % e->qcap];
      memcpy(dst, records + (size_t)i * sizeof(probe_t), sizeof(probe_t));
      dst->tries = 0;
      e->qcount++;
    }
    ok = 1;
  }
  pthread_mutex_unlock(&e->qlock);
  if (ok) wake_all(e);
  return ok;
}

// ---- global token bucket; rate 0 = unlimited ----

int take_tokens(engine_t *e, int want, uint64_t *wait_us) {
  if (e->rate <= 0) return want;
  pthread_mutex_lock(&e->rlock);
  uint64_t now = now_us();
  e->tokens += (double)(now - e->rate_last_us) * e->rate / 1e6;
  if (e->tokens > e->burst) e->tokens = e->burst;
  e->rate_last_us = now;
  int got = (int)e->tokens;
  if (got > want) got = want;
  e->tokens -= got;
  if (got == 0) *wait_us = (uint64_t)((1.0 - e->tokens) * 1e6 / e->rate) + 1;
  pthread_mutex_unlock(&e->rlock);
  return got;
}

// Tokens a worker took but found no probes for, so that other workers can use them.
void return_tokens(engine_t *e, int n) {
  if (e->rate <= 0 || n <= 0) return;
  pthread_mutex_lock(&e->rlock);
  e->tokens += n;
  pthread_mutex_unlock(&e->rlock);
}

// ---- lifecycle ----

engine_t *engine_alloc(int threads, int max_in_flight, int timeout_ms, int retries, int rate) {
  engine_t *e = calloc(1, sizeof *e);
  if (e == NULL) return NULL;
  pthread_mutex_init(&e->qlock, NULL);
  pthread_mutex_init(&e->rlock, NULL);
  e->timeout_ms = timeout_ms;
  e->retries = retries;
  e->rate = rate;
  e->burst = e->rate / 100.0 < 1 ? 1 : e->rate / 100.0;
  e->tokens = e->burst;
  e->rate_last_us = now_us();
  e->qcap = (size_t)max_in_flight;
  e->queue = calloc(e->qcap, sizeof(probe_t));
  e->nworkers = threads;
  e->workers = calloc((size_t)threads, sizeof(worker_t));
  if (e->queue == NULL || e->workers == NULL) {
    engine_free(e);
    return NULL;
  }
  // worker_free runs on every worker, also those worker_init never reached: nothing to close
  for (int i = 0; i < threads; i++) {
    e->workers[i].epfd = e->workers[i].evfd = -1;
    e->workers[i].spare[0] = e->workers[i].spare[1] = -1;
  }
  return e;
}

// Lets a large window run without EMFILE where the hard limit allows it (nmap does the same).
static void raise_fd_limit(int wanted) {
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return;
  rlim_t want = (rlim_t)wanted;
  if (rl.rlim_cur >= want) return;
  rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
  setrlimit(RLIMIT_NOFILE, &rl);
}

// Needs e->tsfn. On failure the caller runs engine_stop (joins what was started) and engine_free.
int engine_start_workers(engine_t *e) {
  raise_fd_limit((int)e->qcap + 256);
  int per_worker = ((int)e->qcap + e->nworkers - 1) / e->nworkers;
  for (int i = 0; i < e->nworkers; i++) {
    if (worker_init(&e->workers[i], e, per_worker) != 0 ||
        pthread_create(&e->workers[i].tid, NULL, worker_main, &e->workers[i]) != 0) {
      return -1;
    }
    e->workers[i].started = 1;
  }
  return 0;
}

// Idempotent; closes every socket still in flight and every epoll/event fd.
void engine_stop(engine_t *e) {
  if (e->closed) return;
  e->closed = 1;
  atomic_store(&e->stopping, 1);
  wake_all(e);
  for (int i = 0; i < e->nworkers; i++) {
    if (e->workers[i].started) pthread_join(e->workers[i].tid, NULL);
  }
  for (int i = 0; i < e->nworkers; i++) worker_free(&e->workers[i]);
  napi_release_threadsafe_function(e->tsfn, napi_tsfn_release);
}

void engine_free(engine_t *e) {
  pthread_mutex_destroy(&e->qlock);
  pthread_mutex_destroy(&e->rlock);
  free(e->workers);
  free(e->queue);
  free(e);
}
