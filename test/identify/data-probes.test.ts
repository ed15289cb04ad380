import { describe, expect, it } from 'vitest';
import { identify } from '../../src/identify/index.js';
import { startMongoFixture } from '../checks/db/mongo-fixture.js';
import { startPgFixture } from '../checks/db/pg-fixture.js';
import { answerOnce, closeAfterEach, startTcpServer } from './tcp-fixtures.js';

const HOST = '127.21.20.1';
const track = closeAfterEach();
const opts = { timeoutMs: 2_000, maxBytes: 64 * 1024 };

/** Answers each request line with `reply(line)`, keeping the connection open like the real servers. */
function lineServer(reply: (line: string) => string | undefined) {
  return startTcpServer(HOST, (socket) => {
    socket.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('latin1').split('\r\n').filter(Boolean)) {
        const answer = reply(line);
        if (answer !== undefined) socket.write(answer);
      }
    });
  });
}

describe('identification of data services on any port (replies decide, not ports)', () => {
  it('Redis: +PONG and the NOAUTH error both identify it', async () => {
    for (const [answer, expected] of [['+PONG\r\n', 'redis'], ['-NOAUTH Authentication required.\r\n', 'redis']] as const) {
      const server = await track(lineServer((line) => (line === 'PING' ? answer : line.startsWith('*') || line.startsWith('$') ? undefined : '-ERR unknown command\r\n')));
      expect((await identify(HOST, server.port, opts)).name).toBe(expected);
    }
  });

  it('memcached: VERSION reply with version, and the ASCII-auth refusal', async () => {
    const open = await track(lineServer((line) => (line === 'version' ? 'VERSION 1.6.18\r\n' : 'ERROR\r\n')));
    expect(await identify(HOST, open.port, opts)).toMatchObject({ name: 'memcached', product: 'memcached', version: '1.6.18' });
    const secured = await track(lineServer(() => 'CLIENT_ERROR unauthenticated\r\n'));
    expect((await identify(HOST, secured.port, opts)).name).toBe('memcached');
  });

  it('PostgreSQL: FATAL for the probe user (trust) and the SASL request (scram) both identify it', async () => {
    for (const auth of ['trust', 'scram'] as const) {
      const pg = await track(startPgFixture(HOST, { auth, users: ['postgres'], databases: 1 }));
      expect(await identify(HOST, pg.port, opts)).toMatchObject({ name: 'postgresql', product: 'PostgreSQL', tls: false });
      expect(pg.attempts).toContain('praxiswache-probe');
    }
  });

  it('MongoDB: the OP_MSG isMaster reply identifies it', async () => {
    const mongo = await track(startMongoFixture(HOST, { auth: true, databases: [] }));
    expect(await identify(HOST, mongo.port, opts)).toMatchObject({ name: 'mongodb', product: 'MongoDB' });
    expect(mongo.commands).toEqual(['isMaster']);
  });

  it("MongoDB's HTTP notice on its driver port is MongoDB, not a web server", async () => {
    const body = 'It looks like you are trying to access MongoDB over HTTP on the native driver port.\r\n';
    const server = await track(startTcpServer(HOST, answerOnce(`HTTP/1.0 200 OK\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`)));
    expect((await identify(HOST, server.port, opts)).name).toBe('mongodb');
  });

  it('negatives: an error-echoing line service is none of them; a plain HTTP server stays http', async () => {
    const echo = await track(lineServer(() => '-ERR what\r\n'));
    expect((await identify(HOST, echo.port, opts)).name).toBe('unknown');
    const http = await track(startTcpServer(HOST, answerOnce('HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: 0\r\n\r\n')));
    expect((await identify(HOST, http.port, opts)).name).toBe('http');
  });
});
