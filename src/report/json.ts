// The JSON contract (schema/scan-report.schema.json). Keys are written in the documented order
// and optional keys are left out rather than null, so the output is stable for other tools.
import type { Finding, HostResult, ScanReport } from '../core/types.js';

export function toJsonReport(report: ScanReport): object {
  return {
    scanner: { name: report.scanner.name, version: report.scanner.version },
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    targets: report.targets,
    interrupted: report.interrupted,
    hosts: report.hosts.map(jsonHost),
    findings: report.findings.map(jsonFinding),
    skippedChecks: (report.skippedChecks ?? []).map((s) => ({ checkId: s.checkId, reason: s.reason })),
    ...(report.hostDiscovery
      ? { hostDiscovery: { ports: report.hostDiscovery.ports, addresses: report.hostDiscovery.addresses, live: report.hostDiscovery.live } }
      : {}),
  };
}

export function jsonHost(host: HostResult): object {
  return {
    address: host.address,
    ...(host.hostname !== undefined ? { hostname: host.hostname } : {}),
    ports: host.ports.map((p) => ({ port: p.port, protocol: p.protocol, state: p.state, service: jsonService(p.service) })),
  };
}

export function jsonService(s: HostResult['ports'][number]['service']): object {
  return {
    name: s.name,
    tls: s.tls,
    ...(s.product !== undefined ? { product: s.product } : {}),
    ...(s.version !== undefined ? { version: s.version } : {}),
    ...(s.banner !== undefined ? { banner: s.banner } : {}),
  };
}

export function jsonFinding(f: Finding): object {
  return {
    checkId: f.checkId,
    severity: f.severity,
    host: f.host,
    port: f.port,
    title: f.title,
    evidence: f.evidence,
    personalData: f.personalData,
    ...(f.key !== undefined ? { key: f.key } : {}),
  };
}

export function formatJson(report: ScanReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
