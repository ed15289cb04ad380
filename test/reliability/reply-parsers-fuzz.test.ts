import { describe, expect, it } from 'vitest';
import { mysqlNoAuth } from '../../src/checks/db/mysql-no-auth.js';
import { MAX_BULK_BYTES, parseRespReply } from '../../src/checks/db/resp.js';
import { httpGet, parseHttpReply } from '../../src/checks/http-client.js';
import type { ExchangeEnd } from '../../src/identify/exchange.js';
import { checkContext } from '../checks/context.js';
import { closeAfterEach, startTcpServer } from '../identify/tcp-fixtures.js';
import { prng } from '../support/prng.js';

// Bounded fuzz targets for the RESP, HTTP and MySQL reply sides (the DICOM one lives in
// test/checks/dicom/pdu-fuzz.test.ts). Each run is a fixed number of seeded cases, so CI time
// stays bounded and a failure names the seed that reproduces it: FUZZ_SEED=n FUZZ_CASES=n.
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const CASES = Number(process.env.FUZZ_CASES ?? 20_000);
// a session that stalls costs one timeout (400 ms): a few dozen keep the suite quick
const SESSIONS = Number(process.env.FUZZ_SESSIONS ?? 16);
const HOST = '127.26.1.1';
const track = closeAfterEach();


/** A valid reply, then byte flips, cuts, inserted CR/LF and digits (length fields), or pure noise. */
function mutate(rnd: () => number, seeds: readonly Buffer[]): Buffer {
  if (rnd() < 0.1) return Buffer.from(Array.from({ length: Math.floor(rnd() * 512) }, () => Math.floor(rnd() * 256)));
  let b = Buffer.from(seeds[Math.floor(rnd() * seeds.length)] ?? Buffer.alloc(0));
  const edits = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rnd() * (b.length + 1));
    const kind = rnd();
    const special = Buffer.from(['\r\n', '\r\n\r\n', '9', '-1', '999999999', '0\r\n\r\n', ':'][Math.floor(rnd() * 7)] ?? '');
    if (kind < 0.4 && b.length > 0) b[Math.min(at, b.length - 1)] = Math.floor(rnd() * 256);
    else if (kind < 0.6) b = b.subarray(0, at);
    else b = Buffer.concat([b.subarray(0, at), special, b.subarray(at)]);
  }
  return b;
}

const RESP_SEEDS = [
  '+PONG\r\n',
  '-NOAUTH Authentication required.\r\n',
  ':42\r\n',
  '$-1\r\n',
  '$27\r\n# Server\r\nredis_version:7.0.15\r\n',
  '=15\r\ntxt:used_memory:1\r\n',
].map((s) => Buffer.from(s, 'latin1'));

const HTTP_SEEDS = [
  'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello',
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3\r\nabc\r\n0\r\n\r\n',
  'HTTP/1.0 401 Unauthorized\r\nWWW-Authenticate: Basic realm="x"\r\n\r\n',
  'HTTP/1.1 301 Moved\r\nLocation: /a\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n',
].map((s) => Buffer.from(s, 'latin1'));

const ENDS: readonly ExchangeEnd[] = ['closed', 'limit', 'timeout', 'enough'];

