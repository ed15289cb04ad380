import type { ServiceInfo } from '../core/types.js';
import type { MatchRule, Probe } from './probe-types.js';

const BANNER_CHARS = 120;

export type ServiceMatch = Pick<ServiceInfo, 'name' | 'product' | 'version'>;

function fill(template: string | undefined, groups: RegExpExecArray): string | undefined {
  if (template === undefined) return undefined;
  const text = template.replace(/\$(\d)/g, (_, n: string) => groups[Number(n)] ?? '');
  const clean = sanitize(text, 60);
  return clean === '' ? undefined : clean;
}

/** First rule (in order) of the probe and its fallbacks that matches the reply. */
export function matchReply(reply: Buffer, probe: Probe, all: readonly Probe[]): ServiceMatch | null {
  if (reply.length === 0) return null;
  const text = reply.toString('latin1');
  const rules: MatchRule[] = [...probe.matches];
  for (const name of probe.fallback ?? []) rules.push(...(all.find((p) => p.name === name)?.matches ?? []));
  for (const rule of rules) {
    const groups = rule.pattern.exec(text);
    if (!groups) continue;
    const product = fill(rule.product, groups);
    const version = fill(rule.version, groups);
    return { name: rule.service, ...(product ? { product } : {}), ...(version ? { version } : {}) };
  }
  return null;
}

/** Printable ASCII only, whitespace collapsed, capped: safe to print and store. */
export function sanitize(text: string, max: number): string {
  return text
    .replace(/[^\x20-\x7e]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

/** The first line of a reply, printable and capped: what a human needs to recognise a service. */
export function bannerOf(reply: Buffer): string | undefined {
  const firstLine = reply.subarray(0, BANNER_CHARS * 2).toString('latin1').split(/\r?\n/, 1)[0] ?? '';
  const banner = sanitize(firstLine, BANNER_CHARS);
  return banner === '' ? undefined : banner;
}
