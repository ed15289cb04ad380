// praxiswache native discovery engine, N-API side: JS decides what to probe (fairness, adaptive
// window) and submits packed probe records; the epoll workers (worker.c) run the connects and
// hand results back here in batches, which this file passes to the JS callback on the JS thread.
// The interface is described in src/discovery/native-addon.ts.
#define _GNU_SOURCE
#include "engine.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

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

static void engine_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  engine_t *e = data;
  engine_stop(e);
  engine_free(e);
}

static int get_int(napi_env env, napi_value obj, const char *key, int fallback) {
  napi_value v;
  double d;
  if (napi_get_named_property(env, obj, key, &v) != napi_ok) return fallback;
  if (napi_get_value_double(env, v, &d) != napi_ok) return fallback;
  return (int)d;
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
  engine_t *e = engine_alloc(threads, max_in_flight, get_int(env, argv[0], "timeoutMs", 1000),
                             get_int(env, argv[0], "retries", 1), get_int(env, argv[0], "maxRate", 0));
  if (e == NULL) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  napi_value name;
  napi_create_string_utf8(env, "praxiswache-discovery", NAPI_AUTO_LENGTH, &name);
  if (napi_create_threadsafe_function(env, argv[1], NULL, name, 0, 1, NULL, NULL, NULL, call_js, &e->tsfn) != napi_ok) {
    engine_free(e);
    napi_throw_error(env, NULL, "cannot create discovery engine");
    return NULL;
  }
  if (engine_start_workers(e) != 0) {
    engine_stop(e);
    engine_free(e);
    napi_throw_error(env, NULL, "cannot start discovery threads");
    return NULL;
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
  napi_get_boolean(env, engine_enqueue(e, data, count), &result);
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
