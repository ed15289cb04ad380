import net from 'node:net';
import { afterEach } from 'vitest';
import tls from 'node:tls';
import { createSelfSignedCert, type SelfSignedCert } from '../../src/lab/self-signed-cert.js';

/** A raw TCP (or TLS) test server on one of our own 127.13.x.y addresses; port 0 = any free port. */
export interface TestServer {
  host: string;
  port: number;
  /** Bytes the server managed to write (for "bounded read" assertions). */
  written(): number;
  close(): Promise<void>;
}

export type ConnectionHandler = (socket: net.Socket, count: (n: number) => void) => void;

let cert: SelfSignedCert | undefined;
export function testCert(): SelfSignedCert {
  cert ??= createSelfSignedCert('praxiswache test', ['127.13.11.1']);
  return cert;
}

export function startTcpServer(host: string, onConnection: ConnectionHandler, opts: { tls?: boolean; port?: number } = {}): Promise<TestServer> {
  let written = 0;
  const sockets = new Set<net.Socket>();
  const handle = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    onConnection(socket, (n) => (written += n));
  };
  const server = opts.tls ? tls.createServer({ ...testCert() }, handle) : net.createServer(handle);
  // A failed handshake (plain bytes sent to the TLS fixture) must not take the test process down.
  server.on('tlsClientError', () => undefined);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: opts.port ?? 0, exclusive: true }, () => {
      const address = server.address() as net.AddressInfo;
      resolve({
        host,
        port: address.port,
        written: () => written,
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Replies to the first request bytes with a fixed answer and closes. */
export function answerOnce(reply: string | Buffer): ConnectionHandler {
  return (socket, count) => {
    socket.once('data', () => {
      const bytes = Buffer.isBuffer(reply) ? reply : Buffer.from(reply, 'latin1');
      count(bytes.length);
      socket.end(bytes);
    });
  };
}

/** Greets on connect, then hangs up on whatever comes. */
export function greet(banner: string | Buffer): ConnectionHandler {
  return (socket, count) => {
    const bytes = Buffer.isBuffer(banner) ? banner : Buffer.from(banner, 'latin1');
    count(bytes.length);
    socket.write(bytes);
    socket.once('data', () => socket.end());
  };
}

/** Keeps every started server of a test file and closes them after each test. */
export function closeAfterEach(): <T extends { close(): Promise<void> }>(starting: Promise<T>) => Promise<T> {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return async (starting) => {
    const server = await starting;
    open.push(server);
    return server;
  };
}

/**
 * The sockets a test server holds, so a test can assert that identify() left none open.
 * A FIN or RST from our side reaches the server within the same loopback round trip; two turns of
 * the event loop let its 'close' handlers run. Not a sleep that hides a leak: a socket we left open
 * stays open however long we wait.
 */
export function socketTracker(): { hold(socket: net.Socket): void; openNow(): Promise<number>; destroyAll(): void } {
  const open = new Set<net.Socket>();
  return {
    hold(socket) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => undefined);
    },
    async openNow() {
      await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setImmediate(r));
      return open.size;
    },
    destroyAll() {
      for (const s of open) s.destroy();
    },
  };
}
