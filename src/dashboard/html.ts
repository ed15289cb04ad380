/**
 * HTML for the dashboard: a tagged template that escapes every interpolated value unless it is
 * already markup, so a hostile site name or finding title can never become markup. The one
 * escaping function is respond/'s, the same the notices use.
 */
import type { Lang } from '../core/types.js';
import { formatBerlin } from '../respond/berlin-time.js';
import { escapeHtml } from '../respond/render.js';
import { word } from './texts.js';

export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

function piece(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map(piece).join('');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return escapeHtml(String(value));
  // Only text, numbers and markup go into pages: anything else is a programming error.
  throw new TypeError(`cannot put a ${typeof value} into HTML`);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += piece(v) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

/** What every page needs to know about the request: language, how links keep it, the session. */
export interface PageContext {
  lang: Lang;
  /** True when the language came from ?lang=: links carry it on. */
  langInUrl: boolean;
  user?: string;
  csrf?: string;
}

export function link(ctx: PageContext, path: string): string {
  return ctx.langInUrl ? `${path}?lang=${ctx.lang}` : path;
}

export function when(iso: string | null | undefined, lang: Lang): string {
  return iso ? formatBerlin(new Date(iso), lang) : '—';
}

const otherLang = (lang: Lang): Lang => (lang === 'de' ? 'en' : 'de');

export function page(ctx: PageContext, title: string, body: Markup, path = '/'): string {
  const other = html`<a href="${path}?lang=${otherLang(ctx.lang)}" hreflang="${otherLang(ctx.lang)}">${word('language', ctx.lang)}</a>`;
  const nav = ctx.user
    ? html`<nav><a href="${link(ctx, '/')}">${word('overview', ctx.lang)}</a> <a href="${link(ctx, '/incidents')}">${word('incidents', ctx.lang)}</a>
${other}
<form method="post" action="/logout" class="logout"><input type="hidden" name="csrf" value="${ctx.csrf ?? ''}"><span>${ctx.user}</span> <button type="submit">${word('logout', ctx.lang)}</button></form></nav>`
    : html`<nav>${other}</nav>`;
  return html`<!doctype html>
<html lang="${ctx.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – praxiswache</title>
<link rel="stylesheet" href="/assets/dashboard.css">
</head>
<body>
<header><strong>praxiswache</strong>${nav}</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.value;
}

/** The only stylesheet: served from /assets so the CSP can stay at default-src 'self'. */
export const STYLESHEET = `body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;line-height:1.45}
header{display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap;padding:.6rem 1.2rem;background:#16324f;color:#fff}
header a{color:#fff;margin-right:1rem}nav{display:flex;gap:.5rem;align-items:center;flex:1;flex-wrap:wrap}
form.logout{margin-left:auto;display:flex;gap:.5rem;align-items:center}
main{padding:1rem 1.2rem;max-width:75rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
td,th{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f0f3f6}.sev{font-weight:600;padding:0 .3rem;border-radius:3px}
.sev-critical{background:#8b0000;color:#fff}.sev-high{background:#d9480f;color:#fff}.sev-medium{background:#f0b400}
.sev-low{background:#cde}.sev-info{background:#eee}.warn{color:#8b0000;font-weight:600}.ok{color:#1e6b2e}
.box{border-left:4px solid #8b0000;padding:.2rem .8rem;margin:1rem 0}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dt{font-weight:600}dd{margin:0}form.login{display:grid;gap:.6rem;max-width:20rem}input{font:inherit;padding:.3rem}
button{font:inherit;padding:.3rem .8rem}form.change{display:grid;gap:.5rem;max-width:45rem;margin-bottom:1.5rem}.error{color:#8b0000}pre{background:#f4f4f4;padding:.5rem;overflow-x:auto}`;
