import { describe, expect, it } from 'vitest';
import { evidenceIn } from '../../../src/checks/evidence.js';
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
      {
        evidence: {
          de: 'Anmeldung als postgres ohne Passwort erfolgreich: PostgreSQL 16.4 (fixture), 4 Datenbanken (ohne Vorlagen)',
          en: 'login as postgres without a password accepted: PostgreSQL 16.4 (fixture), 4 databases (templates excluded)',
        },
        personalData: false,
        key: 'postgres',
      },
    ]);
  });

  it('trust only for a common admin name: the user list is walked until one gets in', async () => {
    const server = await track(startPgFixture(HOST, { auth: 'trust', users: ['root'], databases: 1 }));
    const drafts = await postgresTrust.run(target(server.port), checkContext());
    expect(server.attempts).toEqual(['postgres', 'admin', 'root']);
    expect(evidenceIn(drafts[0]!.evidence, 'en')).toMatch(/^login as root without a password accepted: .*, 1 database \(templates excluded\)$/);
    expect(evidenceIn(drafts[0]!.evidence, 'de')).toMatch(/^Anmeldung als root ohne Passwort erfolgreich: .*, 1 Datenbank \(ohne Vorlagen\)$/);
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

  it('a peer that logs us in and then floods (a 64 MB message) is cut at the byte limit', async () => {
    let written = 0;
    const server = await track(startTcpServer(HOST, (socket) => {
      socket.once('data', () => {
        const ok = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0]); // AuthenticationOk
        const header = Buffer.from([0x53, 0x04, 0, 0, 0]); // ParameterStatus announcing 64 MB
        socket.write(Buffer.concat([ok, header]));
        const chunk = Buffer.alloc(64 * 1024, 0x41);
        const pump = (): void => {
          while (!socket.destroyed && written < 64 * 1024 * 1024 && socket.write(chunk)) written += chunk.length;
          if (!socket.destroyed && written < 64 * 1024 * 1024) socket.once('drain', pump);
        };
        pump();
      });
    }));
    const started = Date.now();
    expect(await postgresTrust.run(target(server.port), checkContext({ timeoutMs: 2_000, maxBytes: 64 * 1024 }))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(8 * 2_000);
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });
});
