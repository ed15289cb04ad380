import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memcachedOpen } from '../../src/checks/db/memcached-open.js';
import { peerAvailable, startDaemon, type RunningDaemon } from './support/daemon.js';
import { bilingualEvidence, expectFinding, expectNoFinding } from './support/run-check.js';
import { say } from './support/tcp-say.js';

const PATIENT_VALUE = 'Beispielfrau-Hannelore';

function startMemcached(name: string, host: string, authFile: boolean): Promise<RunningDaemon> {
  return startDaemon({
    name,
    binary: 'memcached',
    host,
    user: 'nobody',
    // The fixed twin is memcached's own ASCII authentication (-Y user:password file): every
    // command before a login is refused with CLIENT_ERROR unauthenticated.
    prepare: ({ dir }) => {
      if (authFile) writeFileSync(join(dir, 'auth'), 'praxis:Pr4xis-geheim-2026\n');
    },
    args: ({ port, dir }) => ['-l', host, '-p', String(port), '-U', '0', '-m', '16', ...(authFile ? ['-Y', join(dir, 'auth')] : [])],
  });
}

describe.skipIf(!peerAvailable('memcached'))('db.memcached.open against memcached', () => {
  let open: RunningDaemon;
  let secured: RunningDaemon;

  beforeAll(async () => {
    open = await startMemcached('memcached (open)', '127.21.4.1', false);
    secured = await startMemcached('memcached (ASCII auth)', '127.21.4.2', true);
    const value = PATIENT_VALUE;
    expect(await say(open.host, open.port, `set patient:1 0 0 ${value.length}\r\n${value}\r\nset patient:2 0 0 1\r\nx\r\n`)).toBe('STORED\r\nSTORED\r\n');
  });
  afterAll(async () => {
    await open?.stop();
    await secured?.stop();
  });

  it('open: identified on a random port, stats answered, items counted, no value leaks', async () => {
    const draft = await expectFinding(memcachedOpen, open.host, open.port, 'memcached');
    const { de, en } = bilingualEvidence(draft);
    expect(en).toMatch(/^stats answered without authentication: memcached \d+\.\d+\.\d+, 2 items cached$/);
    expect(de).toMatch(/^stats ohne Anmeldung beantwortet: memcached \d+\.\d+\.\d+, 2 Einträge im Cache$/);
    for (const text of [de, en]) expect(text).not.toContain(PATIENT_VALUE);
  });

  it('ASCII authentication (fixed twin): still identified as memcached, stats refused, no finding', async () => {
    await expectNoFinding(memcachedOpen, secured.host, secured.port, 'memcached');
  });
});
