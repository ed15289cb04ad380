import { exchange, type ExchangeEnd } from '../identify/exchange.js';
import type { CheckContext, CheckTarget } from './types.js';

/**
 * The one HTTP client of the checks. Written on the capped exchange rather than a full client
 * so the limits are certain: the reply (headers and body) never exceeds ctx.maxBytes, the whole
 * request ends by ctx.timeoutMs, and TLS certificates are not verified (practices use
 * self-signed ones). HTTP/1.0 keeps replies un-chunked and closes the connection.
 */
export interface HttpReply {
  status: number;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** True when the byte or time limit cut the reply short. */
  truncated: boolean;
}

export interface HttpRequest {
  path: string;
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  /** Tighter byte limit than ctx.maxBytes (e.g. when only the first bytes matter). */
  maxBytes?: number;
}

export async function httpRequest(target: CheckTarget, ctx: CheckContext, req: HttpRequest): Promise<HttpReply | null> {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const headers: Record<string, string> = {
    Host: `${host}:${target.port}`,
    'User-Agent': 'praxiswache',
    Accept: '*/*',
    Connection: 'close',
    ...req.headers,
  };
  const head =
    `${req.method ?? 'GET'} ${req.path} HTTP/1.0\r\n` +
    Object.entries(headers)
      .map(([k, v]) => `${k}: ${v.replace(/[\r\n]/g, '')}\r\n`)
      .join('') +
    '\r\n';
  const result = await exchange({
    host: target.host,
    port: target.port,
    tls: target.service.tls,
    payload: Buffer.from(head, 'latin1'),
    timeoutMs: ctx.timeoutMs,
    maxBytes: Math.min(req.maxBytes ?? ctx.maxBytes, ctx.maxBytes),
    signal: ctx.signal,
  });
  return parseHttpReply(result.reply, result.end);
}

export function httpGet(target: CheckTarget, ctx: CheckContext, path: string, maxBytes?: number): Promise<HttpReply | null> {
  return httpRequest(target, ctx, { path, ...(maxBytes !== undefined ? { maxBytes } : {}) });
}

const CUT_SHORT: ReadonlySet<ExchangeEnd> = new Set(['limit', 'timeout', 'aborted', 'error']);

/** Parses a raw HTTP/1.x reply; null when it is not HTTP at all. */
export function parseHttpReply(raw: Buffer, end: ExchangeEnd): HttpReply | null {
  const headerEnd = raw.indexOf('\r\n\r\n');
  const headText = raw.subarray(0, headerEnd === -1 ? raw.length : headerEnd).toString('latin1');
  const [statusLine = '', ...lines] = headText.split('\r\n');
  const status = /^HTTP\/\d(?:\.\d)? ([1-9]\d\d)/.exec(statusLine); // three digits, the first not 0 (RFC 9110 §15)
  if (!status?.[1]) return null;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  let body = headerEnd === -1 ? Buffer.alloc(0) : raw.subarray(headerEnd + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  // A peer that hangs up early looks like a normal close; the announced length tells the difference.
  const announced = Number(headers['content-length'] ?? NaN);
  const short = Number.isFinite(announced) && body.length < announced;
  return { status: Number(status[1]), headers, body, truncated: headerEnd === -1 || short || CUT_SHORT.has(end) };
}

/** Some servers chunk even for HTTP/1.0 clients; a truncated chunk keeps what arrived. */
function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(data.subarray(lineEnd + 2, Math.min(lineEnd + 2 + size, data.length)));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
