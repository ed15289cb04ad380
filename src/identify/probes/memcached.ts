import type { Probe } from '../probe-types.js';

/** memcached's ASCII `version` command: "VERSION 1.6.21" (also answered when ASCII auth is on). */
export const memcachedVersionProbe: Probe = {
  name: 'memcached-version',
  payload: () => Buffer.from('version\r\n', 'latin1'),
  transports: ['plain', 'tls'],
  likelyPorts: [11211],
  waitMs: 2000,
  matches: [{ pattern: /^VERSION (\d+\.\d+\.\d+[^\s\r\n]*)\r\n/, service: 'memcached', product: 'memcached', version: '$1' }],
};
