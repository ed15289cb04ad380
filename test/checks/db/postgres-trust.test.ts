import { describe, expect, it } from 'vitest';
import { postgresTrust } from '../../../src/checks/db/postgres-trust.js';
import { closeAfterEach, startTcpServer } from '../../identify/tcp-fixtures.js';
import { checkContext } from '../context.js';
import { startPgFixture } from './pg-fixture.js';

const HOST = '127.21.12.1';
const track = closeAfterEach();
const target = (port: number) => ({ host: HOST, port, service: { name: 'postgresql', tls: false } });

describe('db.postgres.trust (in-process PostgreSQL protocol)', () => {
  it('trust for postgres: finding with version and database count', async () => {
    const server = await track(startPgFixture(HOST, { auth: 'trust', users: ['postgres'], databases: 4 }));
    expect(await postgresTrust.run(target(server.port), checkContext())).toEqual([
      { evidence: 'login as postgres without a password accepted: PostgreSQL 16.4 (fixture), 4 databases (templates excluded)', personalData: false, key: 'postgres' },
    ]);
  });

  it('trust only for a common admin name: the user list is walked until one gets in', async () => {
    const server = await track(startPgFixture(HOST, { auth: 'trust', users: ['root'], databases: 1 }));
    const drafts = await postgresTrust.run(target(server.port), checkContext());
    expect(server.attempts).toEqual(['postgres', 'admin', 'root']);
    expect(drafts[0]?.evidence).toMatch(/^login as root without a password accepted: .*, 1 database \(templates excluded\)$/);
  });

  it('fixed twin (SCRAM): every user asked for a password, none ever sent, no finding', async () => {
    const server = await track(startPgFixture(HOST, { auth: 'scram', users: ['postgres'], databases: 4 }));
    expect(await postgresTrust.run(target(server.port), checkContext())).toEqual([]);
    expect(server.attempts).toEqual(['postgres', 'admin', 'root', 'pgsql']);
    expect(server.passwordSent()).toBe(false);
  });

  it('a stalling peer ends within the time budget with no finding', async () => {
    const server = await track(startTcpServer(HOST, () => undefined));
    const started = Date.now();
    expect(await postgresTrust.run(target(server.port), checkContext({ timeoutMs: 300 }))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(4 * 300 + 1_500);
  });
});
