import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { RunningServer } from './document-server.js';
import { closeServer, listenOn } from './listen.js';

/**
 * A Symfony-like appointment application as dubidoc ran it in 2022: debug mode on, so every
 * response carries X-Debug-Token and the web profiler lists recorded requests and prints the
 * environment (with the database and mail DSNs) in its phpinfo panel. With `debug: false` it
 * is the fixed twin: same application, profiler gone. All credentials are synthetic.
 */
export interface ProfilerServerOptions {
  host: string;
  port: number;
  debug: boolean;
  /** Environment shown by the phpinfo panel, e.g. DATABASE_URL (synthetic values only). */
  environment: Record<string, string>;
}

export async function startProfilerServer(opts: ProfilerServerOptions): Promise<RunningServer> {
  const tokens = Array.from({ length: 10 }, () => randomBytes(3).toString('hex'));
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    res.setHeader('Server', 'Apache/2.4.54 (Debian)');
    res.setHeader('X-Powered-By', 'PHP/8.1.12');
    const token = tokens[0] ?? '000000';
    if (opts.debug) {
      res.setHeader('X-Debug-Token', token);
      res.setHeader('X-Debug-Token-Link', `/_profiler/${token}`);
    }
    const page = opts.debug ? profilerRoute(path, tokens, opts.environment) : null;
    if (page) return send(res, 200, page);
    if (path === '/') return send(res, 200, appointmentPage(opts.debug));
    send(res, 404, '<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Oops! An Error Occurred</h1></body></html>');
  });
  const port = await listenOn(server, opts.host, opts.port);
  return { host: opts.host, port, close: () => closeServer(server) };
}

function send(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=UTF-8' });
  res.end(html);
}

function profilerRoute(path: string, tokens: string[], environment: Record<string, string>): string | null {
  if (path === '/_profiler' || path === '/_profiler/latest' || path === '/_profiler/empty/search/results') return tokenList(tokens);
  if (path === '/_profiler/phpinfo') return phpinfoPage(environment);
  return null;
}

function appointmentPage(debug: boolean): string {
  const toolbar = debug ? '<div id="sfwdt" class="sf-toolbar sf-display-none" role="region"></div>' : '';
  return `<!DOCTYPE html><html><head><title>Online-Terminbuchung</title></head><body><h1>Termin buchen</h1>${toolbar}</body></html>`;
}

function tokenList(tokens: string[]): string {
  const rows = tokens
    .map((t, i) => `<tr><td><a href="/_profiler/${t}">${t}</a></td><td>127.0.0.1</td><td>GET</td><td>/termine/${1000 + i}</td><td>200</td></tr>`)
    .join('\n');
  return (
    '<!DOCTYPE html><html><head><title>Symfony Profiler</title></head><body>' +
    '<div id="sf-profiler" class="sf-reset"><h2>Profile Search</h2>' +
    `<table id="search-results"><thead><tr><th>Token</th><th>IP</th><th>Method</th><th>URL</th><th>Status</th></tr></thead><tbody>\n${rows}\n</tbody></table>` +
    '</div></body></html>'
  );
}

function phpinfoPage(environment: Record<string, string>): string {
  const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const rows = Object.entries(environment)
    .map(([k, v]) => `<tr><td class="e">$_SERVER['${escape(k)}']</td><td class="v">${escape(v)}</td></tr>`)
    .join('\n');
  return (
    '<!DOCTYPE html><html><head><title>PHP 8.1.12 - phpinfo()</title></head><body><div class="center">' +
    '<table><tr class="h"><td><h1 class="p">PHP Version 8.1.12</h1></td></tr></table>' +
    '<table><tr><td class="e">System </td><td class="v">Linux termine 5.10.0 x86_64 </td></tr></table>' +
    `<h2>PHP Variables</h2><table>\n${rows}\n</table></div></body></html>`
  );
}
