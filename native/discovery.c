// praxiswache native discovery engine: non-blocking TCP connects driven by epoll on worker
// threads. JS decides what to probe (fairness, adaptive window); this file only runs the
// connects fast, with the global rate limit, per-attempt timeouts, retries of silent ports and
// the self-connect check, and hands results back in batches through a threadsafe function.
//
// Bounds: the probe queue has a fixed capacity (max_in_flight, enforced in submit), each worker
// owns a fixed slot table, result batches are capped. Every socket is closed with SO_LINGER 0
// (RST), so no TIME_WAIT piles up on either side.
#define _GNU_SOURCE
#include <node_api.h>

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

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
  slot_t *slots;
  int nslots, *free_list, nfree;
  int oldest, newest;
  uint8_t *out;
  int nout;
  uint64_t last_flush;
} worker_t;

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

static uint64_t now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

// ---- shared probe queue (ring buffer) ----

static int queue_take(engine_t *e, probe_t *dst, int max) {
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
static void queue_push_front(engine_t *e, const probe_t *src, int n) {
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

// ---- global token bucket; rate 0 = unlimited ----

static int take_tokens(engine_t *e, int want, uint64_t *wait_us) {
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

// ---- results ----

static void flush_results(worker_t *w) {
  w->last_flush = now_us();
  if (w->nout == 0) return;
  batch_t *b = malloc(sizeof(batch_t) + (size_t)w->nout * RESULT_SIZE);
  if (b == NULL) return;  // out of memory: JS sees the probes as outstanding until stop
  b->n = w->nout;
  memcpy(b->data, w->out, (size_t)w->nout * RESULT_SIZE);
  w->nout = 0;
  if (napi_call_threadsafe_function(w->eng->tsfn, b, napi_tsfn_nonblocking) != napi_ok) free(b);
}

static void emit(worker_t *w, uint32_t id, uint8_t status) {
  uint8_t *r = w->out + (size_t)w->nout * RESULT_SIZE;
  memcpy(r, &id, 4);
  r[4] = status;
  r[5] = r[6] = r[7] = 0;
  if (++w->nout == BATCH_MAX) flush_results(w);
}

// ---- timeout list ----

static void list_remove(worker_t *w, int i) {
  slot_t *s = &w->slots[i];
  if (s->prev >= 0) w->slots[s->prev].next = s->next; else w->oldest = s->next;
  if (s->next >= 0) w->slots[s->next].prev = s->prev; else w->newest = s->prev;
  s->prev = s->next = -1;
}

static void list_append(worker_t *w, int i) {
  slot_t *s = &w->slots[i];
  s->prev = w->newest;
  s->next = -1;
  if (w->newest >= 0) w->slots[w->newest].next = i; else w->oldest = i;
  w->newest = i;
}

// ---- connects ----

static socklen_t make_sockaddr(const probe_t *p, struct sockaddr_storage *ss) {
  memset(ss, 0, sizeof *ss);
  if (p->family == 6) {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
    a->sin6_family = AF_INET6;
    a->sin6_port = htons(p->port);
    a->sin6_scope_id = p->scope;
    memcpy(&a->sin6_addr, p->addr, 16);
    return sizeof *a;
  }
  struct sockaddr_in *a = (struct sockaddr_in *)ss;
  a->sin_family = AF_INET;
  a->sin_port = htons(p->port);
  memcpy(&a->sin_addr, p->addr, 4);
  return sizeof *a;
}

static uint8_t status_of_errno(int err) {
  switch (err) {
    case ECONNREFUSED: return ST_CLOSED;
    // a reset is only possible after the handshake: a listener that accepted and hung up
    case ECONNRESET: case EPIPE: return ST_OPEN;
    case ETIMEDOUT: return ST_TIMEOUT;
    case EMFILE: case ENFILE: case ENOBUFS: case ENOMEM: case EADDRNOTAVAIL: case EAGAIN: return ST_RESOURCE;
    default: return ST_UNREACHABLE;
  }
}

// The kernel may pick the target port as source port on loopback and connect the socket to
// itself (simultaneous open). Same address and port on both ends = no listener.
static int is_self_connect(int fd, const probe_t *p) {
  struct sockaddr_storage local;
  socklen_t len = sizeof local;
  if (getsockname(fd, (struct sockaddr *)&local, &len) != 0) return 0;
  if (local.ss_family == AF_INET && p->family == 4) {
    struct sockaddr_in *a = (struct sockaddr_in *)&local;
    return ntohs(a->sin_port) == p->port && memcmp(&a->sin_addr, p->addr, 4) == 0;
  }
  if (local.ss_family == AF_INET6 && p->family == 6) {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)&local;
    return ntohs(a->sin6_port) == p->port && memcmp(&a->sin6_addr, p->addr, 16) == 0;
  }
  return 0;
}

static void close_rst(int fd) {
  struct linger lg = {1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  close(fd);
}

static void release_slot(worker_t *w, int i, int was_connected) {
  list_remove(w, i);
  if (w->slots[i].fd >= 0) {
    if (was_connected) close_rst(w->slots[i].fd); else close(w->slots[i].fd);
  }
  w->slots[i].fd = -1;
  w->free_list[w->nfree++] = i;
}

static void connected(worker_t *w, int fd, const probe_t *p) {
  emit(w, p->id, is_self_connect(fd, p) ? ST_SELF : ST_OPEN);
}

// Starts one attempt; returns 1 if it occupies the slot, 0 if it finished at once.
static int start_attempt(worker_t *w, int i, uint64_t now) {
  slot_t *s = &w->slots[i];
  int fd = socket(s->p.family == 6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    emit(w, s->p.id, status_of_errno(errno));
    return 0;
  }
  struct sockaddr_storage ss;
  socklen_t len = make_sockaddr(&s->p, &ss);
  s->p.tries++;
  if (connect(fd, (struct sockaddr *)&ss, len) == 0) {
    connected(w, fd, &s->p);
    close_rst(fd);
    return 0;
  }
  int err = errno;
  if (err != EINPROGRESS) {
    emit(w, s->p.id, status_of_errno(err));
    close(fd);
    return 0;
  }
  // On loopback and fast LANs the answer is often there already: one poll() then saves the
  // epoll registration and a trip through the event loop.
  struct pollfd pfd = {.fd = fd, .events = POLLOUT};
  if (poll(&pfd, 1, 0) == 1) {
    int soerr = 0;
    socklen_t elen = sizeof soerr;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &elen) != 0) soerr = errno;
    if (soerr == 0) connected(w, fd, &s->p);
    else emit(w, s->p.id, status_of_errno(soerr));
    if (soerr == 0) close_rst(fd); else close(fd);
    return 0;
  }
  struct epoll_event ev = {.events = EPOLLOUT, .data.u32 = (uint32_t)i};
  if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, fd, &ev) != 0) {
    emit(w, s->p.id, ST_RESOURCE);
    close(fd);
    return 0;
  }
  s->fd = fd;
  s->deadline = now + (uint64_t)w->eng->timeout_ms * 1000u;
  list_append(w, i);
  return 1;
}

