/**
 * Approving a baseline. Open deviations that the newly approved state covers are closed
 * quietly: the practice has just said they are fine, so an "all clear" would be noise.
 */
import type { BaselineRow } from '../store/schema.js';
import type { Site } from '../store/sites.js';
import type { Store } from '../store/store.js';
import { deviationsFromBaseline, type Deviation } from './deviations.js';

export async function approveBaseline(
  store: Store,
  site: Site,
  scanId: number,
  approvedBy: string,
  note: string | null = null,
  now = new Date(),
): Promise<{ baseline: BaselineRow; accepted: number }> {
  const baseline = await store.baselines.approve(site.id, scanId, approvedBy, note, now);
  const approved = await store.snapshot(scanId);
  const [latest] = await store.scans.list({ siteId: site.id, limit: 1 });
  const current = latest ? await store.snapshot(latest.id) : undefined;
  const stillDeviating = new Set(approved && current ? deviationsFromBaseline(approved, current).map((d) => d.key) : []);
  const open = await store.alerts.openItems<Deviation>(site.id);
  const accepted = open.filter((i) => !stillDeviating.has(i.key)).map((i) => i.id);
  await store.alerts.resolve(accepted, latest?.id ?? scanId, now.toISOString());
  return { baseline, accepted: accepted.length };
}
