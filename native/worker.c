// One discovery worker: an epoll thread running non-blocking TCP connects from the shared
// queue within the global rate limit, with a per-attempt timeout, retries of silent ports and
// the self-connect check; results go to JS in batches through the threadsafe function.
//
// Every socket is closed on every path (a refused one may first serve the next probe, see
// take_socket; spares are closed in worker_free); established ones with SO_LINGER 0 (RST), so
// no TIME_WAIT piles up on either side.
#define _GNU_SOURCE
#include "engine.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

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

// A socket whose connect was refused is back in CLOSE state, and the connect() that reported
// the refusal has also reset it (tcp_disconnect): it can be connected again. Reusing it saves
// the socket()/close() pair and its allocations, about 30 % of the kernel time per refused
// probe on loopback (perf, -p-). One spare per family is enough: on a fast path the socket is
// free again before the next probe starts. Silent and open probes still get fresh sockets.
static int take_socket(worker_t *w, int family) {
  int *spare = &w->spare[family == 6];
  if (*spare >= 0) {
    int fd = *spare;
    *spare = -1;
    return fd;
  }
  return socket(family == 6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
}

static void keep_or_close(worker_t *w, int family, int fd) {
  int *spare = &w->spare[family == 6];
  if (*spare < 0) *spare = fd; else close(fd);
}

// Starts one attempt; returns 1 if it occupies the slot, 0 if it finished at once.
static int start_attempt(worker_t *w, int i, uint64_t now) {
  slot_t *s = &w->slots[i];
  int fd = take_socket(w, s->p.family);
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
  // On loopback and fast LANs the answer is often there already. A second connect() to the
  // same address reports it (0 = established, the errno otherwise, EALREADY = still pending)
  // and, when refused, leaves the socket reset for the next probe.
  if (connect(fd, (struct sockaddr *)&ss, len) == 0) {
    connected(w, fd, &s->p);
    close_rst(fd);
    return 0;
  }
  err = errno;
  if (err != EALREADY) {
    emit(w, s->p.id, status_of_errno(err));
    if (err == ECONNREFUSED) keep_or_close(w, s->p.family, fd); else close(fd);
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
    if (n < allowed) return_tokens(w->eng, allowed - n);
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

void *worker_main(void *arg) {
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

void worker_free(worker_t *w) {
  if (w->slots != NULL) {
    for (int i = 0; i < w->nslots; i++) {
      if (w->slots[i].fd >= 0) close_rst(w->slots[i].fd);
    }
  }
  for (int f = 0; f < 2; f++) {
    if (w->spare[f] >= 0) close(w->spare[f]);
  }
  if (w->epfd >= 0) close(w->epfd);
  if (w->evfd >= 0) close(w->evfd);
  free(w->slots);
  free(w->free_list);
  free(w->out);
}

int worker_init(worker_t *w, engine_t *e, int nslots) {
  memset(w, 0, sizeof *w);
  w->eng = e;
  w->epfd = w->evfd = -1;
  w->spare[0] = w->spare[1] = -1;
  w->oldest = w->newest = -1;
  w->slots = calloc((size_t)nslots, sizeof(slot_t));
  if (w->slots == NULL) return -1;
  w->nslots = nslots;
  // before anything else can fail: worker_free closes every slot fd >= 0, and calloc left 0
  for (int i = 0; i < nslots; i++) {
    w->slots[i].fd = -1;
    w->slots[i].prev = w->slots[i].next = -1;
  }
  w->free_list = calloc((size_t)nslots, sizeof(int));
  w->out = malloc((size_t)BATCH_MAX * RESULT_SIZE);
  w->epfd = epoll_create1(EPOLL_CLOEXEC);
  w->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (!w->free_list || !w->out || w->epfd < 0 || w->evfd < 0) return -1;
  for (int i = 0; i < nslots; i++) w->free_list[i] = nslots - 1 - i;
  w->nfree = nslots;
  struct epoll_event ev = {.events = EPOLLIN, .data.u32 = UINT32_MAX};
  return epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->evfd, &ev);
}
