import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { RunningServer } from './document-server.js';
import { closeServer, listenOn } from './listen.js';

/**
 * A tiny JSON web API for lab fixtures (Orthanc-like REST, FHIR): routes map a path (without
 * query) to a JSON value or a function of the query. Optional basic auth models the fixed twin;
 * unknown paths get 404 like a real API, never a 200 soft page.
 */
/** A JSON value, or a function of the query string giving one. */
export type JsonRoute = unknown;

export interface JsonApiOptions {
  host: string;
  port: number;
  routes: ReadonlyMap<string, JsonRoute>;
  contentType?: string;
  serverName?: string;
  auth?: { user: string; password: string };
}

export async function startJsonApi(opts: JsonApiOptions): Promise<RunningServer> {
  const server = http.createServer((req, res) => {
    res.setHeader('Server', opts.serverName ?? 'lab');
    if (opts.auth && !basicAuthOk(req.headers.authorization, opts.auth)) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="lab"', 'Content-Type': 'text/plain' });
      res.end('Unauthorized');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://lab');
    const route = opts.routes.get(url.pathname);
    if (route === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found');
      return;
    }
    const body: unknown = typeof route === 'function' ? (route as (q: URLSearchParams) => unknown)(url.searchParams) : route;
    res.writeHead(200, { 'Content-Type': opts.contentType ?? 'application/json' });
    res.end(JSON.stringify(body));
  });
  const port = await listenOn(server, opts.host, opts.port);
  return { host: opts.host, port, close: () => closeServer(server) };
}

function basicAuthOk(header: string | undefined, auth: { user: string; password: string }): boolean {
  const given = Buffer.from(header?.startsWith('Basic ') ? header.slice(6) : '', 'base64');
  const expected = Buffer.from(`${auth.user}:${auth.password}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
