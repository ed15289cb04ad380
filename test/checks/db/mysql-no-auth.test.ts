import { describe, expect, it } from 'vitest';
import { evidenceIn } from '../../../src/checks/evidence.js';
import { mysqlNoAuth } from '../../../src/checks/db/mysql-no-auth.js';
import { closeAfterEach, greet, startTcpServer } from '../../identify/tcp-fixtures.js';
import { checkContext } from '../context.js';
import { startMysqlFixture } from './mysql-fixture.js';

const HOST = '127.21.11.1';
const track = closeAfterEach();
const target = (port: number) => ({ host: HOST, port, service: { name: 'mysql', tls: false } });

describe('db.mysql.no-auth (in-process MySQL protocol)', () => {
  it('root with an empty password: finding with version, mapped account and database count', async () => {
    const server = await track(startMysqlFixture(HOST, { emptyPassword: { root: 'root@%' }, databases: 3 }));
    const drafts = await mysqlNoAuth.run(target(server.port), checkContext());
    expect(drafts).toEqual([
      {
        evidence: {
          de: 'Anmeldung als root mit leerem Passwort erfolgreich, vom Server dem Konto root@% zugeordnet: MariaDB 10.11.6, 3 Datenbanken außer den Systemschemas',
          en: 'login as root with an empty password accepted, mapped to the account root@%: MariaDB 10.11.6, 3 databases besides the system schemas',
        },
        personalData: false,
        key: 'root',
      },
    ]);
  });

  it('anonymous account (empty user name) only: found on the second attempt', async () => {
    const server = await track(startMysqlFixture(HOST, { emptyPassword: { '': '@%' }, databases: 1 }));
    const drafts = await mysqlNoAuth.run(target(server.port), checkContext());
    expect(server.attempts).toEqual(['root', '']);
    expect(evidenceIn(drafts[0]!.evidence, 'en')).toBe('login as an empty user name with an empty password accepted, mapped to the anonymous account @%: MariaDB 10.11.6, 1 database besides the system schemas');
    expect(evidenceIn(drafts[0]!.evidence, 'de')).toBe('Anmeldung mit leerem Benutzernamen und leerem Passwort erfolgreich, vom Server dem anonymen Konto @% zugeordnet: MariaDB 10.11.6, 1 Datenbank außer den Systemschemas');
    expect(drafts[0]?.key).toBe('anonymous');
  });

  it('fixed twin: every empty-password login refused → no finding', async () => {
    const server = await track(startMysqlFixture(HOST, { emptyPassword: {}, databases: 3 }));
    expect(await mysqlNoAuth.run(target(server.port), checkContext())).toEqual([]);
    expect(server.attempts).toEqual(['root', '']);
  });

  it('a hostile peer (greeting garbage, then silence) ends within the time limit with no finding', async () => {
    const server = await track(startTcpServer(HOST, greet(Buffer.from([0x4a, 0, 0, 0, 0x0a, 0xff, 0xfe, 0x00]))));
    const started = Date.now();
    expect(await mysqlNoAuth.run(target(server.port), checkContext({ timeoutMs: 500 }))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('only applies to ports identified as MySQL', () => {
    expect(mysqlNoAuth.appliesTo(target(3306))).toBe(true);
    expect(mysqlNoAuth.appliesTo({ host: HOST, port: 3306, service: { name: 'unknown', tls: false } })).toBe(false);
  });

  it('a peer announcing a 16 MB packet and streaming it is cut at the byte limit', async () => {
    let written = 0;
    const server = await track(startTcpServer(HOST, (socket) => {
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      socket.write(Buffer.from([0xff, 0xff, 0xff, 0x00, 0x0a]));
      const pump = (): void => {
        while (!socket.destroyed && written < 16 * 1024 * 1024 && socket.write(chunk)) written += chunk.length;
        if (!socket.destroyed && written < 16 * 1024 * 1024) socket.once('drain', pump);
      };
      pump();
    }));
    expect(await mysqlNoAuth.run(target(server.port), checkContext({ timeoutMs: 3_000, maxBytes: 64 * 1024 }))).toEqual([]);
    expect(written).toBeLessThan(2 * 8 * 1024 * 1024);
  });
});
