import { randomBytes } from 'node:crypto';
import { httpGet, type HttpReply } from '../http-client.js';
import type { CheckContext, CheckTarget } from '../types.js';

/**
 * Finding a debug page without being fooled by catch-all servers. Many servers (SPAs, CMS,
 * "soft 404" routers) answer 200 with the same page for every path; a check that only looked at
 * the status would report every path it asks for. A page counts only when (1) its reader finds
 * the page's own markers AND (2) a random sibling path, which cannot exist, does not produce
 * the same: neither the same markers nor a near-identical body.
 */
export type PageReader<T> = (reply: HttpReply) => T | null;

export interface GenuinePage<T> {
  path: string;
  reply: HttpReply;
  page: T;
}

/** Every path (in order) whose reply the reader accepts and that no random sibling reproduces. */
export async function genuinePages<T>(
  target: CheckTarget,
  ctx: CheckContext,
  paths: readonly string[],
  read: PageReader<T>,
  opts: { maxBytes?: number; firstOnly?: boolean } = {},
): Promise<GenuinePage<T>[]> {
  const found: GenuinePage<T>[] = [];
  let unanswered = 0;
  for (const path of paths) {
    if (ctx.signal.aborted) break;
    const reply = await httpGet(target, ctx, path, opts.maxBytes);
    // A server that stalls or babbles non-HTTP twice in a row will not start answering: stop paying timeouts.
    unanswered = reply ? 0 : unanswered + 1;
    if (unanswered >= 2) break;
    if (reply?.status !== 200) continue;
    const page = read(reply);
    if (page === null) continue;
    if (await echoedByNonsense(target, ctx, path, reply, read, opts.maxBytes)) continue;
    found.push({ path, reply, page });
    if (opts.firstOnly) break;
  }
  return found;
}

export async function firstGenuinePage<T>(
  target: CheckTarget,
  ctx: CheckContext,
  paths: readonly string[],
  read: PageReader<T>,
  maxBytes?: number,
): Promise<GenuinePage<T> | null> {
  const pages = await genuinePages(target, ctx, paths, read, { ...(maxBytes !== undefined ? { maxBytes } : {}), firstOnly: true });
  return pages[0] ?? null;
}

/** True when a path that cannot exist answers like the real one: a soft-404, not a leak. */
async function echoedByNonsense<T>(
  target: CheckTarget,
  ctx: CheckContext,
  path: string,
  reply: HttpReply,
  read: PageReader<T>,
  maxBytes?: number,
): Promise<boolean> {
  const sibling = nonsenseSibling(path);
  const other = await httpGet(target, ctx, sibling, maxBytes);
  if (!other) return false;
  if (other.status !== reply.status) return false;
  return read(other) !== null || nearlySame(reply.body.toString('latin1'), other.body.toString('latin1'), [path, sibling]);
}

/** "/.git/config" → "/.git/3f9a…-pw"; keeps the folder and the extension, so routing rules treat it alike. */
export function nonsenseSibling(path: string): string {
  const [pathname = path, query] = path.split('?', 2);
  const slash = pathname.lastIndexOf('/');
  const folder = pathname.slice(0, slash + 1);
  const last = pathname.slice(slash + 1);
  const ext = /(\.[a-z]{1,5})$/i.exec(last)?.[1] ?? '';
  const random = `${last.startsWith('.') ? '.' : ''}${randomBytes(6).toString('hex')}pw${ext}`;
  return `${folder}${random}${query !== undefined ? `?${query}` : ''}`;
}

/** Bodies equal line for line up to 10 %, after removing echoed paths and volatile numbers. */
export function nearlySame(a: string, b: string, echoed: readonly string[]): boolean {
  const lines = (text: string): Set<string> => {
    let t = text;
    for (const e of echoed) t = t.split(e).join('');
    return new Set(
      t
        .replace(/\d+/g, '0')
        .split(/\r?\n|(?=<)/)
        .map((l) => l.trim())
        .filter(Boolean),
    );
  };
  const la = lines(a);
  const lb = lines(b);
  if (la.size === 0 && lb.size === 0) return true;
  let shared = 0;
  for (const l of la) if (lb.has(l)) shared++;
  return shared / Math.max(la.size, lb.size) >= 0.9;
}
