/**
 * One site, one round: scan it (recorded as running first, so a crash leaves a trace), store
 * the result, compare it with the approved baseline and send what the alert plan says.
 */
import type { ScanReport } from '../core/types.js';
import type { ScanOptions } from '../scan/index.js';
import type { AlertItem, AlertKind } from '../store/alerts.js';
import type { Site } from '../store/sites.js';
import type { Store } from '../store/store.js';
import { planAlerts } from './alert-plan.js';
import { deviationsFromBaseline, type Deviation } from './deviations.js';
import { buildAlertMessage } from './messages.js';
import type { Notifier } from './notify.js';

export type ScanFunction = (opts: ScanOptions) => Promise<ScanReport>;

export interface WatchContext {
  store: Store;
  scan: ScanFunction;
  notifier: Notifier;
  now: () => Date;
  log: (line: string) => void;
  /** Rate, concurrency and timeouts for every scan (from the watch command's flags). */
  scanDefaults?: Partial<ScanOptions>;
}

export interface SiteRound {
  siteId: number;
  siteName: string;
  scanId: number;
  status: 'finished' | 'interrupted';
  deviations: number;
  sent: { kind: AlertKind; alertId: number; items: number }[];
}

/** When nothing came back at all, the scan is still recorded: interrupted, never "nothing found". */
function emptyInterruptedReport(site: Site, startedAt: string, now: Date): ScanReport {
  return {
    scanner: { name: 'praxiswache', version: 'unknown' },
    startedAt,
    finishedAt: now.toISOString(),
    targets: site.targets,
    interrupted: true,
    hosts: [],
    findings: [],
  };
}

export async function scanSite(ctx: WatchContext, site: Site, signal?: AbortSignal): Promise<number> {
  const startedAt = ctx.now().toISOString();
  const scanId = await ctx.store.scans.begin(site.id, site.targets, startedAt);
  let report: ScanReport;
  try {
    report = await ctx.scan({
      ...ctx.scanDefaults,
      targets: site.targets,
      ...(site.ports ? { ports: site.ports } : {}),
      lang: site.language,
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    ctx.log(`site ${site.name}: scan ${scanId} failed: ${(err as Error).message}`);
    const partial = (err as { partial?: ScanReport }).partial;
    report = partial ? { ...partial, interrupted: true } : emptyInterruptedReport(site, startedAt, ctx.now());
  }
  await ctx.store.scans.complete(scanId, report);
  return scanId;
}

export async function evaluateSite(ctx: WatchContext, site: Site, scanId: number): Promise<SiteRound> {
  const { store } = ctx;
  const current = await store.snapshot(scanId);
  if (!current) throw new Error(`scan ${scanId} vanished`);
  const baseline = await store.baselines.current(site.id);
  const approved = baseline ? await store.snapshot(baseline.scan_id) : undefined;
  const deviations = deviationsFromBaseline(approved, current);
  const open = await store.alerts.openItems<Deviation>(site.id);
  const now = ctx.now();
  const at = now.toISOString();
  const complete = current.scan.status === 'finished';
  const plan = planAlerts(open, deviations, { now, remindAfterMs: site.remindAfterHours * 3_600_000, scanComplete: complete });

  const sent: SiteRound['sent'] = [];
  const send = async (kind: AlertKind, items: AlertItem<Deviation>[]): Promise<void> => {
    const message = buildAlertMessage(kind, site, scanId, items, now, { baselineApproved: baseline !== undefined });
    const deliveries = await ctx.notifier.deliver(site, message);
    const ids = items.map((i) => i.id);
    const alertId = await store.alerts.record({ siteId: site.id, scanId, kind, itemIds: ids, subject: message.subject, deliveries, at });
    const failed = deliveries.length > 0 && !deliveries.some((d) => d.ok);
    // Nobody heard it: make the items due for a reminder in the next round instead of going quiet.
    await store.alerts.markAlerted(ids, failed ? new Date(0).toISOString() : at);
    sent.push({ kind, alertId, items: items.length });
    const outcome = deliveries.length === 0 ? 'recorded (the site has no contacts)' : failed ? 'NOT delivered' : 'sent';
    ctx.log(`site ${site.name}: ${kind} alert #${alertId} (${items.length} item(s)) ${outcome}`);
    for (const d of deliveries) if (!d.ok) ctx.log(`  ${d.channel} ${d.target}: ${d.error ?? 'failed'}`);
  };

  if (plan.toResolve.length) {
    await store.alerts.resolve(plan.toResolve.map((i) => i.id), scanId, at);
    await send('all-clear', plan.toResolve);
  }
  if (plan.toOpen.length) {
    const opened: AlertItem<Deviation>[] = [];
    for (const d of plan.toOpen) opened.push(await store.alerts.openItem(site.id, scanId, { key: d.key, kind: d.kind, detail: d }, at));
    await send('change', opened);
  }
  if (plan.toRemind.length) await send('reminder', plan.toRemind);
  return { siteId: site.id, siteName: site.name, scanId, status: complete ? 'finished' : 'interrupted', deviations: deviations.length, sent };
}

export async function runSiteRound(ctx: WatchContext, site: Site, signal?: AbortSignal): Promise<SiteRound> {
  const scanId = await scanSite(ctx, site, signal);
  return evaluateSite(ctx, site, scanId);
}