static void on_ready(worker_t *w, int i) {
  slot_t *s = &w->slots[i];
  if (s->fd < 0) return;
  int err = 0;
  socklen_t len = sizeof err;
  if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
  if (err == 0) connected(w, s->fd, &s->p);
  else emit(w, s->p.id, status_of_errno(err));
  // only an established connection needs the RST (linger 0); refused ones have nothing to reset
  release_slot(w, i, err == 0);
}

static void expire(worker_t *w, uint64_t now) {
  probe_t again[TAKE_CHUNK];
  int nagain = 0;
  while (w->oldest >= 0 && w->slots[w->oldest].deadline <= now) {
    int i = w->oldest;
    probe_t p = w->slots[i].p;
    release_slot(w, i, 0);
    if (p.tries <= w->eng->retries) {
      again[nagain++] = p;
      if (nagain == TAKE_CHUNK) {
        queue_push_front(w->eng, again, nagain);
        nagain = 0;
      }
    } else {
      emit(w, p.id, ST_TIMEOUT);
    }
  }
  if (nagain > 0) queue_push_front(w->eng, again, nagain);
}

// Fills free slots from the shared queue as far as the rate limit allows; returns how long
// to wait for the next token (0 = not rate limited right now).
static uint64_t start_more(worker_t *w, uint64_t now) {
  while (w->nfree > 0) {
    int want = w->nfree < TAKE_CHUNK ? w->nfree : TAKE_CHUNK;
    uint64_t wait = 0;
    int allowed = take_tokens(w->eng, want, &wait);
    if (allowed == 0) return wait;
    probe_t got[TAKE_CHUNK];
    int n = queue_take(w->eng, got, allowed);
    if (n < allowed && w->eng->rate > 0) {
      // give unused tokens back so other workers can use them
      pthread_mutex_lock(&w->eng->rlock);
      w->eng->tokens += allowed - n;
      pthread_mutex_unlock(&w->eng->rlock);
    }
    for (int k = 0; k < n; k++) {
      int i = w->free_list[--w->nfree];
      w->slots[i].p = got[k];
      if (!start_attempt(w, i, now)) w->free_list[w->nfree++] = i;
    }
    // keep JS fed while a long run of fast answers is processed: fewer pipeline bubbles
    if (w->nout > 0 && now_us() - w->last_flush >= FLUSH_MS * 1000u) flush_results(w);
    if (n < allowed) return 0;
  }
  return 0;
}

