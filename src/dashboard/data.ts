/**
 * What the dashboard shows, read through the store's own repositories and the baseline
 * comparison of watch/: the same numbers `site show` and `baseline show` print.
 */
import { SEVERITIES, severityRank, type Severity } from '../core/types.js';
import type { StoredFinding } from '../store/findings.js';
import type { BaselineRow, ScanRow } from '../store/schema.js';
import type { Site } from '../store/sites.js';
import type { Store } from '../store/store.js';
import { deviationsFromBaseline, type Deviation } from '../watch/deviations.js';

export interface SiteSummary {
  site: Site;
  lastScan: ScanRow | undefined;
  openBySeverity: Record<Severity, number>;
  baseline: BaselineRow | undefined;
  /** What the newest completed (or interrupted) scan shows beyond the approved baseline; null without a baseline. */
  deviations: Deviation[] | null;
}

export interface SiteDetail extends SiteSummary {
  openFindings: StoredFinding[];
  recentScans: ScanRow[];
}

const RECENT_SCANS = 10;

export function countBySeverity(findings: readonly StoredFinding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

async function summarise(store: Store, site: Site, scans: ScanRow[], open: StoredFinding[]): Promise<SiteSummary> {
  const baseline = await store.baselines.current(site.id);
  // A running scan has stored nothing yet: compare the newest one that ended.
  const ended = scans.find((s) => s.status !== 'running');
  let deviations: Deviation[] | null = null;
  if (baseline) {
    const [approved, current] = await Promise.all([store.snapshot(baseline.scan_id), ended ? store.snapshot(ended.id) : undefined]);
    deviations = approved && current ? deviationsFromBaseline(approved, current) : [];
  }
  return { site, lastScan: scans[0], openBySeverity: countBySeverity(open), baseline, deviations };
}

export async function siteSummaries(store: Store): Promise<SiteSummary[]> {
  const sites = await store.sites.list();
  return Promise.all(
    sites.map(async (site) => {
      const [scans, open] = await Promise.all([store.scans.list({ siteId: site.id, limit: 5 }), store.listFindings({ siteId: site.id, open: true })]);
      return summarise(store, site, scans, open);
    }),
  );
}

export async function siteDetail(store: Store, siteId: number): Promise<SiteDetail | undefined> {
  const site = await store.getSite(siteId);
  if (!site) return undefined;
  const [recentScans, open] = await Promise.all([store.scans.list({ siteId: site.id, limit: RECENT_SCANS }), store.listFindings({ siteId: site.id, open: true })]);
  const summary = await summarise(store, site, recentScans, open);
  const openFindings = [...open].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.id - b.id);
  return { ...summary, openFindings, recentScans };
}
