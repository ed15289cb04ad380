import type net from 'node:net';
import { describe, expect, it } from 'vitest';
import { identify, NULL_HEAD_START_MS } from '../../src/identify/identify.js';
import { closeAfterEach, startTcpServer, type ConnectionHandler } from './tcp-fixtures.js';

/**
 * On a port without a hint, identification listens first and asks on connections of its own once
 * the head start is over. Silent ports must get cheaper without losing services that greet late.
 */
const HOST = '127.17.2.1';
// The scan's own time limit per exchange: the NULL probe then listens its full 1.5 s.
const SCAN_LIMITS = { timeoutMs: 5000, maxBytes: 16 * 1024 };
// Room for a busy CI machine; the sequential plan overshoots these bounds by seconds.
const SLACK_MS = 700;
const track = closeAfterEach();

/** Greets `delayMs` after each connection, like a mail server doing its reverse DNS lookup first; hangs up on input after that. */
function lateGreeting(banner: string | Buffer, delayMs: number, connections: net.Socket[]): ConnectionHandler {
  return (socket, count) => {
    connections.push(socket);
    const bytes = Buffer.isBuffer(banner) ? banner : Buffer.from(banner, 'latin1');
    const timer = setTimeout(() => {
      count(bytes.length);
      socket.write(bytes);
      socket.once('data', () => socket.end());
    }, delayMs);
    socket.on('close', () => clearTimeout(timer));
  };
}

function mysqlGreeting(version: string): Buffer {
  const body = Buffer.concat([Buffer.from([0x0a]), Buffer.from(`${version}\0`, 'latin1'), Buffer.alloc(40, 1)]);
  return Buffer.concat([Buffer.from([body.length, 0, 0, 0]), body]);
}

describe('identify: the opening wave on ports without a hint', () => {
  it('a silent port costs about one time limit, not one per step', async () => {
    const silent = await track(startTcpServer(HOST, () => undefined));
    const started = Date.now();
    const info = await identify(HOST, silent.port, { timeoutMs: 1000, maxBytes: 4096 });
    const elapsed = Date.now() - started;
    expect(info).toEqual({ name: 'unknown', tls: false });
    // Sequentially: 1000 (listen) + 1000 (handshake) + 1000 (GET) = 3000.
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(1000 + NULL_HEAD_START_MS + SLACK_MS);
  });

  it.each([
    ['ssh', 'SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n', { name: 'ssh', product: 'OpenSSH', version: '9.6p1' }],
    ['ftp', '220 (vsFTPd 3.0.5)\r\n', { name: 'ftp', product: 'vsftpd', version: '3.0.5' }],
    ['smtp', '220 mail.praxis.example ESMTP Postfix (Debian/GNU)\r\n', { name: 'smtp' }],
    ['mysql', mysqlGreeting('8.0.39'), { name: 'mysql', product: 'MySQL', version: '8.0.39' }],
  ] as const)('%s greeting one second late is still read from the greeting', async (_, banner, expected) => {
    const connections: net.Socket[] = [];
    const server = await track(startTcpServer(HOST, lateGreeting(banner, 1000, connections)));
    const info = await identify(HOST, server.port, SCAN_LIMITS);
    expect(info).toMatchObject({ ...expected, tls: false });
    // The listening connection and at most the two early questions.
    expect(connections.length).toBeLessThanOrEqual(3);
  });

  it('a service that greets at once costs one connection: nothing starts before the head start is over', async () => {
    const connections: net.Socket[] = [];
    const server = await track(startTcpServer(HOST, lateGreeting('SSH-2.0-dropbear_2022.83\r\n', 0, connections)));
    const started = Date.now();
    expect(await identify(HOST, server.port, SCAN_LIMITS)).toMatchObject({ name: 'ssh', product: 'dropbear' });
    expect(Date.now() - started).toBeLessThan(NULL_HEAD_START_MS + SLACK_MS);
    expect(connections).toHaveLength(1);
  });
});
