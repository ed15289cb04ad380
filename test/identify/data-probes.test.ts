import { describe, expect, it } from 'vitest';
import { identify } from '../../src/identify/index.js';
import { matchReply } from '../../src/identify/match.js';
import { DATA_SERVICE_PROBES } from '../../src/identify/probes/data-services.js';
import { nullProbe } from '../../src/identify/probes/null.js';
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

describe('data probe rules under fuzz (bounded: garbage, truncation, mutation never throw or backtrack)', () => {
  it('20,000 random and mutated replies through every data rule and the MySQL greeting rules', () => {
    let seed = 0x5eed;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const valid = [
      Buffer.from('+PONG\r\n'), Buffer.from('VERSION 1.6.18\r\n'), Buffer.from('-NOAUTH Authentication required.\r\n'),
      Buffer.from('E\x00\x00\x00\x60SFATAL\x00VFATAL\x00C28000\x00Mrole\x00\x00', 'latin1'),
      Buffer.from('R\x00\x00\x00\x17\x00\x00\x00\x0aSCRAM-SHA-256\x00\x00', 'latin1'),
      Buffer.from('\x4a\x00\x00\x00\x0a10.11.6-MariaDB\x00' + 'x'.repeat(60), 'latin1'),
    ];
    const probes = [...DATA_SERVICE_PROBES, nullProbe];
    const started = Date.now();
    for (let i = 0; i < 20_000; i++) {
      const base = valid[i % valid.length]!;
      let input: Buffer;
      if (i % 3 === 0) input = Buffer.from(Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 256)));
      else if (i % 3 === 1) input = base.subarray(0, Math.floor(random() * base.length));
      else {
        input = Buffer.from(base);
        for (let m = 0; m < 3; m++) input[Math.floor(random() * input.length)] = Math.floor(random() * 256);
      }
      for (const probe of probes) matchReply(input, probe, probes); // a throw fails the test
    }
    // a catastrophic backtracking rule would take seconds on the long inputs
    const fuzzMs = Date.now() - started;
    const long = Buffer.concat([Buffer.from('E\x00\x00\x00\x60S', 'latin1'), Buffer.alloc(200_000, 0x41)]);
    for (const probe of probes) matchReply(long, probe, probes);
    expect(fuzzMs).toBeLessThan(10_000);
    expect(Date.now() - started - fuzzMs).toBeLessThan(2_000);
  });
});
