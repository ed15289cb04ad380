import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { evidenceIn } from '../../../src/checks/evidence.js';
import { createTlsWeak, tlsWeak } from '../../../src/checks/tls/weak.js';
import { isPublicAddress } from '../../../src/checks/tls/certificate.js';
import { createSelfSignedCert, type SelfSignedCert } from '../../../src/lab/self-signed-cert.js';
import { closeAfterEach, startTcpServer, answerOnce } from '../../identify/tcp-fixtures.js';
import { checkContext } from '../context.js';

const HOST = '127.23.2.1';
const track = closeAfterEach();

function startTls(cert: SelfSignedCert, opts: tls.TlsOptions = {}): Promise<{ port: number; close(): Promise<void> }> {
  const server = tls.createServer({ cert: cert.cert, key: cert.key, ...opts }, (s) => s.end());
  server.on('tlsClientError', () => undefined);
  return new Promise((resolve) => {
    server.listen({ host: HOST, port: 0, exclusive: true }, () =>
      resolve({ port: (server.address() as AddressInfo).port, close: () => new Promise((done) => server.close(() => done())) }),
    );
  });
}

const target = (port: number) => ({ host: HOST, port, service: { name: 'http', tls: true } });
const everywherePublic = createTlsWeak({ isPublicAddress: () => true });

describe('tls.weak', () => {
  it('reports TLS 1.0 and 1.1 accepted and an expired certificate', async () => {
    const expired = createSelfSignedCert('alte-box', [HOST], 0);
    const server = await track(startTls(expired, { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }));
    const drafts = await tlsWeak.run(target(server.port), checkContext());
    expect(drafts.map((d) => [d.key, evidenceIn(d.evidence, 'en')])).toEqual([
      ['protocol', 'accepts TLSv1, TLSv1.1 (deprecated since RFC 8996)'],
      ['expired', expect.stringMatching(/^certificate expired on \d{4}-\d\d-\d\d$/)],
    ]);
    expect(drafts.map((d) => evidenceIn(d.evidence, 'de'))).toEqual([
      'akzeptiert TLSv1, TLSv1.1 (seit RFC 8996 veraltet)',
      expect.stringMatching(/^Zertifikat am \d{4}-\d\d-\d\d abgelaufen$/),
    ]);
  });

  it('fixed twin: TLS 1.2+ only with a valid certificate on a practice address produces nothing', async () => {
    const server = await track(startTls(createSelfSignedCert('praxis', [HOST]), { minVersion: 'TLSv1.2' }));
    expect(await tlsWeak.run(target(server.port), checkContext())).toEqual([]);
  });

  it('on a public service, self-signed and a certificate for another address are reported', async () => {
    const server = await track(startTls(createSelfSignedCert('praxis', ['127.23.2.99'])));
    const drafts = await everywherePublic.run(target(server.port), checkContext());
    expect(drafts.map((d) => d.key)).toEqual(['self-signed', 'host-mismatch']);
    expect(drafts.map((d) => d.evidence)).toEqual([
      { de: 'selbst signiertes Zertifikat', en: 'self-signed certificate' },
      { de: `Zertifikat ist nicht auf ${HOST} ausgestellt`, en: `certificate does not name ${HOST}` },
    ]);
  });

  it('a port that does not complete a handshake produces nothing', async () => {
    const server = await track(startTcpServer(HOST, answerOnce('HTTP/1.0 400 Bad Request\r\n\r\n')));
    expect(await tlsWeak.run(target(server.port), checkContext({ timeoutMs: 1000 }))).toEqual([]);
  });

  it('applies only to TLS services', () => {
    expect(tlsWeak.appliesTo({ host: HOST, port: 80, service: { name: 'http', tls: false } })).toBe(false);
  });

  it('knows practice-network addresses from public ones', () => {
    for (const a of ['10.1.2.3', '172.16.0.1', '192.168.178.1', '127.0.0.1', '169.254.1.1', '100.64.0.1', 'fd00::1', 'fe80::1', '::1']) {
      expect(isPublicAddress(a)).toBe(false);
    }
    for (const a of ['8.8.8.8', '172.32.0.1', '2001:db8::1', 'praxis.example']) expect(isPublicAddress(a)).toBe(true);
  });
});

describe('tls.weak against a hostile port', () => {
  it('a port that accepts and never answers the ClientHello ends by the time limit', async () => {
    const server = await track(startTcpServer(HOST, () => undefined));
    const started = Date.now();
    expect(await tlsWeak.run(target(server.port), checkContext({ timeoutMs: 300 }))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
