/**
 * The dashboard server: Fastify with server-rendered pages and a small JSON API over the same
 * store, IncidentService and notice renderers the CLI uses. Everything except the login page
 * and the stylesheet needs a session; see auth.ts for how one is made and checked.
 *
 *   const app = await buildDashboard({ store, lang: 'de' });
 *   const res = await app.inject({ url: '/' });            // 303 to /login without a session
 *   const { url, close } = await startDashboard({ store, lang: 'de', host: '127.0.0.1', port: 8765 });
 */
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Lang } from '../core/types.js';
import { IncidentService } from '../respond/service.js';
import type { Store } from '../store/store.js';
import { registerApi } from './api.js';
import { registerAuth, type AuthOptions } from './auth.js';
import { registerIncidentForms } from './incident-forms.js';
import { registerPages } from './pages.js';
import { sendError } from './context.js';

export interface DashboardOptions extends AuthOptions {
  store: Store;
  /** Language when the URL does not say (?lang=de|en). */
  lang: Lang;
  /** Where failures are reported (never to the browser); default stderr. */
  log?: (line: string) => void;
}

/** Bodies are a few short form fields; anything larger is refused before it is parsed. */
const BODY_LIMIT = 16 * 1024;

export async function buildDashboard(opts: DashboardOptions): Promise<FastifyInstance> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`praxiswache dashboard: ${line}\n`));
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, requestTimeout: 30_000, connectionTimeout: 30_000, return503OnClosing: true });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT });
  registerAuth(app, opts, log);
  const service = new IncidentService(opts.store, opts.now ? { now: opts.now } : {});
  registerPages(app, { store: opts.store, service, lang: opts.lang });
  registerApi(app, { store: opts.store, service, lang: opts.lang });
  registerIncidentForms(app, { store: opts.store, service, lang: opts.lang });

  app.setNotFoundHandler((request, reply) => sendError(request, reply, 404, 'notFound', opts.lang));
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    // The cause goes to the operator's log; the browser only learns that something failed.
    if (status === 500) log(`${request.method} ${request.url.split('?')[0] ?? ''} failed: ${error.message}`);
    return sendError(request, reply, status, status === 500 ? 'failed' : status === 404 ? 'notFound' : 'forbidden', opts.lang);
  });
  return app;
}

export async function startDashboard(opts: DashboardOptions & { host: string; port: number }): Promise<{ app: FastifyInstance; url: string; close: () => Promise<void> }> {
  const app = await buildDashboard(opts);
  await app.listen({ host: opts.host, port: opts.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return { app, url: `http://${host}:${port}/`, close: () => app.close() };
}
