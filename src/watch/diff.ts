/**
 * What changed between two scans: ports opened and closed, services that changed (name,
 * product, version, TLS), findings new, resolved, or with a changed severity. Pure: works on
 * snapshots, so the same code serves `praxiswache diff` and the baseline comparison.
 */
import type { ServiceInfo } from '../core/types.js';
import type { FindingSnapshot, PortSnapshot, ScanSnapshot } from '../store/snapshot.js';

export type ServiceField = 'name' | 'product' | 'version' | 'tls';

export interface ServiceChange {
  host: string;
  port: number;
  before: ServiceInfo;
  after: ServiceInfo;
  fields: ServiceField[];
}

export interface SeverityChange {
  before: FindingSnapshot;
  after: FindingSnapshot;
}

export interface ScanDiff {
  fromScanId: number | null;
  toScanId: number;
  portsOpened: PortSnapshot[];
  portsClosed: PortSnapshot[];
  servicesChanged: ServiceChange[];
  findingsNew: FindingSnapshot[];
  findingsResolved: FindingSnapshot[];
  severityChanged: SeverityChange[];
}

const portKey = (p: { host: string; port: number }): string => `${p.host}:${p.port}`;

const SERVICE_FIELDS: readonly ServiceField[] = ['name', 'product', 'version', 'tls'];

export function changedServiceFields(before: ServiceInfo, after: ServiceInfo): ServiceField[] {
  return SERVICE_FIELDS.filter((f) => (before[f] ?? null) !== (after[f] ?? null));
}

/** `from` undefined means "nothing approved/seen before": everything in `to` is new. */
export function diffSnapshots(from: ScanSnapshot | undefined, to: ScanSnapshot): ScanDiff {
  const beforePorts = new Map((from?.ports ?? []).map((p) => [portKey(p), p]));
  const afterPorts = new Map(to.ports.map((p) => [portKey(p), p]));
  const beforeFindings = new Map((from?.findings ?? []).map((f) => [f.fingerprint, f]));
  const afterFindings = new Map(to.findings.map((f) => [f.fingerprint, f]));

  const servicesChanged: ServiceChange[] = [];
  for (const [key, after] of afterPorts) {
    const before = beforePorts.get(key);
    if (!before) continue;
    const fields = changedServiceFields(before.service, after.service);
    if (fields.length) servicesChanged.push({ host: after.host, port: after.port, before: before.service, after: after.service, fields });
  }
  const severityChanged: SeverityChange[] = [];
  for (const [fp, after] of afterFindings) {
    const before = beforeFindings.get(fp);
    if (before && before.severity !== after.severity) severityChanged.push({ before, after });
  }
  return {
    fromScanId: from?.scan.id ?? null,
    toScanId: to.scan.id,
    portsOpened: sortByAddress([...afterPorts].filter(([k]) => !beforePorts.has(k)).map(([, p]) => p)),
    portsClosed: sortByAddress([...beforePorts].filter(([k]) => !afterPorts.has(k)).map(([, p]) => p)),
    servicesChanged: sortByAddress(servicesChanged),
    findingsNew: sortByAddress([...afterFindings].filter(([k]) => !beforeFindings.has(k)).map(([, f]) => f)),
    findingsResolved: sortByAddress([...beforeFindings].filter(([k]) => !afterFindings.has(k)).map(([, f]) => f)),
    severityChanged,
  };
}

export function diffIsEmpty(d: ScanDiff): boolean {
  return (
    d.portsOpened.length + d.portsClosed.length + d.servicesChanged.length + d.findingsNew.length + d.findingsResolved.length + d.severityChanged.length === 0
  );
}

function sortByAddress<T extends { host: string; port: number }>(items: T[]): T[] {
  return items.sort((a, b) => a.host.localeCompare(b.host, 'en', { numeric: true }) || a.port - b.port);
}
