/**
 * The request checks the dashboard makes before any handler runs: which Host it answers to
 * (DNS rebinding), whether a POST comes from its own pages (Origin / Fetch metadata and a
 * token), and the response headers that keep pages out of frames, caches and foreign scripts.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'praxiswache_session';
export const LOGIN_COOKIE = 'praxiswache_login';

export const PAGE_CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

/**
 * A CSP for the printable notices of respond/: they carry their own <style> so they stay
 * self-contained when saved; that one block is allowed by its hash, nothing else.
 */
export function documentCsp(documentHtml: string): string {
  const styles = [...documentHtml.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1] ?? '').digest('base64')}'`);
  return `default-src 'none'; style-src ${styles.join(' ') || "'none'"}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

export function setSecurityHeaders(reply: FastifyReply, cacheable: boolean): void {
  reply.header('content-security-policy', PAGE_CSP);
  reply.header('x-frame-options', 'DENY');
  reply.header('x-content-type-options', 'nosniff');
  // Not no-referrer: with it Chromium sends "Origin: null" on the dashboard's own form posts.
  reply.header('referrer-policy', 'same-origin');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  reply.header('cache-control', cacheable ? 'public, max-age=3600' : 'no-store');
}

function isLoopback(address: string): boolean {
  const plain = address.replace(/^::ffff:/, '');
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}

/**
 * On a loopback address only the names of that address are accepted as Host, so a web page
 * that re-points its own DNS name to 127.0.0.1 cannot talk to the dashboard. Bound to a real
 * interface (--allow-remote) the operator's own names apply and any Host is accepted.
 */
export function hostAllowed(request: FastifyRequest): boolean {
  const local = request.socket.localAddress ?? '';
  if (!isLoopback(local)) return true;
  const port = request.socket.localPort;
  const plain = local.replace(/^::ffff:/, '');
  const literal = isIP(plain) === 6 ? `[${plain}]` : plain;
  const host = (request.headers.host ?? '').toLowerCase();
  return host === `${literal}:${port}` || host === `localhost:${port}`;
}

/** A state-changing request must come from a page of this dashboard. */
export function sameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true; // not a browser, or a very old one: the token still has to match
  return origin === `http://${request.headers.host ?? ''}`;
}

export function tokensEqual(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
