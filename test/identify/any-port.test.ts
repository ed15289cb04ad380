import http from 'node:http';
import type net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DECIDED_GRACE_MS, identify } from '../../src/identify/identify.js';
import {
  dicom,
  MEMCACHED,
  MLLP,
  MONGODB,
  POSTGRES,
  RDP,
  redis,
  SMB2,
  startFrameServer,
  type FrameProtocol,
  type FrameServer,
} from './any-port-fixtures.js';

/**
 * "Ports only order the probes; they never decide": services that stay silent until they receive
 * a complete frame of their own protocol are identified on any port, not only on their usual one.
 */
const HOST = '127.18.1.1';
const LIMITS = { timeoutMs: 2000, maxBytes: 16 * 1024 };
const BUDGET_MS = 3 * LIMITS.timeoutMs;
// Room for a busy CI machine.
const SLACK_MS = 1000;

const running: FrameServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});
async function serve(protocol: FrameProtocol | null, opts: Parameters<typeof startFrameServer>[2] = {}): Promise<FrameServer> {
  const server = await startFrameServer(HOST, protocol, opts);
  running.push(server);
  return server;
}

const CASES = [
  ['SMB2 on 4455', SMB2, 4455, { name: 'smb', product: 'SMB2' }],
  ['RDP on 33890', RDP, 33890, { name: 'rdp' }],
  ['DICOM accepting, on an odd port', dicom('accept'), 0, { name: 'dicom', product: 'FIXTURE_PACS' }],
  ['DICOM rejecting our AE titles, on an odd port', dicom('reject'), 0, { name: 'dicom' }],
  ['HL7 MLLP on an odd port', MLLP, 0, { name: 'hl7-mllp', product: 'FIXTURE_HIS' }],
  ['Redis on an odd port', redis('none'), 0, { name: 'redis' }],
  ['Redis with requirepass on 6380', redis('requirepass'), 6380, { name: 'redis' }],
  ['PostgreSQL on an odd port', POSTGRES, 0, { name: 'postgresql', product: 'PostgreSQL' }],
  ['MongoDB on an odd port', MONGODB, 0, { name: 'mongodb', product: 'MongoDB' }],
  ['memcached on an odd port', MEMCACHED, 0, { name: 'memcached', version: '1.6.21' }],
] as const;

describe('identify: silent-until-frame services on any port', () => {
  it.each(CASES)('%s, silent on anything else', async (_, protocol, port, expected) => {
    const server = await serve(protocol, { port, onForeign: 'wait' });
    const started = Date.now();
    const info = await identify(HOST, server.port, LIMITS);
    const elapsed = Date.now() - started;
    expect(info).toMatchObject({ ...expected, tls: false });
    expect(server.answered()).toBeGreaterThanOrEqual(1);
    expect(elapsed).toBeLessThan(BUDGET_MS);
    expect(await server.openNow()).toBe(0);
  });

  it.each(CASES.filter(([, protocol]) => [SMB2, RDP, POSTGRES].includes(protocol)))(
    '%s, hanging up on anything else (like smbd)',
    async (_, protocol, port, expected) => {
      const server = await serve(protocol, { port, onForeign: 'close' });
      expect(await identify(HOST, server.port, LIMITS)).toMatchObject({ ...expected, tls: false });
      expect(await server.openNow()).toBe(0);
    },
  );

  it('a wrong port hint does not decide: SMB on port 80 is smb', async () => {
    const server = await startFrameServer('127.18.1.2', SMB2, { port: 80 });
    running.push(server);
    expect(await identify(server.host, 80, LIMITS)).toMatchObject({ name: 'smb', tls: false });
    expect(await server.openNow()).toBe(0);
  });

  it('DICOM wrapped in TLS on an odd port is dicom over TLS', async () => {
    const server = await serve(dicom('accept'), { tls: true });
    expect(await identify(HOST, server.port, LIMITS)).toMatchObject({ name: 'dicom', tls: true, product: 'FIXTURE_PACS' });
    expect(await server.openNow()).toBe(0);
  });
});

describe('identify: the first decisive reply in plan order', () => {
  // A service that answers two probes: RESP PING slowly, SMB2 NEGOTIATE at once.
  const redisAndSmb: FrameProtocol = {
    name: 'redis+smb',
    respond: (received) => {
      const asRedis = redis('none').respond(received);
      return Buffer.isBuffer(asRedis) ? asRedis : SMB2.respond(received);
    },
  };

  it('a later probe answering first does not win over an earlier one that answers within the grace', async () => {
    const server = await serve(redisAndSmb, { replyDelayMs: (reply) => (reply.toString('latin1') === '+PONG\r\n' ? 150 : 0) });
    expect(await identify(HOST, server.port, LIMITS)).toMatchObject({ name: 'redis' });
  });

  it('steps ahead that stay silent do not hold a decided answer back: SMB on 4455 at the scan time limit', async () => {
    const server = await serve(SMB2, { port: 4455 });
    const started = Date.now();
    expect(await identify(HOST, server.port, { timeoutMs: 5000, maxBytes: 16 * 1024 })).toMatchObject({ name: 'smb' });
    // Listening 1.5 s, then the sweep; the wave's handshake and GET would wait until 5.25 s.
    expect(Date.now() - started).toBeLessThan(1500 + DECIDED_GRACE_MS + SLACK_MS);
  });
});

describe('identify: what the sweep must not cost', () => {
  it('a tarpit (accepts, never speaks) is unknown within the budget and leaves nothing open', async () => {
    const tarpit = await serve(null);
    const started = Date.now();
    const info = await identify(HOST, tarpit.port, LIMITS);
    const elapsed = Date.now() - started;
    expect(info).toEqual({ name: 'unknown', tls: false });
    // The opening wave's questions wait one time limit after their head start; the sweep ends before them.
    expect(elapsed).toBeLessThan(LIMITS.timeoutMs + 250 + SLACK_MS);
    expect(tarpit.accepted()).toBeGreaterThan(3);
    expect(await tarpit.openNow()).toBe(0);
  });

  it('a web server on an odd port sees only the opening wave, no binary probes', async () => {
    const connections: net.Socket[] = [];
    const server = http.createServer((_, res) => res.setHeader('Server', 'nginx/1.24.0').end('ok'));
    server.on('connection', (socket: net.Socket) => connections.push(socket));
    await new Promise<void>((r) => server.listen(0, '127.18.1.3', r));
    try {
      const info = await identify('127.18.1.3', (server.address() as net.AddressInfo).port, LIMITS);
      expect(info).toMatchObject({ name: 'http', product: 'nginx', tls: false });
      // The listening connection, the handshake and the GET.
      expect(connections.length).toBeLessThanOrEqual(3);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
