// A TCP listener on a test address that accepts and closes at once: an open port with nothing behind it.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ensureBuilt } from './harness.js';

export interface ClosingListener {
  port: number;
  close(): Promise<void>;
}

export async function openClosingListener(host: string): Promise<ClosingListener> {
  const sockets = new Set<Socket>();
  // The scanner may reset the connection; that is its business, not an error of this listener.
  const server = createServer((socket) => {
    sockets.add(socket.on('error', () => undefined).on('close', () => sockets.delete(socket)));
    socket.end();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface CliFixture {
  /** A fresh data directory (the SQLite store) for this test file. */
  data: string;
  /** The port of a closing listener on the given host. */
  port: number;
}

/** Registers beforeAll/afterAll: the CLI built, a temporary data directory, a listener on host. */
export function useCliFixture(host: string, prefix: string): CliFixture {
  const fixture: CliFixture = { data: '', port: 0 };
  let listener: ClosingListener | undefined;
  beforeAll(async () => {
    ensureBuilt();
    fixture.data = mkdtempSync(join(tmpdir(), prefix));
    listener = await openClosingListener(host);
    fixture.port = listener.port;
  }, 120_000);
  afterAll(async () => {
    await listener?.close();
    rmSync(fixture.data, { recursive: true, force: true });
  });
  return fixture;
}
