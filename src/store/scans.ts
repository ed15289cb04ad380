/**
 * Writing scans: a row marked `running` when the scan starts, then hosts, ports, services and
 * findings in one transaction when it ends. A scan that never ends (process killed) stays
 * `running` until `markOrphansInterrupted` finds its runner gone.
 */
import { hostname } from 'node:os';
import type { Kysely, Transaction } from 'kysely';
import type { Finding, ScanReport } from '../core/types.js';
import { severityRank } from '../core/types.js';
import { VERSION } from '../core/version.js';
import { findingFingerprint } from './fingerprint.js';
import type { Database, ScanRow } from './schema.js';

const BATCH_ROWS = 1_000;

export function currentRunner(): string {
  return `${hostname()}:${process.pid}`;
}

/** A failure's message may quote the peer: only that the check failed is kept. */
function storableSkip(s: { checkId: string; reason: string }): { checkId: string; reason: string } {
  return { checkId: s.checkId, reason: /^(checks )?failed\b/.test(s.reason) ? 'failed' : s.reason };
}

export class ScanRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async begin(siteId: number | null, targets: string[], startedAt = new Date().toISOString()): Promise<number> {
    const row = await this.db
      .insertInto('scans')
      .values({
        site_id: siteId,
        status: 'running',
        started_at: startedAt,
        finished_at: null,
        targets_json: JSON.stringify(targets),
        scanner_version: VERSION,
        runner: currentRunner(),
        host_count: 0,
        port_count: 0,
        finding_count: 0,
        note: null,
        skipped_checks_json: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Stores the report's results under a scan begun with `begin`; its status follows `report.interrupted`. */
  async complete(scanId: number, report: ScanReport): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const scan = await trx.selectFrom('scans').selectAll().where('id', '=', scanId).executeTakeFirstOrThrow();
      const portCount = await insertHostsAndPorts(trx, scanId, report);
      const findingCount = await recordFindings(trx, scan, report);
      await trx
        .updateTable('scans')
        .set({
          status: report.interrupted ? 'interrupted' : 'finished',
          finished_at: report.finishedAt,
          targets_json: JSON.stringify(report.targets),
          host_count: report.hosts.length,
          port_count: portCount,
          finding_count: findingCount,
          note: report.interrupted ? 'stopped before the end: results are partial' : null,
          skipped_checks_json: JSON.stringify((report.skippedChecks ?? []).map(storableSkip)),
        })
        .where('id', '=', scanId)
        .execute();
    });
  }

  async save(siteId: number | null, report: ScanReport): Promise<number> {
    const id = await this.begin(siteId, report.targets, report.startedAt);
    await this.complete(id, report);
    return id;
  }

  /**
   * Scans left `running` by a process of this machine that no longer exists become `interrupted`.
   * Scans run by other machines are left alone: their runner may still be alive.
   */
  async markOrphansInterrupted(isAlive: (pid: number) => boolean = processAlive): Promise<number[]> {
    const running = await this.db.selectFrom('scans').select(['id', 'runner']).where('status', '=', 'running').execute();
    const host = hostname();
    const orphans = running.filter((s) => {
      const [runnerHost, pid] = (s.runner ?? '').split(':');
      return runnerHost === host && pid !== String(process.pid) && !isAlive(Number(pid));
    });
    if (orphans.length === 0) return [];
    const ids = orphans.map((s) => s.id);
    for (const id of ids) await this.markInterrupted(id, 'the scanning process ended before the scan finished');
    return ids;
  }

  async markInterrupted(id: number, note: string): Promise<void> {
    await this.db.updateTable('scans').set({ status: 'interrupted', note }).where('id', '=', id).where('status', '=', 'running').execute();
  }

  async get(id: number): Promise<ScanRow | undefined> {
    return this.db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first. */
  async list(opts: { siteId?: number; status?: ScanRow['status']; limit?: number } = {}): Promise<ScanRow[]> {
    let query = this.db.selectFrom('scans').selectAll();
    if (opts.siteId !== undefined) query = query.where('site_id', '=', opts.siteId);
    if (opts.status) query = query.where('status', '=', opts.status);
    return query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(opts.limit ?? 50).execute();
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function* batches<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += BATCH_ROWS) yield items.slice(i, i + BATCH_ROWS);
}

