import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An in-process web server for the web-leak checks: fixed routes, optionally a catch-all (soft-404). */
export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

export interface WebFixture {
  host: string;
  port: number;
  /** Paths requested, in order (to assert HEAD-only requests and request budgets). */
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

export function startWebFixture(host: string, routes: Record<string, Route>, catchAll?: Route | ((path: string) => Route)): Promise<WebFixture> {
  const requests: WebFixture['requests'] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path });
    const route = routes[path] ?? routes[path.split('?')[0] ?? path] ?? (typeof catchAll === 'function' ? catchAll(path) : catchAll);
    if (!route) {
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><body><h1>404 Not Found</h1></body></html>');
      return;
    }
    res.writeHead(route.status ?? 200, { 'Content-Type': 'text/plain', ...route.headers });
    res.end(req.method === 'HEAD' ? undefined : route.body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      resolve({
        host,
        port: (server.address() as AddressInfo).port,
        requests,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

export const html = (body: string, status = 200): Route => ({ status, headers: { 'Content-Type': 'text/html' }, body });
