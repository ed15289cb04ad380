/** Per-request context of the dashboard's pages: language, session, and error replies. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../core/types.js';
import { html, link, page, type PageContext } from './html.js';
import { word, type WordKey } from './texts.js';

export function langOf(request: FastifyRequest, fallback: Lang): { lang: Lang; langInUrl: boolean } {
  const q = (request.query as Record<string, unknown> | undefined)?.lang;
  return q === 'de' || q === 'en' ? { lang: q, langInUrl: true } : { lang: fallback, langInUrl: false };
}

export function pageContext(request: FastifyRequest, fallback: Lang): PageContext {
  const session = request.session;
  return { ...langOf(request, fallback), ...(session ? { user: session.user, csrf: session.csrf } : {}) };
}

/** A page or JSON error with the status, and nothing about the cause. */
export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, key: WordKey, fallback: Lang): FastifyReply {
  const ctx = pageContext(request, fallback);
  if (request.url.startsWith('/api/')) return reply.code(status).send({ error: word(key, 'en') });
  const back = html`<p><a href="${link(ctx, ctx.user ? '/' : '/login')}">${word(ctx.user ? 'overview' : 'loginTitle', ctx.lang)}</a></p>`;
  return reply.code(status).type('text/html; charset=utf-8').send(page(ctx, word(key, ctx.lang), back));
}
