/** Validation of `praxiswache site add` input: fails with a message naming the bad value. */
import type { Lang } from '../core/types.js';
import { UsageError } from '../core/types.js';
import type { SiteInput, WebhookContact } from '../store/sites.js';
import { parsePorts, parseTargets } from '../targets/index.js';
import { parseDuration } from './duration.js';
import { cronSchedule, intervalSchedule } from './schedule.js';

/** The 16 Länder: the Land decides which data protection authority a breach goes to. */
export const LAENDER = ['BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH'] as const;

export interface RawSiteFlags {
  land?: string;
  targets?: string[];
  ports?: string;
  email?: string[];
  webhook?: string[];
  webhookSecret?: string;
  lang?: string;
  interval?: string;
  cron?: string;
  remindAfter?: string;
}

/** Splits repeated and comma-separated flag values: --targets a,b --targets c → [a, b, c]. */
export function listValues(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(/[\s,]+/)).filter(Boolean);
}

export function siteInput(name: string, flags: RawSiteFlags): SiteInput {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) throw new UsageError(`bad site name "${name}": letters, digits, . _ - (max 64)`);
  const land = (flags.land ?? '').toUpperCase();
  if (!(LAENDER as readonly string[]).includes(land)) throw new UsageError(`--land "${flags.land ?? ''}": one of ${LAENDER.join(', ')}`);
  const targets = listValues(flags.targets);
  if (!targets.length) throw new UsageError('--targets is required: the addresses or names of the practice (its scope)');
  parseTargets(targets);
  if (flags.ports) parsePorts(flags.ports);
  const emails = listValues(flags.email);
  for (const e of emails) if (!/^[^\s@]+@[^\s@]+$/.test(e)) throw new UsageError(`--email "${e}" is not an e-mail address`);
  // The receiver needs the same key to check signatures, so it is given, never generated and printed.
  const secret = flags.webhookSecret ?? process.env.PRAXISWACHE_WEBHOOK_SECRET ?? '';
  const webhooks: WebhookContact[] = listValues(flags.webhook).map((url) => {
    if (!/^https?:\/\//i.test(url)) throw new UsageError(`--webhook "${url}": an http:// or https:// URL`);
    if (secret.length < 12) throw new UsageError('--webhook needs --webhook-secret (or $PRAXISWACHE_WEBHOOK_SECRET) of at least 12 characters: the receiver checks the signature with it');
    return { url, secret };
  });
  const lang = (flags.lang ?? 'de') as Lang;
  if (lang !== 'de' && lang !== 'en') throw new UsageError(`--lang "${flags.lang}": de or en`);
  if (flags.interval && flags.cron) throw new UsageError('--interval and --cron exclude each other');
  const schedule = flags.cron ? cronSchedule(flags.cron) : intervalSchedule(flags.interval ?? '24h');
  const remindAfterHours = Math.max(1, Math.round(parseDuration(flags.remindAfter ?? '7d') / 3_600_000));
  return { name, land, targets, ports: flags.ports ?? null, contacts: { emails, webhooks }, language: lang, schedule, remindAfterHours };
}
