import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisNoAuth } from '../../src/checks/db/redis-no-auth.js';
import { respCommand } from '../../src/checks/db/resp.js';
import { createSelfSignedCert } from '../../src/lab/self-signed-cert.js';
import { peerAvailable, startDaemon, type RunningDaemon } from './support/daemon.js';
import { bilingualEvidence, expectFinding, expectNoFinding, identifyAndRun } from './support/run-check.js';
import { say } from './support/tcp-say.js';

const PATIENT_VALUE = 'Mustermann-Ruediger';

function startRedis(name: string, host: string, extra: string[], tls = false): Promise<RunningDaemon> {
  return startDaemon({
    name,
    binary: 'redis-server',
    host,
    user: 'nobody',
    prepare: ({ dir }) => {
      if (!tls) return;
      const cert = createSelfSignedCert('praxiswache peer', [host]);
      writeFileSync(join(dir, 'cert.pem'), cert.cert);
      writeFileSync(join(dir, 'key.pem'), cert.key, { mode: 0o600 });
    },
    args: ({ port, dir }) => [
      '--bind', host, '--save', '', '--appendonly', 'no', '--dir', dir,
      ...(tls
        ? ['--port', '0', '--tls-port', String(port), '--tls-cert-file', join(dir, 'cert.pem'), '--tls-key-file', join(dir, 'key.pem'),
          '--tls-ca-cert-file', join(dir, 'cert.pem'), '--tls-auth-clients', 'no']
        : ['--port', String(port)]),
      ...extra,
    ],
  });
}

describe.skipIf(!peerAvailable('redis-server'))('db.redis.no-auth against redis-server', () => {
  let open: RunningDaemon;
  let secured: RunningDaemon;
  let overTls: RunningDaemon;

  beforeAll(async () => {
    // protected-mode only guards the wildcard bind; binding an address is the usual "it's internal" setup
    open = await startRedis('redis (no auth)', '127.21.3.1', []);
    secured = await startRedis('redis (requirepass)', '127.21.3.2', ['--requirepass', 'Pr4xis-geheim-2026']);
    overTls = await startRedis('redis (TLS, no auth)', '127.21.3.3', [], true);
    for (const [key, value] of [['patient:1', PATIENT_VALUE], ['patient:2', 'x'], ['session:9', 'y']] as const) {
      expect(await say(open.host, open.port, respCommand('SET', key, value))).toBe('+OK\r\n');
    }
  });
  afterAll(async () => {
    await open?.stop();
    await secured?.stop();
    await overTls?.stop();
  });

  it('no auth: identified on a random port, INFO proves it, keys counted, no key or value leaks', async () => {
    const draft = await expectFinding(redisNoAuth, open.host, open.port, 'redis');
    const { de, en } = bilingualEvidence(draft);
    expect(en).toMatch(/^INFO answered without AUTH: Redis \d+\.\d+\.\d+, 3 keys in 1 database$/);
    expect(de).toMatch(/^INFO ohne AUTH beantwortet: Redis \d+\.\d+\.\d+, 3 Schlüssel in 1 Datenbank$/);
    for (const text of [de, en]) {
      expect(text).not.toContain('patient');
      expect(text).not.toContain(PATIENT_VALUE);
    }
  });

  it('requirepass (fixed twin): still identified as redis, NOAUTH, no finding', async () => {
    await expectNoFinding(redisNoAuth, secured.host, secured.port, 'redis');
  });

  it('TLS without auth: identified inside the TLS session on a random port, INFO over TLS proves it', async () => {
    const { service, drafts } = await identifyAndRun(redisNoAuth, overTls.host, overTls.port);
    expect(service).toMatchObject({ name: 'redis', tls: true });
    expect(drafts).toHaveLength(1);
    expect(bilingualEvidence(drafts[0]!).en).toMatch(/^INFO answered without AUTH: Redis \d+\.\d+\.\d+, 0 keys in 0 databases$/);
  });
});
