/**
 * Art. 33 deadline reminders through the alert channels: for every open incident whose
 * authority notification is not recorded, the current reminder step (reminder-plan.ts) goes to
 * the contacts of the incident's site, once (reminder-log.ts). Called by every `watch` cycle
 * and by `praxiswache incident remind`.
 */
import type { Lang } from '../core/types.js';
import { buildReminderMessage, type ReminderMessage } from '../respond/reminder-message.js';
import { ReminderLog } from '../respond/reminder-log.js';
import { currentStep, needsReminder, type ReminderStep } from '../respond/reminder-plan.js';
import { IncidentService } from '../respond/service.js';
import type { DeliveryOutcome } from '../store/alerts.js';
import { maskUrl } from '../store/mask.js';
import type { Site } from '../store/sites.js';
import type { Store } from '../store/store.js';
import type { Notifier } from './notify.js';

export interface ReminderContext {
  store: Store;
  notifier: Notifier;
  now: () => Date;
  log: (line: string) => void;
}

export interface ReminderOptions {
  /** Plan and build the messages, send and record nothing. */
  dryRun?: boolean;
  /** Only incidents of these sites (names or ids); default all. */
  sites?: readonly string[];
}

export type ReminderStatus = 'sent' | 'failed' | 'no-contacts' | 'would-send';

export interface ReminderOutcome {
  incidentId: number;
  siteName: string | null;
  step: ReminderStep;
  status: ReminderStatus;
  message: ReminderMessage;
  /** Where it goes (dry run) or went; masked like the alert deliveries. */
  channels: string[];
  deliveries: DeliveryOutcome[];
}

/** Incidents without a site have nobody to tell; their reminders are written in German. */
const DEFAULT_LANG: Lang = 'de';

export async function runIncidentReminders(ctx: ReminderContext, opts: ReminderOptions = {}): Promise<ReminderOutcome[]> {
  const now = ctx.now();
  const service = new IncidentService(ctx.store, { now: () => now });
  const log = new ReminderLog(ctx.store);
  const wanted = opts.sites?.length ? new Set(opts.sites) : undefined;
  const outcomes: ReminderOutcome[] = [];

  for (const incident of await service.list({ status: 'open' })) {
    if (!needsReminder(incident) || !incident.timeline.awareAt) continue;
    if (wanted && !(incident.siteName && wanted.has(incident.siteName)) && !wanted.has(String(incident.siteId))) continue;
    const step = currentStep(new Date(incident.timeline.awareAt), now);
    if (!step || !(await log.isPending(incident.id, step, now))) continue;

    const site = incident.siteId === null ? undefined : await ctx.store.getSite(incident.siteId);
    const message = buildReminderMessage(incident, step, site?.language ?? DEFAULT_LANG, now);
    const outcome: ReminderOutcome = { incidentId: incident.id, siteName: incident.siteName, step, status: 'would-send', message, channels: channelsOf(site), deliveries: [] };
    if (opts.dryRun) {
      outcomes.push(outcome);
      continue;
    }
    try {
      const claim = await log.claim(incident.id, step, message.subject, now);
      if (claim === undefined) continue; // sent meanwhile, or another process is sending it
      outcome.deliveries = site && outcome.channels.length ? await ctx.notifier.deliver(site, message) : [];
      outcome.status = outcome.deliveries.length === 0 ? 'no-contacts' : outcome.deliveries.some((d) => d.ok) ? 'sent' : 'failed';
      await log.settle(claim, outcome.status, outcome.deliveries, ctx.now());
      outcomes.push(outcome);
      ctx.log(describeOutcome(outcome));
      for (const d of outcome.deliveries) if (!d.ok) ctx.log(`  ${d.channel} ${d.target}: ${d.error ?? 'failed'}`);
    } catch (err) {
      ctx.log(`incident #${incident.id}: deadline reminder ${step} failed: ${(err as Error).message}`);
    }
  }
  return outcomes;
}

function channelsOf(site: Site | undefined): string[] {
  if (!site) return [];
  return [
    ...(site.contacts.emails.length ? [`email ${site.contacts.emails.join(', ')}`] : []),
    ...site.contacts.webhooks.map((h) => `webhook ${maskUrl(h.url)}`),
  ];
}

export function describeOutcome(o: ReminderOutcome): string {
  const where = o.siteName ? `site ${o.siteName}` : 'no site';
  const what: Record<ReminderStatus, string> = {
    sent: 'sent',
    failed: 'NOT delivered (tried again later)',
    'no-contacts': 'recorded (nobody to send it to: add e-mail or webhook contacts to the site)',
    'would-send': o.channels.length ? `would be sent to ${o.channels.join('; ')}` : 'would be recorded (no contacts)',
  };
  return `incident #${o.incidentId} (${where}): deadline reminder ${o.step} ${what[o.status]}`;
}
