// Collects what the stages find into a ScanReport. Hosts appear once they have an open port;
// the final report is sorted (hosts by address, ports ascending, findings most severe first) so
// that two scans of the same network produce the same document.

import type { Finding, HostResult, PortResult, ScanReport, ServiceInfo } from '../core/types.js';
import { severityRank } from '../core/types.js';
import { parseIP } from '../targets/index.js';

export class ReportBuilder {
  private readonly startedAt = new Date().toISOString();
  private readonly hosts = new Map<string, HostResult>();
  private readonly findings: Finding[] = [];
  private readonly skipped = new Map<string, { checkId: string; reason: string }>();
  private hostDiscovery: ScanReport['hostDiscovery'];
  /** Set once the report is final; late results are dropped, never mixed in. */
  closed = false;

  constructor(
    private readonly scanner: ScanReport['scanner'],
    private readonly targets: string[],
  ) {}

  noteHost(address: string, hostname?: string): HostResult {
    let host = this.hosts.get(address);
    if (!host) {
      host = { address, ...(hostname !== undefined ? { hostname } : {}), ports: [] };
      this.hosts.set(address, host);
    }
    return host;
  }

  addPort(address: string, port: number, service: ServiceInfo): PortResult {
    const result: PortResult = { port, protocol: 'tcp', state: 'open', service };
    const host = this.noteHost(address);
    // A host listed twice (overlapping targets) can report the same port twice; keep one.
    const existing = host.ports.findIndex((p) => p.port === port);
    if (existing >= 0) host.ports[existing] = result;
    else host.ports.push(result);
    return result;
  }

  addFinding(f: Finding): void {
    this.findings.push(f);
  }

  noteHostDiscovery(summary: NonNullable<ScanReport['hostDiscovery']>): void {
    this.hostDiscovery = summary;
  }

  addSkipped(entries: { checkId: string; reason: string }[]): void {
    for (const e of entries) this.skipped.set(`${e.checkId}\u0000${e.reason}`, e);
  }

  finish(interrupted: boolean): ScanReport {
    this.closed = true;
    const hosts = [...this.hosts.values()].sort((a, b) => compareAddresses(a.address, b.address));
    for (const h of hosts) h.ports.sort((a, b) => a.port - b.port);
    return {
      scanner: this.scanner,
      startedAt: this.startedAt,
      finishedAt: new Date().toISOString(),
      targets: this.targets,
      interrupted,
      hosts,
      findings: sortFindings(dedupeFindings(this.findings)),
      skippedChecks: [...this.skipped.values()].sort((a, b) => a.checkId.localeCompare(b.checkId)),
      ...(this.hostDiscovery ? { hostDiscovery: this.hostDiscovery } : {}),
    };
  }
}

function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) seen.set(JSON.stringify([f.checkId, f.host, f.port, f.key ?? f.evidence]), f);
  return [...seen.values()];
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      compareAddresses(a.host, b.host) ||
      a.port - b.port ||
      a.checkId.localeCompare(b.checkId),
  );
}

export function compareAddresses(a: string, b: string): number {
  const x = parseIP(a);
  const y = parseIP(b);
  if (!x || !y) return a.localeCompare(b);
  if (x.family !== y.family) return x.family - y.family;
  return x.value < y.value ? -1 : x.value > y.value ? 1 : 0;
}
