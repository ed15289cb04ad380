import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { mongodbNoAuth } from '../../../src/checks/db/mongodb-no-auth.js';
import { closeAfterEach, startTcpServer } from '../../identify/tcp-fixtures.js';
import { checkContext } from '../context.js';
import { startMongoFixture } from './mongo-fixture.js';

const HOST = '127.21.18.1';
const track = closeAfterEach();
const target = (port: number) => ({ host: HOST, port, service: { name: 'mongodb', tls: false } });

describe('db.mongodb.no-auth (in-process wire protocol; MongoDB is not in Debian)', () => {
  it('listDatabases without credentials: finding with version and database count, no names', async () => {
    const mongo = await track(startMongoFixture(HOST, { auth: false, databases: ['admin', 'config', 'local', 'praxis_patienten'] }));
    const drafts = await mongodbNoAuth.run(target(mongo.port), checkContext());
    expect(drafts).toEqual([
      {
        evidence: {
          de: 'listDatabases ohne Anmeldung beantwortet: MongoDB 7.0.12, 4 Datenbanken',
          en: 'listDatabases answered without credentials: MongoDB 7.0.12, 4 databases',
        },
        personalData: false,
      },
    ]);
    expect(mongo.commands).toContain('listDatabases');
  });

  it('fixed twin (authorization enabled): Unauthorized → no finding', async () => {
    const mongo = await track(startMongoFixture(HOST, { auth: true, databases: ['admin'] }));
    expect(await mongodbNoAuth.run(target(mongo.port), checkContext())).toEqual([]);
    expect(mongo.commands).toContain('listDatabases');
  });

  it('a silent or garbage-talking peer ends within the time limit with no finding', async () => {
    for (const handler of [() => undefined, (s: Socket) => s.once('data', () => s.write(Buffer.alloc(64, 0x41)))]) {
      const server = await track(startTcpServer(HOST, handler));
      const started = Date.now();
      expect(await mongodbNoAuth.run(target(server.port), checkContext({ timeoutMs: 500 }))).toEqual([]);
      expect(Date.now() - started).toBeLessThan(4_000);
    }
  });
});