describe(`reply parsers under fuzz (seed ${SEED}, ${CASES} cases)`, () => {
  it('RESP: never throws; every verdict is consistent with the bytes', () => {
    const rnd = prng(SEED);
    const seen = { complete: 0, incomplete: 0, invalid: 0 };
    for (let i = 0; i < CASES; i++) {
      const input = mutate(rnd, RESP_SEEDS);
      const reply = parseRespReply(input);
      seen[reply.state]++;
      if (reply.state !== 'complete') continue;
      expect('+-:$='.includes(String.fromCharCode(input[0] ?? 0))).toBe(true);
      if (reply.text !== null) expect(Buffer.byteLength(reply.text, 'latin1')).toBeLessThanOrEqual(Math.min(input.length, MAX_BULK_BYTES));
    }
    // the mutations must exercise all three outcomes, or the fuzz proves little
    expect(Math.min(seen.complete, seen.incomplete, seen.invalid)).toBeGreaterThan(CASES / 100);
  });

  it('RESP: a bulk length beyond the cap is refused at once, not awaited', () => {
    expect(parseRespReply(Buffer.from(`$${MAX_BULK_BYTES + 1}\r\nabc`)).state).toBe('invalid');
    expect(parseRespReply(Buffer.from('$99999999999\r\n')).state).toBe('invalid');
    expect(parseRespReply(Buffer.alloc(8192, 0x41)).state).toBe('invalid');
  });

  it('HTTP: never throws; a parsed reply has a real status and never grows beyond its input', () => {
    const rnd = prng(SEED ^ 0x1234);
    let parsed = 0;
    let refused = 0;
    for (let i = 0; i < CASES; i++) {
      const input = mutate(rnd, HTTP_SEEDS);
      const reply = parseHttpReply(input, ENDS[i % ENDS.length] ?? 'closed');
      if (reply === null) {
        refused++;
        continue;
      }
      parsed++;
      expect(reply.status).toBeGreaterThanOrEqual(100);
      expect(reply.status).toBeLessThanOrEqual(999);
      expect(reply.body.length).toBeLessThanOrEqual(input.length);
      const end = ENDS[i % ENDS.length];
      if (end === 'limit' || end === 'timeout') expect(reply.truncated).toBe(true);
    }
    expect(Math.min(parsed, refused)).toBeGreaterThan(CASES / 100);
  });

  it('HTTP: a session against a mutating server ends with a reply or null, never a throw', async () => {
    const rnd = prng(SEED ^ 0x4321);
    let current: Buffer = Buffer.alloc(0);
    const server = await track(startTcpServer(HOST, (s) => s.once('data', () => s.end(current))));
    const target = { host: HOST, port: server.port, service: { name: 'http', tls: false } };
    const ctx = checkContext({ timeoutMs: 400, maxBytes: 4096 });
    let answered = 0;
    for (let i = 0; i < SESSIONS; i++) {
      current = mutate(rnd, HTTP_SEEDS);
      const reply = await httpGet(target, ctx, '/');
      if (reply !== null) {
        answered++;
        expect(reply.body.length).toBeLessThanOrEqual(current.length);
      }
    }
    expect(answered).toBeGreaterThan(0);
  });
});

/** A MySQL/MariaDB protocol-10 greeting as a server sends it first (packet header included). */
function mysqlGreeting(): Buffer {
  const payload = Buffer.concat([
    Buffer.from([10]),
    Buffer.from('10.11.6-MariaDB\0', 'latin1'),
    Buffer.from([7, 0, 0, 0]),
    Buffer.from('abcdefgh\0', 'latin1'),
    Buffer.from([0xff, 0xf7, 8, 2, 0, 0xff, 0x81, 21]),
    Buffer.alloc(10),
    Buffer.from('ijklmnopqrst\0mysql_native_password\0', 'latin1'),
  ]);
  const head = Buffer.from([payload.length & 0xff, (payload.length >> 8) & 0xff, payload.length >> 16, 0]);
  return Buffer.concat([head, payload]);
}

describe(`MySQL greeting under fuzz (seed ${SEED}, ${SESSIONS} sessions)`, () => {
  it('a mutated greeting never throws out of the check and never yields a finding', async () => {
    const rnd = prng(SEED ^ 0x7777);
    const seeds = [mysqlGreeting()];
    let current: Buffer = Buffer.alloc(0);
    // The server greets with a mutant and hangs up on whatever the client answers: no login can succeed.
    const server = await track(startTcpServer(HOST, (s) => {
      s.write(current);
      s.once('data', () => s.destroy());
    }));
    const target = { host: HOST, port: server.port, service: { name: 'mysql', tls: false } };
    const ctx = checkContext({ timeoutMs: 400, maxBytes: 16 * 1024 });
    for (let i = 0; i < SESSIONS; i++) {
      current = mutate(rnd, seeds);
      await expect(mysqlNoAuth.run(target, ctx)).resolves.toEqual([]);
    }
  });
});
