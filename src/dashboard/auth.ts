/**
 * Who may see what: every request passes the Host check and gets the security headers; every
 * route except /login and the stylesheet needs a live session; every POST must come from the
 * dashboard's own page (Origin / Fetch metadata) and carry its token. Login attempts are
 * throttled per user name and per client address.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../core/types.js';
import type { Store } from '../store/store.js';
import { ASSET_PATH, FAVICON_PATH } from './pages.js';
import { LOGIN_COOKIE, SESSION_COOKIE, hostAllowed, sameOrigin, setSecurityHeaders, tokensEqual } from './security.js';
import { langOf, pageContext, sendError } from './context.js';
import { SessionStore, type Session, type SessionLimits } from './sessions.js';
import { LoginThrottle, type ThrottleLimits } from './throttle.js';
import { UserRepository } from './users.js';
import type { WordKey } from './texts.js';
import { loginPage } from './views/login.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
}

export interface AuthOptions {
  store: Store;
  lang: Lang;
  sessionLimits?: SessionLimits;
  throttleLimits?: ThrottleLimits;
  /** The clock of session expiry, throttling and the incidents' deadlines (tests move it). */
  now?: () => Date;
}

const PUBLIC_PATHS = new Set(['/login', ASSET_PATH, FAVICON_PATH]);
const LOGIN_TOKEN_MAX_AGE_S = 3600;

const pathOf = (request: FastifyRequest): string => request.url.split('?')[0] ?? '/';

export function registerAuth(app: FastifyInstance, opts: AuthOptions, log: (line: string) => void): void {
  const clock = opts.now ? (): number => (opts.now as () => Date)().getTime() : Date.now;
  const sessions = new SessionStore(opts.sessionLimits, clock);
  const throttle = new LoginThrottle(opts.throttleLimits, clock);
  const users = new UserRepository(opts.store);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request);
    setSecurityHeaders(reply, path === ASSET_PATH);
    if (!hostAllowed(request)) return reply.code(421).type('text/plain').send('misdirected request\n');
    request.session = sessions.get(request.cookies[SESSION_COOKIE]) ?? null;
    // A user removed with `praxiswache user remove` is logged out at the next request.
    if (request.session && !(await users.get(request.session.user))) {
      sessions.destroyUser(request.session.user);
      request.session = null;
    }
    if (request.method === 'POST' && !sameOrigin(request)) return sendError(request, reply, 403, 'forbidden', opts.lang);
    if (PUBLIC_PATHS.has(path) || request.session) return;
    // Scripts read the API with the token of `praxiswache user token NAME`; pages need a login.
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (path.startsWith('/api/') && request.method === 'GET' && bearer && (await users.authenticateToken(bearer))) return;
    if (path.startsWith('/api/')) return reply.code(401).header('www-authenticate', 'Bearer realm="praxiswache"').send({ error: 'login required' });
    if (request.method === 'GET' || request.method === 'HEAD') return reply.redirect(`/login${request.cookies[SESSION_COOKIE] ? `?ended=1` : ''}`, 303);
    return sendError(request, reply, 401, 'sessionEnded', opts.lang);
  });

  // Every other POST carries the session's CSRF token (forms put it in a hidden field).
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || pathOf(request) === '/login') return;
    const token = (request.body as Record<string, unknown> | undefined)?.csrf;
    if (!tokensEqual(typeof token === 'string' ? token : undefined, request.session?.csrf)) return sendError(request, reply, 403, 'forbidden', opts.lang);
  });

  const showLogin = (request: FastifyRequest, reply: FastifyReply, status: number, message?: { key: WordKey; error: boolean }): FastifyReply => {
    // Keep a token the browser already has: its favicon request or a second tab also lands
    // here, and a fresh token would invalidate the form on screen.
    const held = request.cookies[LOGIN_COOKIE];
    const token = held && /^[A-Za-z0-9_-]{43}$/.test(held) ? held : randomBytes(32).toString('base64url');
    reply.setCookie(LOGIN_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/login', maxAge: LOGIN_TOKEN_MAX_AGE_S });
    return reply.code(status).type('text/html; charset=utf-8').send(loginPage(pageContext(request, opts.lang), token, message));
  };

  app.get('/login', async (request, reply) => {
    if (request.session) return reply.redirect('/', 303);
    const q = request.query as Record<string, unknown>;
    return showLogin(request, reply, 200, q.ended ? { key: 'sessionEnded', error: false } : q.out ? { key: 'loggedOut', error: false } : undefined);
  });

  app.post('/login', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const user = typeof body.user === 'string' ? body.user.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    if (!tokensEqual(typeof body.token === 'string' ? body.token : undefined, request.cookies[LOGIN_COOKIE])) {
      return showLogin(request, reply, 403, { key: 'forbidden', error: true });
    }
    const ip = request.ip;
    if (throttle.retryAfterMs(user, ip) > 0) {
      reply.header('retry-after', String(Math.ceil(throttle.retryAfterMs(user, ip) / 1000)));
      return showLogin(request, reply, 429, { key: 'loginThrottled', error: true });
    }
    const found = user && password ? await users.authenticate(user, password) : undefined;
    if (!found) {
      throttle.fail(user, ip);
      log(`login failed for ${JSON.stringify(user.slice(0, 64))} from ${ip}`);
      return showLogin(request, reply, 401, { key: 'loginFailed', error: true });
    }
    throttle.succeed(user);
    sessions.destroy(request.cookies[SESSION_COOKIE]);
    const session = sessions.create(found.name);
    reply.clearCookie(LOGIN_COOKIE, { path: '/login' });
    reply.setCookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'strict', path: '/' });
    const { langInUrl, lang } = langOf(request, opts.lang);
    return reply.redirect(langInUrl ? `/?lang=${lang}` : '/', 303);
  });

  app.post('/logout', async (request, reply) => {
    sessions.destroy(request.session?.token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login?out=1', 303);
  });
}
