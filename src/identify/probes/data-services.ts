import type { Probe } from '../probe-types.js';
import { memcachedVersionProbe } from './memcached.js';
import { mongodbHelloProbe } from './mongodb.js';
import { postgresStartupProbe } from './postgres.js';
import { redisPingProbe } from './redis.js';

/**
 * Databases and caches that wait for the client to speak first (MySQL greets and is matched by
 * the NULL probe). Text probes go first: every one of these services answers or hangs up on a
 * wrong text command, while a binary probe leaves memcached and Redis waiting for more bytes —
 * and identify() gives up after two silent asks.
 */
export const DATA_SERVICE_PROBES: readonly Probe[] = [
  redisPingProbe,
  memcachedVersionProbe,
  postgresStartupProbe,
  mongodbHelloProbe,
];
