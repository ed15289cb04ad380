import { describe, expect, it } from 'vitest';
import { unexpectedHttpsPort } from '../../src/checks/http/unexpected-https-port.js';
import { startDocumentServer } from '../../src/lab/document-server.js';
import { answerOnce, closeAfterEach, startTcpServer, testCert } from '../identify/tcp-fixtures.js';
import { checkContext, httpTarget } from './context.js';

const HOST = '127.13.12.2';
const track = closeAfterEach();

describe('http.unexpected-https-port', () => {
  it('reports HTTPS answering on a port outside the expected set, with the real status as proof', async () => {
    const server = await track(startDocumentServer({ host: HOST, port: 0, documents: [], tls: testCert(), serverName: 'nginx/1.14.2' }));
    const drafts = await unexpectedHttpsPort.run(httpTarget(HOST, server.port, true), checkContext());
    expect(drafts).toEqual([
      {
        evidence: {
          de: `HTTPS antwortet auf Port ${server.port} (Status 200, Server nginx/1.14.2), erwartet nur auf 443, 8443`,
          en: `HTTPS answers on port ${server.port} (status 200, server nginx/1.14.2), expected only on 443, 8443`,
        },
        personalData: false,
        key: String(server.port),
      },
    ]);
  });

  it('fixed twin: the same server on an expected port produces nothing', async () => {
    const server = await track(startDocumentServer({ host: HOST, port: 0, documents: [], tls: testCert() }));
    const ctx = checkContext({ expectedHttpsPorts: new Set([443, server.port]) });
    expect(await unexpectedHttpsPort.run(httpTarget(HOST, server.port, true), ctx)).toEqual([]);
  });

  it('a TLS service that does not speak HTTP is no proof', async () => {
    const server = await track(startTcpServer(HOST, answerOnce('* OK not http\r\n'), { tls: true }));
    const target = { host: HOST, port: server.port, service: { name: 'unknown', tls: true } };
    expect(unexpectedHttpsPort.appliesTo(target)).toBe(true);
    expect(await unexpectedHttpsPort.run(target, checkContext())).toEqual([]);
  });

  it('plain HTTP is not this check', () => {
    expect(unexpectedHttpsPort.appliesTo(httpTarget(HOST, 444, false))).toBe(false);
  });
});
