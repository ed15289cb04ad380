import { describe, expect, it } from 'vitest';
import { documentListing } from '../../src/checks/http/document-listing.js';
import { httpGet } from '../../src/checks/http-client.js';
import { runChecks } from '../../src/checks/runner.js';
import { unexpectedHttpsPort } from '../../src/checks/http/unexpected-https-port.js';
import { exchange, identify } from '../../src/identify/index.js';
import { closeAfterEach, startTcpServer, type ConnectionHandler, type TestServer } from '../identify/tcp-fixtures.js';
import { checkContext, httpTarget } from '../checks/context.js';

// Hostile peers are normal on the internet: each case must end with a clear result within its
// time limit, read no more than its byte limit, and never crash the process.
const HOST = '127.13.13.1';
const TIMEOUT = 700;
// The checks of the foundation; the catalogue's own checks have their own hostile-server tests.
const FIRST_CUT = [documentListing, unexpectedHttpsPort];
const MAX_BYTES = 4096;
// Room for a busy CI machine; a hang would overshoot by seconds.
const SLACK_MS = 1200;
const track = closeAfterEach();
const serve = (handler: ConnectionHandler, opts: { tls?: boolean } = {}): Promise<TestServer> => track(startTcpServer(HOST, handler, opts));

/** Writes as fast as the socket drains, forever. */
const endless =
  (chunk: Buffer): ConnectionHandler =>
  (socket, count) => {
    const pump = (): void => {
      while (!socket.destroyed && socket.write(chunk)) count(chunk.length);
      if (!socket.destroyed) socket.once('drain', pump);
    };
    pump();
  };

const silent: ConnectionHandler = () => undefined;
const garbage: ConnectionHandler = (socket, count) => {
  socket.on('data', () => {
    const junk = Buffer.from('\x16\x03\x01\xff\xff\x00garbage\r\n\r\nHTTP?\x00\x00', 'latin1');
    count(junk.length);
    socket.write(junk);
  });
};
const closesMidReply: ConnectionHandler = (socket, count) => {
  socket.once('data', () => {
    const half = 'HTTP/1.1 200 OK\r\nServer: half\r\nContent-Length: 100000\r\n\r\n<html><title>Index of /</title><a href="Befund_';
    count(half.length);
    socket.write(half, () => socket.destroy());
  });
};

