/**
 * Which round of a site a job stands for. A round is named by the moment it became due by the
 * site's schedule, counted from the last scan that ended (finished or interrupted): every
 * dispatcher that looks before the round runs computes the same slot, so the job id
 * "site-<id>-<slot>" is the same and BullMQ keeps one job. Once the round has run, its scan moves
 * the slot on and the next round gets a new id.
 */
import type { ScanRow } from '../store/schema.js';
import type { Site } from '../store/sites.js';
import type { Store } from '../store/store.js';
import { nextDue, parseSchedule } from '../watch/schedule.js';

export interface ScanJobData {
  /** The site's id: the worker reads targets and ports from the store, never from the queue. */
  siteId: number;
  /** For logs and `queue status`; the worker checks it against the store. */
  siteName: string;
  /** ISO time the round became due. */
  slot: string;
}

/** Due time of the site's next round; `lastEnded` undefined: never scanned, due since it was added. */
export function roundSlot(site: Pick<Site, 'schedule' | 'createdAt'>, lastEnded: Pick<ScanRow, 'started_at'> | undefined, now: Date): Date {
  if (!lastEnded) return new Date(site.createdAt);
  return nextDue(parseSchedule(site.schedule), new Date(lastEnded.started_at), now);
}

/** BullMQ ids may not contain ":" and must not look like numbers: "site-12-20261122T204000Z". */
export function scanJobId(siteId: number, slot: Date): string {
  const compact = slot.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `site-${siteId}-${compact}`;
}

/** The newest scan of the site that is no longer running (a running one is some worker's round). */
export async function lastEndedScan(store: Store, siteId: number): Promise<ScanRow | undefined> {
  const [finished] = await store.scans.list({ siteId, status: 'finished', limit: 1 });
  const [interrupted] = await store.scans.list({ siteId, status: 'interrupted', limit: 1 });
  if (!finished || !interrupted) return finished ?? interrupted;
  return finished.started_at >= interrupted.started_at ? finished : interrupted;
}

export interface PlannedRound {
  jobId: string;
  data: ScanJobData;
  /** Slot reached: a dispatcher running `queue add --due` only enqueues these. */
  due: boolean;
  /** A scan of the site is running right now (some worker has the round). */
  running: boolean;
}

export async function planRound(store: Store, site: Site, now: Date): Promise<PlannedRound> {
  const slot = roundSlot(site, await lastEndedScan(store, site.id), now);
  const [running] = await store.scans.list({ siteId: site.id, status: 'running', limit: 1 });
  return {
    jobId: scanJobId(site.id, slot),
    data: { siteId: site.id, siteName: site.name, slot: slot.toISOString() },
    due: slot.getTime() <= now.getTime(),
    running: running !== undefined,
  };
}
