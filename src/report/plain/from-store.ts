/**
 * The plain report's input from the store: a site's latest scan (or a given scan id), its
 * findings with their history, and the comparison with the approved baseline — or, while none
 * is approved, with the previous finished scan. The comparison reuses the watch diff and
 * deviations, so the report says what the alerts say.
 */
import { UsageError } from '../../core/types.js';
import { severityRank } from '../../core/types.js';
import type { ScanRow } from '../../store/schema.js';
import type { Site } from '../../store/sites.js';
import type { Store } from '../../store/store.js';
import { deviationsFromBaseline } from '../../watch/deviations.js';
import { diffSnapshots } from '../../watch/diff.js';
import type { NoComparison, PlainChanges, PlainReportInput } from './types.js';

export interface StoredScanChoice {
  /** Site name or id; optional when the store has exactly one site or a scan id is given. */
  site?: string;
  scanId?: number;
}

async function chooseSite(store: Store, name: string | undefined): Promise<Site> {
  if (name !== undefined) return store.sites.require(name);
  const sites = await store.sites.list();
  const only = sites.length === 1 ? sites[0] : undefined;
  if (only) return only;
  throw new UsageError(
    sites.length === 0
      ? 'no sites in the store yet: report on a scan file with --file scan.json, or add a site (praxiswache site add NAME --land NI --targets ADDRESS)'
      : `name the site (one of: ${sites.map((s) => s.name).join(', ')}) or give --scan ID`,
  );
}

async function chooseScan(store: Store, choice: StoredScanChoice): Promise<{ scan: ScanRow; site: Site | undefined }> {
  if (choice.scanId !== undefined) {
    const scan = await store.scans.get(choice.scanId);
    if (!scan) throw new UsageError(`no scan ${choice.scanId} in the store (see: praxiswache site show SITE)`);
    const site = scan.site_id === null ? undefined : await store.sites.get(scan.site_id);
    if (choice.site !== undefined) {
      const named = await store.sites.require(choice.site);
      if (named.id !== site?.id) throw new UsageError(`scan ${choice.scanId} does not belong to site "${choice.site}"`);
    }
    return { scan, site };
  }
  const site = await chooseSite(store, choice.site);
  // The latest scan whatever its status: an interrupted last scan is reported as such, not skipped.
  const [scan] = await store.scans.list({ siteId: site.id, limit: 1 });
  if (!scan) throw new UsageError(`site "${site.name}" has no scans yet: praxiswache watch --once ${site.name}`);
  return { scan, site };
}

async function comparison(store: Store, scan: ScanRow, site: Site | undefined): Promise<PlainChanges | NoComparison> {
  if (!site) return 'no-site';
  const baseline = await store.baselines.current(site.id);
  if (baseline?.scan_id === scan.id) return 'is-baseline';
  let referenceId = baseline?.scan_id;
  if (referenceId === undefined) {
    const finished = await store.scans.list({ siteId: site.id, status: 'finished', limit: 100 });
    referenceId = finished.find((s) => s.id !== scan.id && s.started_at <= scan.started_at)?.id;
  }
  const [reference, current] = referenceId === undefined ? [] : await Promise.all([store.snapshot(referenceId), store.snapshot(scan.id)]);
  if (!reference || !current) return 'first-scan';
  const diff = diffSnapshots(reference, current);
  return {
    against: baseline ? 'baseline' : 'previous',
    referenceScanId: reference.scan.id,
    referenceAt: reference.scan.finished_at ?? reference.scan.started_at,
    ...(baseline ? { approvedBy: baseline.approved_by, approvedAt: baseline.approved_at } : {}),
    worse: deviationsFromBaseline(reference, current),
    portsClosed: diff.portsClosed,
    findingsResolved: diff.findingsResolved,
    findingsMilder: diff.severityChanged.filter((c) => severityRank(c.after.severity) < severityRank(c.before.severity)),
  };
}

export async function loadStoredReport(store: Store, choice: StoredScanChoice): Promise<PlainReportInput> {
  const { scan, site } = await chooseScan(store, choice);
  const findings = await store.listFindings({ scanId: scan.id });
  return {
    ...(site ? { siteName: site.name } : {}),
    scanId: scan.id,
    status: scan.status,
    startedAt: scan.started_at,
    finishedAt: scan.finished_at,
    targets: JSON.parse(scan.targets_json) as string[],
    hostCount: scan.host_count,
    openPortCount: scan.port_count,
    // Whole rows: the document prints only title, evidence, address and history of each.
    findings: findings.map((f) => ({ ...f, findingId: f.id })),
    skipped: scan.skipped_checks_json === null ? null : (JSON.parse(scan.skipped_checks_json) as { checkId: string; reason: string }[]),
    changes: await comparison(store, scan, site),
  };
}