static void *worker_main(void *arg) {
  worker_t *w = arg;
  engine_t *e = w->eng;
  struct epoll_event evs[MAX_EVENTS];
  while (!atomic_load(&e->stopping)) {
    uint64_t now = now_us();
    expire(w, now);
    uint64_t token_wait = start_more(w, now);
    now = now_us();
    int timeout_ms = 100;
    if (w->oldest >= 0) {
      uint64_t d = w->slots[w->oldest].deadline;
      int until = d > now ? (int)((d - now + 999) / 1000) : 0;
      if (until < timeout_ms) timeout_ms = until;
    }
    if (token_wait > 0) {
      int t = (int)((token_wait + 999) / 1000);
      if (t < timeout_ms) timeout_ms = t;
    }
    if (w->nout > 0) {
      if (now - w->last_flush >= FLUSH_MS * 1000u) flush_results(w);
      else if (timeout_ms > FLUSH_MS) timeout_ms = FLUSH_MS;
    }
    int n = epoll_wait(w->epfd, evs, MAX_EVENTS, timeout_ms);
    if (n == 0 && w->nout > 0) flush_results(w);
    for (int k = 0; k < n; k++) {
      if (evs[k].data.u32 == UINT32_MAX) {
        uint64_t v;
        if (read(w->evfd, &v, sizeof v) < 0) { /* spurious wake-up */ }
        continue;
      }
      on_ready(w, (int)evs[k].data.u32);
    }
  }
  return NULL;
}

// ---- lifecycle ----

static void worker_free(worker_t *w) {
  if (w->slots != NULL) {
    for (int i = 0; i < w->nslots; i++) {
      if (w->slots[i].fd >= 0) close_rst(w->slots[i].fd);
    }
  }
  if (w->epfd >= 0) close(w->epfd);
  if (w->evfd >= 0) close(w->evfd);
  free(w->slots);
  free(w->free_list);
  free(w->out);
}

