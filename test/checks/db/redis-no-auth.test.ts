import { describe, expect, it } from 'vitest';
import { redisNoAuth } from '../../../src/checks/db/redis-no-auth.js';
import { parseRespReply, respCommand } from '../../../src/checks/db/resp.js';
import { closeAfterEach, startTcpServer } from '../../identify/tcp-fixtures.js';
import { checkContext } from '../context.js';

const HOST = '127.21.13.1';
const track = closeAfterEach();
const target = (port: number) => ({ host: HOST, port, service: { name: 'redis', tls: false } });

const INFO = '# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n\r\n# Keyspace\r\ndb0:keys=40,expires=2,avg_ttl=0\r\ndb3:keys=2,expires=0,avg_ttl=0\r\n';

/** Answers INFO like Redis: with the INFO text when open, with -NOAUTH when requirepass is set. */
function redisLike(requirePass: boolean) {
  return startTcpServer(HOST, (socket) => {
    socket.on('data', (req: Buffer) => {
      if (!req.equals(respCommand('INFO'))) return void socket.write('-ERR unknown command\r\n');
      socket.write(requirePass ? '-NOAUTH Authentication required.\r\n' : `$${Buffer.byteLength(INFO)}\r\n${INFO}\r\n`);
    });
  });
}

describe('db.redis.no-auth', () => {
  it('INFO answered: finding with version and key count, no key names', async () => {
    const server = await track(redisLike(false));
    expect(await redisNoAuth.run(target(server.port), checkContext())).toEqual([
      {
        evidence: {
          de: 'INFO ohne AUTH beantwortet: Redis 7.0.15, 42 Schlüssel in 2 Datenbanken',
          en: 'INFO answered without AUTH: Redis 7.0.15, 42 keys in 2 databases',
        },
        personalData: false,
      },
    ]);
  });

  it('fixed twin: -NOAUTH → no finding', async () => {
    const server = await track(redisLike(true));
    expect(await redisNoAuth.run(target(server.port), checkContext())).toEqual([]);
  });

  it('hostile peers: a bulk announcing 2 GB, garbage and a stalled half reply end quietly', async () => {
    for (const reply of ['$2000000000\r\nredis_version:1\r\n', 'HTTP/1.1 400 Bad Request\r\n\r\n', `$${INFO.length}\r\n${INFO.slice(0, 20)}`]) {
      const server = await track(startTcpServer(HOST, (socket) => socket.once('data', () => socket.write(reply))));
      const started = Date.now();
      expect(await redisNoAuth.run(target(server.port), checkContext({ timeoutMs: 400 }))).toEqual([]);
      expect(Date.now() - started).toBeLessThan(1_500);
    }
  });
});

describe('RESP reply parser', () => {
  it('reads simple, error, integer, bulk, null bulk and verbatim replies', () => {
    expect(parseRespReply(Buffer.from('+PONG\r\n'))).toEqual({ state: 'complete', kind: 'simple', text: 'PONG' });
    expect(parseRespReply(Buffer.from('-NOAUTH x\r\n'))).toEqual({ state: 'complete', kind: 'error', text: 'NOAUTH x' });
    expect(parseRespReply(Buffer.from(':42\r\n'))).toEqual({ state: 'complete', kind: 'integer', text: '42' });
    expect(parseRespReply(Buffer.from('$3\r\nabc\r\n'))).toEqual({ state: 'complete', kind: 'bulk', text: 'abc' });
    expect(parseRespReply(Buffer.from('$-1\r\n'))).toEqual({ state: 'complete', kind: 'bulk', text: null });
    expect(parseRespReply(Buffer.from('=7\r\ntxt:abc\r\n'))).toEqual({ state: 'complete', kind: 'bulk', text: 'abc' });
  });

  it('never throws on truncation, garbage or oversize', () => {
    expect(parseRespReply(Buffer.from('$10\r\nabc')).state).toBe('incomplete');
    expect(parseRespReply(Buffer.from('$3\r\nabcXY')).state).toBe('invalid');
    expect(parseRespReply(Buffer.from('$99999999\r\n')).state).toBe('invalid');
    expect(parseRespReply(Buffer.from('?what\r\n')).state).toBe('invalid');
    expect(parseRespReply(Buffer.alloc(5000, 0x61)).state).toBe('invalid');
    for (let i = 0; i < 2000; i++) {
      const junk = Buffer.from(Array.from({ length: 1 + (i % 40) }, (_, j) => (i * 31 + j * 7) % 256));
      expect(['incomplete', 'invalid', 'complete']).toContain(parseRespReply(junk).state);
    }
  });
});
