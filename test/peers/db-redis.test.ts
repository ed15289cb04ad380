import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisNoAuth } from '../../src/checks/db/redis-no-auth.js';
import { respCommand } from '../../src/checks/db/resp.js';
import { peerAvailable, startDaemon, type RunningDaemon } from './support/daemon.js';
import { expectFinding, expectNoFinding } from './support/run-check.js';
import { say } from './support/tcp-say.js';

const PATIENT_VALUE = 'Mustermann-Ruediger';

function startRedis(name: string, host: string, extra: string[]): Promise<RunningDaemon> {
  return startDaemon({
    name,
    binary: 'redis-server',
    host,
    user: 'nobody',
    args: ({ port, dir }) => ['--bind', host, '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, ...extra],
  });
}

describe.skipIf(!peerAvailable('redis-server'))('db.redis.no-auth against redis-server', () => {
  let open: RunningDaemon;
  let secured: RunningDaemon;

  beforeAll(async () => {
    // protected-mode only guards the wildcard bind; binding an address is the usual "it's internal" setup
    open = await startRedis('redis (no auth)', '127.21.3.1', []);
    secured = await startRedis('redis (requirepass)', '127.21.3.2', ['--requirepass', 'Pr4xis-geheim-2026']);
    for (const [key, value] of [['patient:1', PATIENT_VALUE], ['patient:2', 'x'], ['session:9', 'y']] as const) {
      expect(await say(open.host, open.port, respCommand('SET', key, value))).toBe('+OK\r\n');
    }
  });
  afterAll(async () => {
    await open?.stop();
    await secured?.stop();
  });

  it('no auth: identified on a random port, INFO proves it, keys counted, no key or value leaks', async () => {
    const draft = await expectFinding(redisNoAuth, open.host, open.port, 'redis');
    expect(draft.evidence).toMatch(/^INFO answered without AUTH: Redis \d+\.\d+\.\d+, 3 keys in 1 database$/);
    expect(draft.evidence).not.toContain('patient');
    expect(draft.evidence).not.toContain(PATIENT_VALUE);
  });

  it('requirepass (fixed twin): still identified as redis, NOAUTH, no finding', async () => {
    await expectNoFinding(redisNoAuth, secured.host, secured.port, 'redis');
  });
});
