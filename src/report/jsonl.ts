// JSON Lines: one record per line, so a consumer can act on each port and finding as it comes.
// Records, each with "type" first:
//   {"type":"scan","scanner":{…},"startedAt":…,"targets":[…]}                      first line
//   {"type":"host","address":…,"hostname"?:…}                                      before its ports
//   {"type":"port","host":…,"port":…,"protocol":"tcp","state":"open","service":{…}}
//   {"type":"finding","checkId":…,"severity":…,"host":…,"port":…,"title":…,"evidence":…,"personalData":…}
//   {"type":"summary","finishedAt":…,"interrupted":…,"hosts":n,"openPorts":n,"findings":{"critical":n,…},"skippedChecks":[…]}  last line
// Field shapes are those of the json format (schema/scan-report.schema.json). When the CLI
// streams (`--format jsonl` to stdout), records come in the order things are found; the
// summary line is always last, and its absence means the scan did not end.
import type { Finding, HostResult, PortResult, ScanReport } from '../core/types.js';
import { jsonFinding, jsonHost, jsonService } from './json.js';
import { countBySeverity, openPortCount } from './summary.js';

type Line = string;

export function scanRecord(meta: Pick<ScanReport, 'scanner' | 'startedAt' | 'targets'>): Line {
  return line({ type: 'scan', scanner: meta.scanner, startedAt: meta.startedAt, targets: meta.targets });
}

export function hostRecord(host: Pick<HostResult, 'address' | 'hostname'>): Line {
  const { ports: _ports, ...rest } = jsonHost({ ...host, ports: [] }) as { ports: unknown };
  return line({ type: 'host', ...rest });
}

export function portRecord(host: string, p: PortResult): Line {
  return line({ type: 'port', host, port: p.port, protocol: p.protocol, state: p.state, service: jsonService(p.service) });
}

export function findingRecord(f: Finding): Line {
  return line({ type: 'finding', ...jsonFinding(f) });
}

export function summaryRecord(report: ScanReport): Line {
  return line({
    type: 'summary',
    finishedAt: report.finishedAt,
    interrupted: report.interrupted,
    hosts: report.hosts.length,
    openPorts: openPortCount(report),
    findings: countBySeverity(report),
    skippedChecks: report.skippedChecks ?? [],
  });
}

export function formatJsonl(report: ScanReport): string {
  const lines = [scanRecord(report)];
  for (const host of report.hosts) {
    lines.push(hostRecord(host));
    for (const p of host.ports) lines.push(portRecord(host.address, p));
  }
  for (const f of report.findings) lines.push(findingRecord(f));
  lines.push(summaryRecord(report));
  return lines.join('');
}

function line(record: object): Line {
  return `${JSON.stringify(record)}\n`;
}
