import type { Assignment } from './secrets.js';

/**
 * Reading phpinfo() output (served directly or under Symfony's /_profiler/phpinfo). Two markers
 * of the page itself must both be present; the environment rows are extracted so that leaked
 * credentials can be named (masked) in the evidence.
 */
export interface PhpinfoPage {
  version: string | null;
  /** Environment-style rows: $_SERVER['X'], $_ENV['X'] and the Environment table. */
  environment: Assignment[];
}

const TITLE = /<title>[^<]{0,80}phpinfo\(\)[^<]{0,40}<\/title>/i;
const VERSION_HEADING = /<h1 class="p">\s*PHP Version ([0-9][0-9A-Za-z.+~-]{0,30})\s*<\/h1>/i;
const TABLE_CELL = /<td class="[ev]">/i;
const ROW = /<tr><td class="e">\s*([^<]{1,120}?)\s*<\/td><td class="v">([^<]{0,2000}?)<\/td>/gi;

/** The phpinfo page when the HTML carries at least two of its markers; null otherwise. */
export function readPhpinfo(html: string): PhpinfoPage | null {
  const version = VERSION_HEADING.exec(html)?.[1] ?? null;
  const markers = [TITLE.test(html), version !== null, TABLE_CELL.test(html)].filter(Boolean).length;
  if (markers < 2) return null;
  return { version, environment: environmentRows(html) };
}

function environmentRows(html: string): Assignment[] {
  const rows: Assignment[] = [];
  for (const m of html.matchAll(ROW)) {
    const key = envKey(decodeEntities(m[1] ?? ''));
    if (key) rows.push({ key, value: decodeEntities(m[2] ?? '').trim() });
    if (rows.length >= 1000) break;
  }
  return rows;
}

/** "$_SERVER['DATABASE_URL']" → "DATABASE_URL"; ini directives (lower-case, dotted) are not environment. */
function envKey(cell: string): string | null {
  const inner = /^\$_(?:SERVER|ENV)\['([^']+)'\]$/.exec(cell)?.[1] ?? cell;
  return /^[A-Z][A-Z0-9_]{1,80}$/.test(inner) ? inner : null;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, '&');
}