async function insertHostsAndPorts(trx: Transaction<Database>, scanId: number, report: ScanReport): Promise<number> {
  const hostIds = new Map<string, number>();
  for (const batch of batches(report.hosts)) {
    const rows = await trx
      .insertInto('hosts')
      .values(batch.map((h) => ({ scan_id: scanId, address: h.address, hostname: h.hostname ?? null })))
      .returning(['id', 'address'])
      .execute();
    for (const r of rows) hostIds.set(r.address, r.id);
  }
  const ports = report.hosts.flatMap((h) => h.ports.map((p) => ({ hostId: hostIds.get(h.address) ?? 0, p })));
  for (const batch of batches(ports)) {
    const rows = await trx
      .insertInto('ports')
      .values(batch.map(({ hostId, p }) => ({ scan_id: scanId, host_id: hostId, port: p.port, protocol: p.protocol })))
      .returning(['id', 'host_id', 'port'])
      .execute();
    // RETURNING order is not guaranteed: match rows by their natural key.
    const portIds = new Map(rows.map((r) => [`${r.host_id}:${r.port}`, r.id]));
    await trx
      .insertInto('services')
      .values(
        batch.map(({ hostId, p }) => ({
          port_id: portIds.get(`${hostId}:${p.port}`) ?? 0,
          name: p.service.name,
          tls: p.service.tls ? 1 : 0,
          product: p.service.product ?? null,
          version: p.service.version ?? null,
          banner: p.service.banner ?? null,
        })),
      )
      .execute();
  }
  return ports.length;
}

/** The same exposure reported twice in one scan counts once, at its highest severity. */
function uniqueByFingerprint(findings: readonly Finding[]): Map<string, Finding> {
  const unique = new Map<string, Finding>();
  for (const f of findings) {
    const fp = findingFingerprint(f);
    const seen = unique.get(fp);
    if (!seen || severityRank(f.severity) > severityRank(seen.severity)) unique.set(fp, f);
  }
  return unique;
}

/**
 * Updates the finding history: new fingerprints are inserted, known ones get last-seen (and
 * re-open when they had been resolved). Only a finished scan may resolve findings: a partial
 * scan not seeing something proves nothing.
 */
async function recordFindings(trx: Transaction<Database>, scan: ScanRow, report: ScanReport): Promise<number> {
  const at = report.finishedAt;
  const unique = uniqueByFingerprint(report.findings);
  let scope = trx
    .selectFrom('findings')
    .innerJoin('scans as last', 'last.id', 'findings.last_scan_id')
    .select(['findings.id', 'findings.fingerprint', 'findings.resolved_at', 'last.targets_json as lastTargets']);
  scope = scan.site_id === null ? scope.where('findings.site_id', 'is', null) : scope.where('findings.site_id', '=', scan.site_id);
  const known = new Map((await scope.execute()).map((f) => [f.fingerprint, f]));

  const observed: { findingId: number; f: Finding }[] = [];
  const fresh: [string, Finding][] = [];
  for (const [fp, f] of unique) {
    const existing = known.get(fp);
    if (!existing) {
      fresh.push([fp, f]);
      continue;
    }
    observed.push({ findingId: existing.id, f });
    await trx
      .updateTable('findings')
      .set({
        severity: f.severity,
        title: f.title,
        evidence: f.evidence,
        personal_data: f.personalData ? 1 : 0,
        last_seen_at: at,
        last_scan_id: scan.id,
        resolved_at: null,
        resolved_scan_id: null,
      })
      .where('id', '=', existing.id)
      .execute();
  }
  for (const batch of batches(fresh)) {
    const rows = await trx
      .insertInto('findings')
      .values(
        batch.map(([fp, f]) => ({
          site_id: scan.site_id,
          fingerprint: fp,
          check_id: f.checkId,
          host: f.host,
          port: f.port,
          key: f.key ?? '',
          severity: f.severity,
          title: f.title,
          evidence: f.evidence,
          personal_data: f.personalData ? 1 : 0,
          first_seen_at: at,
          last_seen_at: at,
          resolved_at: null,
          first_scan_id: scan.id,
          last_scan_id: scan.id,
          resolved_scan_id: null,
        })),
      )
      .returning(['id', 'fingerprint'])
      .execute();
    const ids = new Map(rows.map((r) => [r.fingerprint, r.id]));
    for (const [fp, f] of batch) observed.push({ findingId: ids.get(fp) ?? 0, f });
  }
  for (const batch of batches(observed)) {
    await trx
      .insertInto('scan_findings')
      .values(
        batch.map(({ findingId, f }) => ({
          scan_id: scan.id,
          finding_id: findingId,
          severity: f.severity,
          title: f.title,
          evidence: f.evidence,
          personal_data: f.personalData ? 1 : 0,
        })),
      )
      .execute();
  }

  if (!report.interrupted) {
    // Without a site, only a scan of the same targets speaks about a finding's absence.
    const targets = JSON.stringify(report.targets);
    const inScope = (f: { lastTargets: string }): boolean => scan.site_id !== null || f.lastTargets === targets;
    const gone = [...known.values()]
      .filter((f) => f.resolved_at === null && !unique.has(f.fingerprint) && inScope(f))
      .map((f) => f.id);
    for (const batch of batches(gone)) {
      await trx.updateTable('findings').set({ resolved_at: at, resolved_scan_id: scan.id }).where('id', 'in', batch).execute();
    }
  }
  return unique.size;
}
