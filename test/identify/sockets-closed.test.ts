import net from 'node:net';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { exchange, identify } from '../../src/identify/index.js';
import { socketTracker, testCert } from './tcp-fixtures.js';

/**
 * identify() must leave nothing open behind it: a port scan identifies thousands of ports, and
 * every socket left to the peer's mercy costs a file descriptor and keeps the process alive.
 * The server counts the connections it still holds; our side closing shows up there as 'close'.
 */
const HOST = '127.17.1.1';

interface CountingServer {
  port: number;
  /** Connections accepted so far. */
  accepted(): number;
  /** Connections the server still holds, once the close events of this moment have run. */
  openNow(): Promise<number>;
  close(): Promise<void>;
}

const running: CountingServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** A server that accepts and never says a word (in clear, or after the TLS handshake). */
async function startSilentServer(opts: { tls?: boolean } = {}): Promise<CountingServer> {
  const sockets = socketTracker();
  let accepted = 0;
  const hold = (socket: net.Socket): void => {
    accepted++;
    sockets.hold(socket);
  };
  const server = opts.tls ? tls.createServer({ ...testCert() }, hold) : net.createServer(hold);
  // Count at the TCP level too: a TLS server hears of a connection only after the handshake.
  if (opts.tls) server.on('connection', hold);
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen({ host: HOST, port: 0, exclusive: true }, resolve));
  const counting: CountingServer = {
    port: (server.address() as net.AddressInfo).port,
    accepted: () => accepted,
    openNow: () => sockets.openNow(),
    close: () =>
      new Promise((done) => {
        sockets.destroyAll();
        server.close(() => done());
      }),
  };
  running.push(counting);
  return counting;
}

describe('identify leaves no socket open', () => {
  it('silent plain server: every connection is closed when identify resolves', async () => {
    const server = await startSilentServer();
    const info = await identify(HOST, server.port, { timeoutMs: 400, maxBytes: 4096 });
    expect(info.name).toBe('unknown');
    expect(server.accepted()).toBeGreaterThanOrEqual(2);
    expect(await server.openNow()).toBe(0);
  });

  it('silent TLS server (handshake done, then nothing): raw and TLS sockets are closed', async () => {
    const server = await startSilentServer({ tls: true });
    const info = await identify(HOST, server.port, { timeoutMs: 400, maxBytes: 4096 });
    expect(info).toMatchObject({ name: 'unknown', tls: true });
    expect(await server.openNow()).toBe(0);
  });

  it('budget expiry in the middle of an exchange closes the connection', async () => {
    const server = await startSilentServer();
    const started = Date.now();
    await identify(HOST, server.port, { timeoutMs: 2000, maxBytes: 4096, budgetMs: 300 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await server.openNow()).toBe(0);
  });

  it('abort in the middle of an exchange closes the connection', async () => {
    const server = await startSilentServer();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    await identify(HOST, server.port, { timeoutMs: 2000, maxBytes: 4096, signal: controller.signal });
    expect(server.accepted()).toBeGreaterThanOrEqual(1);
    expect(await server.openNow()).toBe(0);
  });

  it('abort during a TLS exchange closes the connection', async () => {
    const server = await startSilentServer({ tls: true });
    const controller = new AbortController();
    const pending = exchange({
      host: HOST,
      port: server.port,
      tls: true,
      payload: null,
      timeoutMs: 2000,
      maxBytes: 1024,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 150);
    expect((await pending).end).toBe('aborted');
    expect(await server.openNow()).toBe(0);
  });
});
