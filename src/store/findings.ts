/** Reading findings: the history row, or what one scan saw of it. */
import type { Kysely } from 'kysely';
import type { Severity } from '../core/types.js';
import type { Database, FindingRow } from './schema.js';

export interface StoredFinding {
  /** Stable across scans: the id alerts, diffs and incidents refer to. */
  id: number;
  siteId: number | null;
  fingerprint: string;
  checkId: string;
  host: string;
  port: number;
  key: string;
  severity: Severity;
  title: string;
  evidence: string;
  personalData: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  firstScanId: number;
  lastScanId: number;
  resolvedScanId: number | null;
}

export interface FindingFilter {
  siteId?: number;
  /** Only findings this scan saw, with the severity and evidence of that scan. */
  scanId?: number;
  /** true: not resolved; false: resolved only. */
  open?: boolean;
}

function fromRow(row: FindingRow): StoredFinding {
  return {
    id: row.id,
    siteId: row.site_id,
    fingerprint: row.fingerprint,
    checkId: row.check_id,
    host: row.host,
    port: row.port,
    key: row.key,
    severity: row.severity as Severity,
    title: row.title,
    evidence: row.evidence,
    personalData: row.personal_data === 1,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    resolvedAt: row.resolved_at,
    firstScanId: row.first_scan_id,
    lastScanId: row.last_scan_id,
    resolvedScanId: row.resolved_scan_id,
  };
}

export class FindingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(id: number): Promise<StoredFinding | undefined> {
    const row = await this.db.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async list(filter: FindingFilter = {}): Promise<StoredFinding[]> {
    let query = this.db.selectFrom('findings').selectAll('findings');
    if (filter.scanId !== undefined) {
      query = this.db
        .selectFrom('findings')
        .innerJoin('scan_findings as sf', 'sf.finding_id', 'findings.id')
        .selectAll('findings')
        .select(['sf.severity as scan_severity', 'sf.title as scan_title', 'sf.evidence as scan_evidence'])
        .where('sf.scan_id', '=', filter.scanId);
    }
    if (filter.siteId !== undefined) query = query.where('findings.site_id', '=', filter.siteId);
    if (filter.open !== undefined) query = query.where('findings.resolved_at', filter.open ? 'is' : 'is not', null);
    const rows = await query.orderBy('findings.id').execute();
    return rows.map((row) => {
      const scanView = row as FindingRow & { scan_severity?: string; scan_title?: string; scan_evidence?: string };
      return fromRow({
        ...row,
        severity: scanView.scan_severity ?? row.severity,
        title: scanView.scan_title ?? row.title,
        evidence: scanView.scan_evidence ?? row.evidence,
      });
    });
  }
}
