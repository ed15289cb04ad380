import { describe, expect, it } from 'vitest';
import { evidenceIn } from '../../src/checks/evidence.js';
import { documentListing } from '../../src/checks/http/document-listing.js';
import { startDocumentServer } from '../../src/lab/document-server.js';
import { FAKE_SURNAMES, fakeDocuments } from '../../src/lab/fake-documents.js';
import { answerOnce, closeAfterEach, startTcpServer, testCert } from '../identify/tcp-fixtures.js';
import { checkContext, httpTarget } from './context.js';

const HOST = '127.13.12.1';
const documents = fakeDocuments(10);
const track = closeAfterEach();

function htmlReply(body: string): string {
  return `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

describe('http.document-listing', () => {
  it('finds an open listing over HTTPS: counts per type and masked names only', async () => {
    const server = await track(startDocumentServer({ host: HOST, port: 0, documents, tls: testCert() }));
    const drafts = await documentListing.run(httpTarget(HOST, server.port, true), checkContext());
    expect(drafts).toHaveLength(1);
    const evidence = evidenceIn(drafts[0]!.evidence, 'en');
    expect(evidence).toMatch(/10 documents without authentication: 3 pdf, 3 word, 2 dicom, 2 scan/);
    expect(evidence).toContain('at / and 4 subdirectories');
    expect(evidence).toMatch(/e\.g\. …\(\d+\)\.\w+/);
    const german = evidenceIn(drafts[0]!.evidence, 'de');
    expect(german).toMatch(/^Verzeichnisliste \([^)]+\) unter \/ und 4 Unterordnern: 10 Dokumente ohne Anmeldung: 3 PDF, 3 Word-Dateien, 2 DICOM, 2 Scans; z\. B\. …\(\d+\)\.\w+/);
    expect(drafts[0]!.personalData).toBe(true);
    for (const name of [...FAKE_SURNAMES, 'Befund', 'Arztbrief', 'befunde', 'roentgen']) {
      expect(evidence).not.toContain(name);
      expect(german).not.toContain(name);
    }
  });

  it('finds it over plain HTTP too', async () => {
    const server = await track(startDocumentServer({ host: HOST, port: 0, documents }));
    expect(await documentListing.run(httpTarget(HOST, server.port, false), checkContext())).toHaveLength(1);
  });

  it('fixed twin: the same documents behind basic auth produce nothing', async () => {
    const auth = { user: 'praxis', password: 'correct horse' };
    const server = await track(startDocumentServer({ host: HOST, port: 0, documents, tls: testCert(), auth }));
    expect(await documentListing.run(httpTarget(HOST, server.port, true), checkContext())).toEqual([]);
  });

  it('a soft-404 server answering every path with a listing of documents produces nothing', async () => {
    const page = '<html><head><title>Index of /</title></head><body><h1>Index of /</h1><pre><a href="../">../</a>\n<a href="Befund_1.pdf">Befund_1.pdf</a>\n<a href="scan.tif">scan.tif</a></pre></body></html>';
    const server = await track(startTcpServer(HOST, answerOnce(htmlReply(page))));
    expect(await documentListing.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });

  it('a listing without documents produces nothing', async () => {
    const page = '<html><head><title>Index of /</title></head><body><h1>Index of /</h1><pre><a href="../">../</a>\n<a href="style.css">style.css</a>\n<a href="logo.png">logo.png</a></pre></body></html>';
    const server = await track(startTcpServer(HOST, (socket, count) => {
      socket.once('data', (req) => {
        const reply = req.toString('latin1').startsWith('GET / ') ? htmlReply(page) : 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n';
        count(reply.length);
        socket.end(reply);
      });
    }));
    expect(await documentListing.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });

  it('a practice website linking a PDF brochure (no listing markup) produces nothing', async () => {
    const page = '<html><head><title>Praxis Dr. Beispiel</title></head><body><a href="flyer.pdf">Flyer</a> <a href="/anfahrt.pdf">Anfahrt</a></body></html>';
    const server = await track(startTcpServer(HOST, (socket, count) => {
      socket.once('data', (req) => {
        const path = req.toString('latin1').split(' ')[1] ?? '';
        const reply = path === '/' ? htmlReply(page) : path.endsWith('.pdf') ? htmlReply('%PDF-1.4') : 'HTTP/1.1 404 Not Found\r\n\r\n';
        count(reply.length);
        socket.end(reply);
      });
    }));
    expect(await documentListing.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });

  it('finds a listing in a usual document folder when / is a normal page', async () => {
    const server = await track(startTcpServer(HOST, (socket, count) => {
      socket.once('data', (req) => {
        const path = req.toString('latin1').split(' ')[1] ?? '';
        const listing = '<html><head><title>Index of /befunde/</title></head><body><pre><a href="../">../</a>\n<a href="Befund_Quellmann.pdf">Befund_Quellmann.pdf</a></pre></body></html>';
        const reply =
          path === '/' ? htmlReply('<html><title>Praxis</title></html>')
          : path === '/befunde/' ? htmlReply(listing)
          : path === '/befunde/Befund_Quellmann.pdf' ? htmlReply('%PDF-1.4')
          : 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n';
        count(reply.length);
        socket.end(reply);
      });
    }));
    const drafts = await documentListing.run(httpTarget(HOST, server.port, false), checkContext());
    expect(drafts.map((d) => d.evidence)).toEqual([
      {
        de: 'Verzeichnisliste (apache/nginx/lighttpd) in 1 Ordner unterhalb von /: 1 Dokument ohne Anmeldung: 1 PDF; z. B. …(20).pdf',
        en: 'listing (apache/nginx/lighttpd) in 1 folder below /: 1 document without authentication: 1 pdf; e.g. …(20).pdf',
      },
    ]);
  });

  it('a listing whose documents are not handed out (403) produces nothing; one refusing only HEAD still does', async () => {
    const listing = '<html><head><title>Index of /</title></head><body><pre><a href="../">../</a>\n<a href="Befund_Quellmann.pdf">Befund_Quellmann.pdf</a></pre></body></html>';
    const serve = (documentStatus: (method: string) => string) =>
      track(startTcpServer(HOST, (socket, count) => {
        socket.once('data', (req) => {
          const [method = '', path = ''] = req.toString('latin1').split(' ');
          const reply = path === '/' ? htmlReply(listing) : path.endsWith('.pdf') ? documentStatus(method) : 'HTTP/1.1 404 Not Found\r\n\r\n';
          count(reply.length);
          socket.end(reply);
        });
      }));
    const forbidden = await serve(() => 'HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
    expect(await documentListing.run(httpTarget(HOST, forbidden.port, false), checkContext())).toEqual([]);
    const noHead = await serve((m) => (m === 'HEAD' ? 'HTTP/1.1 405 Method Not Allowed\r\n\r\n' : htmlReply('%PDF-1.4')));
    expect(await documentListing.run(httpTarget(HOST, noHead.port, false), checkContext())).toHaveLength(1);
  });

  it('applies to HTTP services only', () => {
    expect(documentListing.appliesTo(httpTarget(HOST, 1, true))).toBe(true);
    expect(documentListing.appliesTo({ host: HOST, port: 22, service: { name: 'ssh', tls: false } })).toBe(false);
  });
});
