import http from 'node:http';
import type net from 'node:net';
import { describe, expect, it } from 'vitest';
import { identify, planSteps, PROBES } from '../../src/identify/index.js';
import { startDocumentServer } from '../../src/lab/document-server.js';
import { answerOnce, closeAfterEach, greet, startTcpServer, testCert } from './tcp-fixtures.js';

const HOST = '127.13.11.1';
const LIMITS = { timeoutMs: 2000, maxBytes: 8192 };
// Room for a busy CI machine; a hang would overshoot by seconds.
const SLACK_MS = 1200;
const track = closeAfterEach();

describe('identify: real in-process servers', () => {
  it('plain HTTP: service http with product and version from the Server header', async () => {
    const server = http.createServer((_, res) => res.setHeader('Server', 'Apache/2.4.62 (Debian)').end('hello'));
    await new Promise<void>((r) => server.listen(0, HOST, r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const info = await identify(HOST, port, LIMITS);
      expect(info).toMatchObject({ name: 'http', tls: false, product: 'Apache', version: '2.4.62' });
      expect(info.banner).toBe('HTTP/1.1 200 OK');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('HTTPS on an odd port is found by the handshake, and HTTP inside it', async () => {
    const server = await track(
      startDocumentServer({ host: HOST, port: 0, documents: [], tls: testCert(), serverName: 'nginx/1.24.0' }),
    );
    const info = await identify(HOST, server.port, LIMITS);
    expect(info).toMatchObject({ name: 'http', tls: true, product: 'nginx', version: '1.24.0' });
  });

  it('SSH, FTP and MySQL greetings are read by the NULL probe', async () => {
    const ssh = await track(startTcpServer(HOST, greet('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n')));
    const ftp = await track(startTcpServer(HOST, greet('220 (vsFTPd 3.0.3)\r\n')));
    const version = Buffer.from('8.0.36\0', 'latin1');
    const body = Buffer.concat([Buffer.from([0x0a]), version, Buffer.alloc(40, 1)]);
    const mysqlGreeting = Buffer.concat([Buffer.from([body.length, 0, 0, 0]), body]);
    const mysql = await track(startTcpServer(HOST, greet(mysqlGreeting)));

    expect(await identify(HOST, ssh.port, LIMITS)).toMatchObject({ name: 'ssh', product: 'OpenSSH', version: '9.2p1', tls: false });
    expect(await identify(HOST, ftp.port, LIMITS)).toMatchObject({ name: 'ftp', product: 'vsftpd', version: '3.0.3' });
    expect(await identify(HOST, mysql.port, LIMITS)).toMatchObject({ name: 'mysql', product: 'MySQL', version: '8.0.36' });
  });

  it('ports only order the probes: SSH on 8443 is ssh, HTTPS on 3306 is http over TLS', async () => {
    const ssh = await track(startTcpServer('127.13.11.2', greet('SSH-2.0-dropbear_2022.83\r\n'), { port: 8443 }));
    const https = await track(startDocumentServer({ host: '127.13.11.2', port: 3306, documents: [], tls: testCert() }));
    expect(await identify(ssh.host, ssh.port, LIMITS)).toMatchObject({ name: 'ssh', product: 'dropbear', tls: false });
    expect(await identify(https.host, https.port, LIMITS)).toMatchObject({ name: 'http', tls: true });
  });

  it('HTTPS on port 80 that answers plain requests with "use HTTPS" is still found as HTTP over TLS', async () => {
    const hint = 'HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n\r\nThe plain HTTP request was sent to HTTPS port';
    const tlsServer = await track(startTcpServer('127.13.11.3', answerOnce('HTTP/1.0 200 OK\r\nServer: inner\r\n\r\n'), { tls: true, port: 80 }));
    const plainServer = await track(startTcpServer('127.13.11.4', answerOnce(hint), { port: 80 }));
    expect(await identify(tlsServer.host, 80, LIMITS)).toMatchObject({ name: 'http', tls: true, product: 'inner' });
    // Plain only: the hint is all there is, so the service is what the hint shows.
    expect(await identify(plainServer.host, 80, LIMITS)).toMatchObject({ name: 'unknown', tls: false, banner: 'HTTP/1.1 400 Bad Request' });
  });

  it('a silent service is unknown, within the bound of its probes', async () => {
    const silent = await track(startTcpServer(HOST, () => undefined));
    const started = Date.now();
    const info = await identify(HOST, silent.port, { timeoutMs: 800, maxBytes: 4096 });
    expect(info).toEqual({ name: 'unknown', tls: false });
    // NULL wait + TLS handshake + HTTP request, each capped at 800 ms; then it gives up (two silent asks).
    expect(Date.now() - started).toBeLessThan(3 * 800 + SLACK_MS);
  });

  it('a TLS service that stays silent after the handshake is unknown but tls', async () => {
    // On port 80 the plain GET goes first (the TLS server rejects it); the handshake then succeeds and nothing follows.
    const quiet = await track(startTcpServer('127.13.11.5', () => undefined, { tls: true, port: 80 }));
    expect(await identify(quiet.host, 80, { timeoutMs: 600, maxBytes: 4096 })).toEqual({ name: 'unknown', tls: true });
  });

  it('a TLS service that is not HTTP is unknown but tls', async () => {
    const junk = await track(startTcpServer(HOST, answerOnce('\x00\x01garbage\x02'), { tls: true }));
    expect(await identify(HOST, junk.port, LIMITS)).toMatchObject({ name: 'unknown', tls: true });
  });

  it('garbage in clear is unknown with a printable, capped banner', async () => {
    const junk = await track(startTcpServer(HOST, greet(Buffer.concat([Buffer.from('\x07\x00ZZ junk '), Buffer.alloc(500, 0x41)]))));
    const info = await identify(HOST, junk.port, LIMITS);
    expect(info.name).toBe('unknown');
    expect(info.tls).toBe(false);
    expect(info.banner).toMatch(/^ZZ junk A+$/);
    expect(info.banner!.length).toBeLessThanOrEqual(120);
  });

  it('a closed port is unknown at once', async () => {
    const gone = await startTcpServer(HOST, () => undefined);
    await gone.close();
    const started = Date.now();
    expect(await identify(HOST, gone.port, LIMITS)).toEqual({ name: 'unknown', tls: false });
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('identify: the probe plan', () => {
  it('listens before the TLS handshake and asks after it, except where the port suggests TLS or HTTP', () => {
    const firstCut = PROBES.filter((p) => p.name === 'null' || p.name === 'http-get');
    const plan = (port: number) => planSteps(firstCut, port).map((s) => `${s.transport}:${s.probe.name}`);
    expect(plan(444)).toEqual(['plain:null', 'tls:http-get', 'plain:http-get']);
    expect(plan(443)).toEqual(['tls:http-get', 'plain:http-get', 'plain:null']);
    expect(plan(80)).toEqual(['plain:http-get', 'tls:http-get', 'plain:null']);
    expect(plan(22)).toEqual(['plain:null', 'tls:http-get', 'plain:http-get']);
  });
});
