import { describe, expect, it } from 'vitest';
import { identify } from '../../src/identify/identify.js';
import { peerAvailable, startDaemon } from './support/daemon.js';

/**
 * Real data services on ports no probe hints at: the reply decides, not the port. Redis answers
 * our HTTP GET with an error and hangs up on its Host line; memcached answers it with ERROR;
 * neither matches a rule, so identification must go on to the RESP and memcached probes.
 */
const LIMITS = { timeoutMs: 2000, maxBytes: 16 * 1024 };

describe.skipIf(!peerAvailable('redis-server'))('identify: real redis-server on an odd port', () => {
  it.each([
    ['without a password', []],
    ['with requirepass', ['--requirepass', 'peer-secret-123']],
  ] as const)('%s: redis', async (label, extra) => {
    const redis = await startDaemon({
      name: `redis (${label})`,
      binary: 'redis-server',
      host: '127.18.40.1',
      user: 'nobody',
      args: ({ host, port, dir }) => ['--bind', host, '--port', String(port), '--save', '', '--dir', dir, '--protected-mode', 'no', ...extra],
    });
    try {
      expect(await identify(redis.host, redis.port, LIMITS)).toMatchObject({ name: 'redis', tls: false });
    } finally {
      await redis.stop();
    }
  });
});

describe.skipIf(!peerAvailable('memcached'))('identify: real memcached on an odd port', () => {
  it('memcached with its version', async () => {
    const memcached = await startDaemon({
      name: 'memcached',
      binary: 'memcached',
      host: '127.18.40.2',
      user: 'nobody',
      args: ({ host, port }) => ['-l', host, '-p', String(port), '-U', '0'],
    });
    try {
      expect(await identify(memcached.host, memcached.port, LIMITS)).toMatchObject({ name: 'memcached', version: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown });
    } finally {
      await memcached.stop();
    }
  });
});
