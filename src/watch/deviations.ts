/**
 * Deviations from the approved baseline: what the practice did not accept as normal. A new open
 * port is a deviation even without a finding (in Celle, the open ports were the news). Closing
 * a port or resolving a finding is not a deviation: that is the direction we want.
 */
import type { ServiceInfo, Severity } from '../core/types.js';
import { severityRank } from '../core/types.js';
import type { ScanSnapshot } from '../store/snapshot.js';
import { diffSnapshots } from './diff.js';

export type DeviationKind = 'port-opened' | 'service-changed' | 'finding-new' | 'finding-worse';

export interface Deviation {
  /** Stable identity of this deviation: the same key in the next scan is the same alert. */
  key: string;
  kind: DeviationKind;
  host: string;
  port: number;
  service?: ServiceInfo;
  /** For service changes: what the baseline had. */
  serviceBefore?: ServiceInfo;
  findingId?: number;
  checkId?: string;
  severity?: Severity;
  title?: string;
  personalData?: boolean;
}

const describeService = (s: ServiceInfo): string => [s.name, s.tls ? 'tls' : 'plain', s.product ?? '', s.version ?? ''].join('/');

export function deviationsFromBaseline(baseline: ScanSnapshot | undefined, current: ScanSnapshot): Deviation[] {
  const d = diffSnapshots(baseline, current);
  const out: Deviation[] = [];
  for (const p of d.portsOpened) {
    out.push({ key: `port:${p.host}:${p.port}`, kind: 'port-opened', host: p.host, port: p.port, service: p.service });
  }
  for (const c of d.servicesChanged) {
    out.push({
      key: `service:${c.host}:${c.port}:${describeService(c.after)}`,
      kind: 'service-changed',
      host: c.host,
      port: c.port,
      service: c.after,
      serviceBefore: c.before,
    });
  }
  for (const f of d.findingsNew) {
    out.push({
      key: `finding:${f.fingerprint}`,
      kind: 'finding-new',
      host: f.host,
      port: f.port,
      findingId: f.findingId,
      checkId: f.checkId,
      severity: f.severity,
      title: f.title,
      personalData: f.personalData,
    });
  }
  for (const { before, after } of d.severityChanged) {
    if (severityRank(after.severity) <= severityRank(before.severity)) continue;
    out.push({
      key: `finding-worse:${after.fingerprint}:${after.severity}`,
      kind: 'finding-worse',
      host: after.host,
      port: after.port,
      findingId: after.findingId,
      checkId: after.checkId,
      severity: after.severity,
      title: after.title,
      personalData: after.personalData,
    });
  }
  return out;
}