static int worker_init(worker_t *w, engine_t *e, int nslots) {
  memset(w, 0, sizeof *w);
  w->eng = e;
  w->epfd = w->evfd = -1;
  w->oldest = w->newest = -1;
  w->nslots = nslots;
  w->slots = calloc((size_t)nslots, sizeof(slot_t));
  w->free_list = calloc((size_t)nslots, sizeof(int));
  w->out = malloc((size_t)BATCH_MAX * RESULT_SIZE);
  w->epfd = epoll_create1(EPOLL_CLOEXEC);
  w->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (!w->slots || !w->free_list || !w->out || w->epfd < 0 || w->evfd < 0) return -1;
  for (int i = 0; i < nslots; i++) {
    w->slots[i].fd = -1;
    w->slots[i].prev = w->slots[i].next = -1;
    w->free_list[i] = nslots - 1 - i;
  }
  w->nfree = nslots;
  struct epoll_event ev = {.events = EPOLLIN, .data.u32 = UINT32_MAX};
  return epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->evfd, &ev);
}

static void engine_stop(engine_t *e) {
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

static void engine_free(engine_t *e) {
  pthread_mutex_destroy(&e->qlock);
  pthread_mutex_destroy(&e->rlock);
  free(e->workers);
  free(e->queue);
  free(e);
}

static void engine_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  engine_t *e = data;
  engine_stop(e);
  engine_free(e);
}

// Runs on the JS thread for every batch a worker posted.
static void call_js(napi_env env, napi_value cb, void *context, void *data) {
  (void)context;
  batch_t *b = data;
  if (env != NULL && cb != NULL) {
    napi_value buf, undef;
    void *copy;
    if (napi_create_buffer_copy(env, (size_t)b->n * RESULT_SIZE, b->data, &copy, &buf) == napi_ok &&
        napi_get_undefined(env, &undef) == napi_ok) {
      napi_call_function(env, undef, cb, 1, &buf, NULL);
    }
  }
  free(b);
}

// ---- JS bindings ----

static int get_int(napi_env env, napi_value obj, const char *key, int fallback) {
  napi_value v;
  double d;
  if (napi_get_named_property(env, obj, key, &v) != napi_ok) return fallback;
  if (napi_get_value_double(env, v, &d) != napi_ok) return fallback;
  return (int)d;
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

static napi_value js_create_engine(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 2) {
    napi_throw_type_error(env, NULL, "createEngine(config, onResults)");
    return NULL;
  }
  int threads = get_int(env, argv[0], "threads", 1);
  int max_in_flight = get_int(env, argv[0], "maxInFlight", 1024);
  if (threads < 1 || threads > 64 || max_in_flight < 1 || max_in_flight > 1000000) {
    napi_throw_range_error(env, NULL, "bad threads or maxInFlight");
    return NULL;
  }
  engine_t *e = calloc(1, sizeof *e);
  if (e == NULL) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  pthread_mutex_init(&e->qlock, NULL);
  pthread_mutex_init(&e->rlock, NULL);
  e->timeout_ms = get_int(env, argv[0], "timeoutMs", 1000);
  e->retries = get_int(env, argv[0], "retries", 1);
  e->rate = get_int(env, argv[0], "maxRate", 0);
  e->burst = e->rate / 100.0 < 1 ? 1 : e->rate / 100.0;
  e->tokens = e->burst;
  e->rate_last_us = now_us();
  e->qcap = (size_t)max_in_flight;
  e->queue = calloc(e->qcap, sizeof(probe_t));
  e->nworkers = threads;
  e->workers = calloc((size_t)threads, sizeof(worker_t));
  napi_value name;
  napi_create_string_utf8(env, "praxiswache-discovery", NAPI_AUTO_LENGTH, &name);
  if (e->queue == NULL || e->workers == NULL ||
      napi_create_threadsafe_function(env, argv[1], NULL, name, 0, 1, NULL, NULL, NULL, call_js, &e->tsfn) != napi_ok) {
    engine_free(e);
    napi_throw_error(env, NULL, "cannot create discovery engine");
    return NULL;
  }
  for (int i = 0; i < threads; i++) e->workers[i].epfd = e->workers[i].evfd = -1;
  raise_fd_limit(max_in_flight + 256);
  int per_worker = (max_in_flight + threads - 1) / threads;
  for (int i = 0; i < threads; i++) {
    if (worker_init(&e->workers[i], e, per_worker) != 0 ||
        pthread_create(&e->workers[i].tid, NULL, worker_main, &e->workers[i]) != 0) {
      engine_stop(e);
      engine_free(e);
      napi_throw_error(env, NULL, "cannot start discovery threads");
      return NULL;
    }
    e->workers[i].started = 1;
  }
  napi_value handle;
  if (napi_create_external(env, e, engine_finalize, NULL, &handle) != napi_ok) {
    engine_stop(e);
    engine_free(e);
    return NULL;
  }
  return handle;
}

