import type { Probe } from '../probe-types.js';
import { memcachedVersionProbe } from './memcached.js';
import { mongodbHelloProbe } from './mongodb.js';
import { postgresStartupProbe } from './postgres.js';
import { redisPingProbe } from './redis.js';

/**
 * Databases and caches that wait for the client to speak first (MySQL greets and is matched by
 * the NULL probe). Ordered by how often they are found exposed in practice networks.
 */
export const DATA_SERVICE_PROBES: readonly Probe[] = [
  redisPingProbe,
  postgresStartupProbe,
  mongodbHelloProbe,
  memcachedVersionProbe,
];
