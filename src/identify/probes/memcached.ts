import type { Probe } from '../probe-types.js';

/** memcached's ASCII `version` command: "VERSION 1.6.21"; with ASCII auth (-Y) every command is refused the same way. */
export const memcachedVersionProbe: Probe = {
  name: 'memcached-version',
  payload: () => Buffer.from('version\r\n', 'latin1'),
  transports: ['plain', 'tls'],
  likelyPorts: [11211],
  waitMs: 2000,
  matches: [
    { pattern: /^VERSION (\d+\.\d+\.\d+[^\s\r\n]*)\r\n/, service: 'memcached', product: 'memcached', version: '$1' },
    { pattern: /^CLIENT_ERROR unauthenticated\r\n/, service: 'memcached', product: 'memcached' },
  ],
};
