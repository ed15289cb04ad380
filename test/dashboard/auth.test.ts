import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRepository } from '../../src/dashboard/users.js';
import { cookiesOf, dashboard, login, ORIGIN, PASSWORD, postLogin, seedStore, testClock, USER, type Seeded } from './support.js';

let seeded: Seeded;
beforeAll(async () => {
  seeded = await seedStore();
});
afterAll(async () => {
  await seeded.close();
});

const PROTECTED_PAGES = ['/', '/?lang=en', '/sites/1', '/incidents', '/incidents/1', '/incidents/1/notice-art33', '/incidents/1/letter-art34', '/no-such-page'];
const PROTECTED_API = ['/api/v1/sites', '/api/v1/sites/1', '/api/v1/incidents', '/api/v1/incidents/1', '/api/v1/nothing'];

describe('dashboard login', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await dashboard(seeded.store);
  });
  afterAll(async () => {
    await app.close();
  });

  it('sends every page to the login form and answers 401 on the API without a session', async () => {
    for (const url of PROTECTED_PAGES) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location, url).toBe('/login');
      expect(res.body, url).not.toContain('praxis-celle');
    }
    for (const url of PROTECTED_API) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json(), url).toEqual({ error: 'login required' });
    }
    // A made-up cookie is no session either.
    const forged = await app.inject({ url: '/api/v1/sites', cookies: { praxiswache_session: 'A'.repeat(43) } });
    expect(forged.statusCode).toBe(401);
  });

  it('serves the login form and the stylesheet without a session, with security headers', async () => {
    const form = await app.inject({ url: '/login' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="password"');
    expect(form.headers['content-security-policy']).toContain("default-src 'self'");
    expect(form.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(form.headers['x-frame-options']).toBe('DENY');
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.headers['x-content-type-options']).toBe('nosniff');
    const login = form.cookies.find((c) => c.name === 'praxiswache_login');
    expect(login).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/login' });
    const css = await app.inject({ url: '/assets/dashboard.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('logs in with the right password: a 32-byte HttpOnly SameSite=Strict session cookie', async () => {
    const res = await postLogin(app, USER, PASSWORD);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = res.cookies.find((c) => c.name === 'praxiswache_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(Buffer.from(cookie?.value ?? '', 'base64url')).toHaveLength(32);
    const home = await app.inject({ url: '/', cookies: { praxiswache_session: cookie?.value ?? '' } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('praxis-celle');
    expect(home.headers['cache-control']).toBe('no-store');
  });

  it('refuses a wrong password and an unknown user alike, without a session', async () => {
    for (const [user, password] of [[USER, 'falsches-passwort-123'], ['mallory', PASSWORD]] as const) {
      const res = await postLogin(app, user, password, '127.61.2.1');
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('Benutzer oder Passwort falsch.');
      expect(cookiesOf(res).praxiswache_session).toBeUndefined();
    }
  });

  it('refuses a login post without the token of its form (login CSRF) or from a foreign origin', async () => {
    const noToken = await app.inject({
      method: 'POST', url: '/login', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ user: USER, password: PASSWORD }).toString(),
    });
    expect(noToken.statusCode).toBe(403);
    expect(cookiesOf(noToken).praxiswache_session).toBeUndefined();
    const form = await app.inject({ url: '/login' });
    const token = /name="token" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const foreign = await app.inject({
      method: 'POST', url: '/login', cookies: cookiesOf(form),
      headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token, user: USER, password: PASSWORD }).toString(),
    });
    expect(foreign.statusCode).toBe(403);
    expect(cookiesOf(foreign).praxiswache_session).toBeUndefined();
  });

  it('logs out only with the CSRF token of the session and from its own origin', async () => {
    const { cookies, csrf } = await login(app);
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const post = (payload: Record<string, string>, origin = ORIGIN, site?: string) =>
      app.inject({
        method: 'POST', url: '/logout', cookies,
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded', ...(site ? { 'sec-fetch-site': site } : {}) },
        payload: new URLSearchParams(payload).toString(),
      });
    expect((await post({})).statusCode).toBe(403);
    expect((await post({ csrf: 'x'.repeat(43) })).statusCode).toBe(403);
    expect((await post({ csrf }, 'http://evil.example')).statusCode).toBe(403);
    expect((await post({ csrf }, ORIGIN, 'cross-site')).statusCode).toBe(403);
    // Refused attempts changed nothing: still logged in.
    expect((await app.inject({ url: '/', cookies })).statusCode).toBe(200);
    const out = await post({ csrf });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login?out=1');
    const after = await app.inject({ url: '/', cookies });
    expect(after.statusCode).toBe(303);
    expect((await app.inject({ url: '/api/v1/sites', cookies })).statusCode).toBe(401);
  });

  it('lets scripts read the API, and only the API, with a bearer token until it is revoked', async () => {
    const users = new UserRepository(seeded.store);
    const token = await users.issueToken(USER);
    expect(token).toMatch(/^pw_[A-Za-z0-9_-]{43}$/);
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    expect((await app.inject({ url: '/api/v1/incidents', headers: bearer(token) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/', headers: bearer(token) })).statusCode).toBe(303);
    expect((await app.inject({ url: '/api/v1/sites', headers: bearer(`pw_${'A'.repeat(43)}`) })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/sites', headers: { authorization: token } })).statusCode).toBe(401);
    const again = await users.issueToken(USER);
    expect((await app.inject({ url: '/api/v1/sites', headers: bearer(token) })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/sites', headers: bearer(again) })).statusCode).toBe(200);
    await users.revokeToken(USER);
    expect((await app.inject({ url: '/api/v1/sites', headers: bearer(again) })).statusCode).toBe(401);
  });

  it('logs out a user removed from the store at the next request', async () => {
    const users = new UserRepository(seeded.store);
    await users.add('bernd', 'noch-ein-langes-passwort');
    const res = await postLogin(app, 'bernd', 'noch-ein-langes-passwort');
    const cookies = { praxiswache_session: cookiesOf(res).praxiswache_session ?? '' };
    expect((await app.inject({ url: '/', cookies })).statusCode).toBe(200);
    await users.remove('bernd');
    expect((await app.inject({ url: '/', cookies })).statusCode).toBe(303);
  });
});

describe('dashboard sessions and throttling over time', () => {
  it('ends a session after the idle time and after the maximum age', async () => {
    const clock = testClock();
    const app = await dashboard(seeded.store, { now: clock.now, sessionLimits: { idleMs: 60_000, maxAgeMs: 150_000 } });
    try {
      const { cookies } = await login(app);
      clock.advance(59_000);
      expect((await app.inject({ url: '/', cookies })).statusCode).toBe(200);
      clock.advance(59_000); // active, but 118 s after login
      expect((await app.inject({ url: '/', cookies })).statusCode).toBe(200);
      clock.advance(40_000); // 158 s after login: beyond the maximum age
      const ended = await app.inject({ url: '/', cookies });
      expect(ended.statusCode).toBe(303);
      expect(ended.headers.location).toBe('/login?ended=1');
      const idle = await login(app);
      clock.advance(61_000);
      expect((await app.inject({ url: '/api/v1/sites', cookies: idle.cookies })).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('throttles wrong passwords per user and per address, and lets the user in after the window', async () => {
    const clock = testClock();
    const app = await dashboard(seeded.store, { now: clock.now, throttleLimits: { maxFailures: 3, windowMs: 600_000 } });
    try {
      for (let i = 0; i < 3; i++) expect((await postLogin(app, USER, `falsch-${i}-xxxxxxxx`, '127.61.3.1')).statusCode).toBe(401);
      // Now even the right password is refused for this user, from any address.
      const locked = await postLogin(app, USER, PASSWORD, '127.61.3.2');
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect(locked.body).toContain('Zu viele Fehlversuche');
      expect(cookiesOf(locked).praxiswache_session).toBeUndefined();
      // The address that guessed is locked for other names too.
      expect((await postLogin(app, 'someone-else', 'irgendein-passwort', '127.61.3.1')).statusCode).toBe(429);
      clock.advance(600_001);
      expect((await postLogin(app, USER, PASSWORD, '127.61.3.2')).statusCode).toBe(303);
    } finally {
      await app.close();
    }
  });
});

describe('dashboard failures', () => {
  it('answers a failing handler with a plain 500 page: no stack trace, no message', async () => {
    const broken = await seedStore();
    const lines: string[] = [];
    const app = await dashboard(broken.store, { log: (l) => lines.push(l) });
    try {
      const { cookies } = await login(app);
      await broken.store.close(); // every query fails from here on
      for (const url of ['/', '/api/v1/sites']) {
        const res = await app.inject({ url, cookies });
        expect(res.statusCode, url).toBe(500);
        expect(res.body, url).not.toMatch(/\bat .*:\d+|\.[tj]s:\d|sqlite|database|TypeError|RangeError/i);
        if (url.startsWith('/api/')) expect(res.json()).toEqual({ error: 'Internal error. Details are in the server log.' });
        else expect(res.body).toContain('Interner Fehler');
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      }
      // The operator's log has the cause; the browser got none of it.
      const cause = lines.find((l) => l.startsWith('GET / failed: '))?.slice('GET / failed: '.length) ?? '';
      expect(cause.length).toBeGreaterThan(3);
      for (const url of ['/', '/api/v1/sites']) expect((await app.inject({ url, cookies })).body).not.toContain(cause);
    } finally {
      await app.close();
      await broken.close().catch(() => {});
    }
  });
});
