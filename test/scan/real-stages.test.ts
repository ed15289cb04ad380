// The real stages end to end on listeners this test opens on its own 127.12.x.y addresses,
// scanning only the ports it opened (plus one it opened and closed again).
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenPort } from '../../src/core/types.js';
import { runScan } from '../../src/scan/index.js';

const HOST = '127.12.2.1';
let http: Server;
let silent: ReturnType<typeof createTcpServer>;
let httpPort = 0;
let silentPort = 0;
let closedPort = 0;
// The silent server never closes its side; end those connections so close() can finish.
const accepted: Socket[] = [];

function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  return new Promise((resolve) => server.listen(0, HOST, () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  http = createHttpServer((_req, res) => res.end('hello'));
  silent = createTcpServer((socket) => {
    accepted.push(socket);
    socket.on('error', () => undefined);
  });
  httpPort = await listen(http);
  silentPort = await listen(silent);
  const gone = createTcpServer();
  closedPort = await listen(gone);
  await new Promise((r) => gone.close(r));
});

afterAll(async () => {
  http.closeAllConnections();
  await new Promise((r) => http.close(r));
  for (const s of accepted) s.destroy();
  await new Promise((r) => silent.close(r));
});

describe('runScan with the real stages', () => {
  it('finds the open ports, identifies HTTP, and reports nothing for the closed one', async () => {
    const opened: OpenPort[] = [];
    const report = await runScan(
      { targets: [HOST], ports: `${httpPort},${silentPort},${closedPort}`, timeoutMs: 500 },
      { onOpenPort: (p) => opened.push(p) },
    );
    expect(opened.map((p) => p.port).sort()).toEqual([httpPort, silentPort].sort());
    const ports = report.hosts[0]?.ports ?? [];
    expect(ports.map((p) => p.port)).toEqual([httpPort, silentPort].sort((a, b) => a - b));
    expect(ports.find((p) => p.port === httpPort)?.service).toMatchObject({ name: 'http', tls: false });
    expect(ports.find((p) => p.port === silentPort)?.service.name).toBe('unknown');
    expect(report.interrupted).toBe(false);
  });
});
