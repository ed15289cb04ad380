/**
 * The watch loop: every tick, find sites whose next scan is due and start it, never two scans
 * of one site at once and never more than `maxConcurrent` in all. State lives in the store
 * (last scan per site), so a restart continues where it stopped; sites that became due during
 * downtime are scanned once each, spread over the jitter window instead of all at once.
 */
import { currentRunner } from '../store/scans.js';
import type { Site } from '../store/sites.js';
import { runSiteRound, type SiteRound, type WatchContext } from './cycle.js';
import { runIncidentReminders, type ReminderOutcome } from './incident-reminders.js';
import { nextDue, parseSchedule, typicalPeriodMs } from './schedule.js';

export interface WatchOptions {
  /** Scan every selected site now, once, then return (for cron users and tests). */
  once?: boolean;
  /** Names or ids; default all sites. */
  sites?: string[];
  maxConcurrent?: number;
  /** Upper bound of the random delay added to each due time; default 10% of the period, at most 15 min. */
  jitterMs?: number;
  tickMs?: number;
  signal?: AbortSignal;
  random?: () => number;
}

export interface WatchSummary {
  rounds: SiteRound[];
  orphansMarked: number[];
  /** Art. 33 deadline reminders sent (or attempted) while watching. */
  reminders: ReminderOutcome[];
}

const MAX_DEFAULT_JITTER_MS = 15 * 60_000;
/** After an interrupted scan, try again this soon (or at the normal time, if that is sooner). */
const RETRY_AFTER_INTERRUPT_MS = 15 * 60_000;
/** Incident deadlines are checked at most this often (a tick may be seconds). */
const REMIND_EVERY_MS = 60_000;

export async function runWatch(ctx: WatchContext, opts: WatchOptions = {}): Promise<WatchSummary> {
  const orphansMarked = await ctx.store.scans.markOrphansInterrupted();
  if (orphansMarked.length) ctx.log(`marked ${orphansMarked.length} scan(s) of a process that died as interrupted: ${orphansMarked.join(', ')}`);
  const summary: WatchSummary = { rounds: [], orphansMarked, reminders: [] };
  let remindedAt = -Infinity;
  const remind = async (): Promise<void> => {
    remindedAt = ctx.now().getTime();
    try {
      summary.reminders.push(...(await runIncidentReminders(ctx, opts.sites?.length ? { sites: opts.sites } : {})));
    } catch (err) {
      ctx.log(`incident deadline reminders failed: ${(err as Error).message}`);
    }
  };
  const maxConcurrent = Math.max(1, opts.maxConcurrent ?? 1);
  const running = new Map<number, Promise<void>>();
  const planned = new Map<number, { due: number; at: number }>();
  const startedAt = ctx.now().getTime();
  const random = opts.random ?? Math.random;

  const start = (site: Site): void => {
    const job = runSiteRound(ctx, site, opts.signal)
      .then((round) => void summary.rounds.push(round))
      .catch((err: unknown) => ctx.log(`site ${site.name}: round failed: ${(err as Error).message}`))
      .finally(() => running.delete(site.id));
    running.set(site.id, job);
  };

  const selected = async (): Promise<Site[]> => {
    const all = await ctx.store.sites.list();
    if (!opts.sites?.length) return all;
    const wanted = new Set(opts.sites);
    return all.filter((s) => wanted.has(s.name) || wanted.has(String(s.id)));
  };

  if (opts.once) {
    const queue = await selected();
    while (queue.length || running.size) {
      while (queue.length && running.size < maxConcurrent && !opts.signal?.aborted) start(queue.shift() as Site);
      if (opts.signal?.aborted) queue.length = 0;
      if (running.size) await Promise.race(running.values());
    }
    await remind();
    return summary;
  }

  while (!opts.signal?.aborted) {
    const now = ctx.now().getTime();
    if (now - remindedAt >= REMIND_EVERY_MS) await remind();
    for (const site of await selected()) {
      if (running.size >= maxConcurrent) break;
      if (running.has(site.id)) continue;
      const due = await dueTime(ctx, site);
      if (due === undefined) continue; // another live process is scanning it
      let plan = planned.get(site.id);
      if (!plan || plan.due !== due) {
        const period = typicalPeriodMs(parseSchedule(site.schedule), new Date(now));
        const jitter = opts.jitterMs ?? Math.min(period / 10, MAX_DEFAULT_JITTER_MS);
        // Overdue at start-up (downtime): spread from now, not from the missed slot.
        plan = { due, at: Math.max(due, startedAt) + Math.floor(random() * jitter) };
        planned.set(site.id, plan);
      }
      if (plan.at <= now) {
        planned.delete(site.id);
        start(site);
      }
    }
    await sleep(opts.tickMs ?? 15_000, opts.signal);
  }
  await Promise.allSettled(running.values());
  return summary;
}

/** Next due time in ms, or undefined when a scan of the site is running in a live process. */
async function dueTime(ctx: WatchContext, site: Site): Promise<number | undefined> {
  const [last] = await ctx.store.scans.list({ siteId: site.id, limit: 1 });
  if (last?.status === 'running') {
    if (last.runner !== currentRunner()) return undefined;
    // Ours, but no round of ours runs it: the round failed before it could store the scan.
    await ctx.store.scans.markInterrupted(last.id, 'the watch round failed before the scan was stored');
    last.status = 'interrupted';
  }
  // Never scanned: due since it was added (a fixed point, so the jitter is drawn once).
  if (!last) return Date.parse(site.createdAt);
  const lastStart = new Date(last.started_at);
  const regular = nextDue(parseSchedule(site.schedule), lastStart, ctx.now()).getTime();
  if (last.status === 'interrupted') return Math.min(regular, lastStart.getTime() + RETRY_AFTER_INTERRUPT_MS);
  return regular;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