describe('reliability: hostile servers', () => {
  it('an endless banner: the read stops at the byte limit, identify ends in time', async () => {
    const server = await serve(endless(Buffer.alloc(16 * 1024, 'A')));
    const result = await exchange({ host: HOST, port: server.port, tls: false, payload: null, timeoutMs: TIMEOUT, maxBytes: MAX_BYTES });
    expect(result.end).toBe('limit');
    expect(result.reply.length).toBe(MAX_BYTES);

    const started = Date.now();
    const info = await identify(HOST, server.port, { timeoutMs: TIMEOUT, maxBytes: MAX_BYTES });
    expect(info.name).toBe('unknown');
    expect(info.banner!.length).toBeLessThanOrEqual(120);
    expect(Date.now() - started).toBeLessThan(3 * TIMEOUT + SLACK_MS);
  });

  it('an endless HTTP body: the check client reads at most its byte limit', async () => {
    const server = await serve((socket, count) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<title>Index of /</title>');
        endless(Buffer.from('<a href="x.pdf">x.pdf</a>\n'.repeat(200)))(socket, count);
      });
    });
    const reply = await httpGet(httpTarget(HOST, server.port, false), checkContext({ timeoutMs: TIMEOUT, maxBytes: MAX_BYTES }), '/');
    expect(reply?.status).toBe(200);
    expect(reply?.truncated).toBe(true);
    expect(reply!.body.length).toBeLessThan(MAX_BYTES);
  });

  it('a server trickling one byte at a time: identify ends by its time limits', async () => {
    const server = await serve((socket, count) => {
      const timer = setInterval(() => {
        if (socket.destroyed) return clearInterval(timer);
        socket.write('x');
        count(1);
      }, 2);
      socket.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const info = await identify(HOST, server.port, { timeoutMs: TIMEOUT, maxBytes: MAX_BYTES });
    expect(info.name).toBe('unknown');
    expect(info.banner).toMatch(/^x+$/);
    expect(Date.now() - started).toBeLessThan(3 * TIMEOUT + SLACK_MS);
    expect(server.written()).toBeLessThan(3 * MAX_BYTES);
  });

  it('a server that never answers: identify and the checks end within their limits', async () => {
    const server = await serve(silent);
    let started = Date.now();
    expect(await identify(HOST, server.port, { timeoutMs: TIMEOUT, maxBytes: MAX_BYTES })).toEqual({ name: 'unknown', tls: false });
    expect(Date.now() - started).toBeLessThan(3 * TIMEOUT + SLACK_MS);

    started = Date.now();
    const ctx = checkContext({ timeoutMs: TIMEOUT, maxBytes: MAX_BYTES });
    const result = await runChecks(httpTarget(HOST, server.port, true), ctx, { safe: false, lang: 'en', checks: FIRST_CUT });
    expect(result.findings).toEqual([]);
    // The listing walk stops after its first timed-out request; the HTTPS check makes one.
    expect(Date.now() - started).toBeLessThan(2 * TIMEOUT + SLACK_MS);
  });

  it('garbage to TLS and HTTP: unknown, no finding, no crash', async () => {
    const server = await serve(garbage);
    const info = await identify(HOST, server.port, { timeoutMs: TIMEOUT, maxBytes: MAX_BYTES });
    expect(info).toMatchObject({ name: 'unknown', tls: false });
    const ctx = checkContext({ timeoutMs: TIMEOUT, maxBytes: MAX_BYTES });
    for (const tls of [false, true]) {
      expect(await runChecks(httpTarget(HOST, server.port, tls), ctx, { safe: false, lang: 'en', checks: FIRST_CUT })).toEqual({ findings: [], skipped: [] });
    }
  });

  it('a server that closes mid-reply: the partial reply is marked truncated and proves nothing', async () => {
    const server = await serve(closesMidReply);
    const info = await identify(HOST, server.port, { timeoutMs: TIMEOUT, maxBytes: MAX_BYTES });
    expect(info).toMatchObject({ name: 'http', product: 'half' });
    const ctx = checkContext({ timeoutMs: TIMEOUT, maxBytes: MAX_BYTES });
    const reply = await httpGet(httpTarget(HOST, server.port, false), ctx, '/');
    expect(reply).toMatchObject({ status: 200, truncated: true });
    expect(await documentListing.run(httpTarget(HOST, server.port, false), ctx)).toEqual([]);
  });

  it('inside TLS too: an endless stream stops at the byte limit, a hang-up mid-handshake is an error', async () => {
    const flood = await serve(endless(Buffer.alloc(16 * 1024, 'B')), { tls: true });
    const result = await exchange({ host: HOST, port: flood.port, tls: true, payload: Buffer.from('GET / HTTP/1.0\r\n\r\n'), timeoutMs: TIMEOUT, maxBytes: MAX_BYTES });
    expect(result).toMatchObject({ end: 'limit', connected: true });
    expect(result.reply.length).toBe(MAX_BYTES);

    // Answers the ClientHello with half a TLS record header, then hangs up.
    const hangup = await serve((socket) => socket.once('data', () => socket.end(Buffer.from([0x16, 0x03]))));
    const cut = await exchange({ host: HOST, port: hangup.port, tls: true, payload: null, timeoutMs: TIMEOUT, maxBytes: MAX_BYTES });
    expect(cut.connected).toBe(false);
    expect(['error', 'closed']).toContain(cut.end);
    expect(await identify(HOST, hangup.port, { timeoutMs: TIMEOUT, maxBytes: MAX_BYTES })).toMatchObject({ name: 'unknown', tls: false });
  });

  it('an abort ends an exchange at once', async () => {
    const server = await serve(silent);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const result = await exchange({ host: HOST, port: server.port, tls: false, payload: null, timeoutMs: 10_000, maxBytes: MAX_BYTES, signal: controller.signal });
    expect(result.end).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