static engine_t *engine_arg(napi_env env, napi_value v) {
  void *p = NULL;
  if (napi_get_value_external(env, v, &p) != napi_ok) napi_throw_type_error(env, NULL, "not an engine");
  return p;
}

static napi_value js_submit(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3], result;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  engine_t *e = argc == 3 ? engine_arg(env, argv[0]) : NULL;
  void *data;
  size_t len;
  uint32_t count;
  if (e == NULL || napi_get_buffer_info(env, argv[1], &data, &len) != napi_ok ||
      napi_get_value_uint32(env, argv[2], &count) != napi_ok || (size_t)count * sizeof(probe_t) > len) {
    napi_throw_type_error(env, NULL, "submit(engine, records, count)");
    return NULL;
  }
  int ok = 0;
  if (!e->closed) {
    pthread_mutex_lock(&e->qlock);
    if (e->qcount + count <= e->qcap) {
      for (uint32_t i = 0; i < count; i++) {
        probe_t *dst = &e->queue[(e->qhead + e->qcount) % e->qcap];
        memcpy(dst, (uint8_t *)data + (size_t)i * sizeof(probe_t), sizeof(probe_t));
        dst->tries = 0;
        e->qcount++;
      }
      ok = 1;
    }
    pthread_mutex_unlock(&e->qlock);
    if (ok) wake_all(e);
  }
  napi_get_boolean(env, ok, &result);
  return result;
}

static napi_value js_close(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  engine_t *e = argc == 1 ? engine_arg(env, argv[0]) : NULL;
  if (e != NULL) engine_stop(e);
  return NULL;
}

static napi_value js_parse_address(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], out;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  char text[128];
  size_t len = 0;
  uint32_t family = 0;
  if (argc < 2 || napi_get_value_string_utf8(env, argv[0], text, sizeof text, &len) != napi_ok ||
      napi_get_value_uint32(env, argv[1], &family) != napi_ok) {
    napi_throw_type_error(env, NULL, "parseAddress(address, family)");
    return NULL;
  }
  uint8_t packed[20] = {0};
  uint32_t scope = 0;
  char *zone = strchr(text, '%');
  if (zone != NULL) {
    *zone++ = '\0';
    scope = if_nametoindex(zone);
    if (scope == 0) scope = (uint32_t)strtoul(zone, NULL, 10);
  }
  int ok = family == 6 ? inet_pton(AF_INET6, text, packed + 4) : family == 4 ? inet_pton(AF_INET, text, packed + 4) : 0;
  if (ok != 1) {
    napi_get_null(env, &out);
    return out;
  }
  memcpy(packed, &scope, 4);
  void *copy;
  napi_create_buffer_copy(env, sizeof packed, packed, &copy, &out);
  return out;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"createEngine", NULL, js_create_engine, NULL, NULL, NULL, napi_default, NULL},
    {"submit", NULL, js_submit, NULL, NULL, NULL, napi_default, NULL},
    {"close", NULL, js_close, NULL, NULL, NULL, napi_default, NULL},
    {"parseAddress", NULL, js_parse_address, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
