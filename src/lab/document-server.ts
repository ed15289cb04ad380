import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { FakeDocument } from './fake-documents.js';
import { closeServer, listenOn } from './listen.js';
import type { SelfSignedCert } from './self-signed-cert.js';

/**
 * A practice's document server as found in the field: an nginx-style autoindex over a folder
 * tree of documents, optionally behind HTTP basic auth, over HTTPS or plain HTTP.
 */
export interface DocumentServerOptions {
  host: string;
  port: number;
  documents: readonly FakeDocument[];
  tls?: SelfSignedCert;
  auth?: { user: string; password: string };
  /** The Server header; practices' boxes announce themselves. */
  serverName?: string;
}

export interface RunningServer {
  host: string;
  /** The port actually bound (may differ from the requested one, see listenOn). */
  port: number;
  close(): Promise<void>;
}

export async function startDocumentServer(opts: DocumentServerOptions): Promise<RunningServer> {
  const files = new Map(opts.documents.map((d) => [`/${d.path}`, d.content]));
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    res.setHeader('Server', opts.serverName ?? 'nginx');
    if (opts.auth && !authorized(req.headers.authorization, opts.auth)) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="Praxis"', 'Content-Type': 'text/html' });
      res.end('<html><head><title>401 Authorization Required</title></head><body><h1>401 Authorization Required</h1></body></html>');
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://lab').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = files.get(path);
    if (file) {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': file.length });
      res.end(req.method === 'HEAD' ? undefined : file);
      return;
    }
    const listing = path.endsWith('/') ? listFolder(path, opts.documents) : null;
    if (!listing) {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(listing);
  };
  const server = opts.tls ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, handler) : http.createServer(handler);
  const port = await listenOn(server, opts.host, opts.port);
  return { host: opts.host, port, close: () => closeServer(server) };
}

function authorized(header: string | undefined, auth: { user: string; password: string }): boolean {
  const given = Buffer.from(header?.startsWith('Basic ') ? header.slice(6) : '', 'base64');
  const expected = Buffer.from(`${auth.user}:${auth.password}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** nginx-style autoindex of one folder; null when the folder does not exist. */
function listFolder(folder: string, documents: readonly FakeDocument[]): string | null {
  const prefix = folder.slice(1);
  const entries = new Set<string>();
  for (const d of documents) {
    if (!d.path.startsWith(prefix)) continue;
    const rest = d.path.slice(prefix.length);
    const slash = rest.indexOf('/');
    entries.add(slash === -1 ? rest : rest.slice(0, slash + 1));
  }
  if (entries.size === 0 && folder !== '/') return null;
  const rows = [...entries]
    .sort()
    .map((e) => `<a href="${encodeURIComponent(e.replace(/\/$/, ''))}${e.endsWith('/') ? '/' : ''}">${escapeHtml(e)}</a>    04-Mar-2019 10:12    -`);
  return (
    `<html>\r\n<head><title>Index of ${escapeHtml(folder)}</title></head>\r\n<body>\r\n` +
    `<h1>Index of ${escapeHtml(folder)}</h1><hr><pre><a href="../">../</a>\r\n${rows.join('\r\n')}\r\n</pre><hr></body>\r\n</html>\r\n`
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
