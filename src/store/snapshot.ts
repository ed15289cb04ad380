/** Everything one scan saw, in the shape the diff and the baseline comparison need. */
import type { Kysely } from 'kysely';
import type { ServiceInfo, Severity } from '../core/types.js';
import type { Database, ScanRow } from './schema.js';

export interface PortSnapshot {
  host: string;
  port: number;
  service: ServiceInfo;
}

export interface FindingSnapshot {
  findingId: number;
  fingerprint: string;
  checkId: string;
  host: string;
  port: number;
  severity: Severity;
  title: string;
  personalData: boolean;
}

export interface ScanSnapshot {
  scan: ScanRow;
  ports: PortSnapshot[];
  findings: FindingSnapshot[];
}

export async function loadSnapshot(db: Kysely<Database>, scanId: number): Promise<ScanSnapshot | undefined> {
  const scan = await db.selectFrom('scans').selectAll().where('id', '=', scanId).executeTakeFirst();
  if (!scan) return undefined;
  const portRows = await db
    .selectFrom('ports')
    .innerJoin('hosts', 'hosts.id', 'ports.host_id')
    .leftJoin('services', 'services.port_id', 'ports.id')
    .select(['hosts.address', 'ports.port', 'services.name', 'services.tls', 'services.product', 'services.version'])
    .where('ports.scan_id', '=', scanId)
    .execute();
  const findingRows = await db
    .selectFrom('scan_findings as sf')
    .innerJoin('findings', 'findings.id', 'sf.finding_id')
    .select(['findings.id', 'findings.fingerprint', 'findings.check_id', 'findings.host', 'findings.port'])
    .select(['sf.severity', 'sf.title', 'sf.personal_data'])
    .where('sf.scan_id', '=', scanId)
    .execute();
  return {
    scan,
    ports: portRows.map((r) => ({
      host: r.address,
      port: r.port,
      service: {
        name: r.name ?? 'unknown',
        tls: r.tls === 1,
        ...(r.product ? { product: r.product } : {}),
        ...(r.version ? { version: r.version } : {}),
      },
    })),
    findings: findingRows.map((r) => ({
      findingId: r.id,
      fingerprint: r.fingerprint,
      checkId: r.check_id,
      host: r.host,
      port: r.port,
      severity: r.severity as Severity,
      title: r.title,
      personalData: r.personal_data === 1,
    })),
  };
}
