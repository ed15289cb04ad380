import type { Probe } from '../probe-types.js';

/**
 * RESP PING as an array command (what redis-cli sends). An open Redis answers +PONG; one with
 * requirepass or protected mode answers with an error that still names Redis' own error codes.
 */
export const redisPingProbe: Probe = {
  name: 'redis-ping',
  payload: () => Buffer.from('*1\r\n$4\r\nPING\r\n', 'latin1'),
  transports: ['plain', 'tls'],
  likelyPorts: [6379, 6380, 16379, 26379],
  waitMs: 2000,
  matches: [
    { pattern: /^\+PONG\r\n/, service: 'redis' },
    { pattern: /^-(?:NOAUTH|DENIED|NOPERM|WRONGPASS) [^\r\n]*\r\n/, service: 'redis' },
  ],
};
