// Counts shared by the text summary, the jsonl summary record and the CLI exit code.
import type { ScanReport, Severity } from '../core/types.js';
import { SEVERITIES, severityRank } from '../core/types.js';

export function countBySeverity(report: ScanReport): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of report.findings) counts[f.severity]++;
  return counts;
}

export function openPortCount(report: ScanReport): number {
  return report.hosts.reduce((n, h) => n + h.ports.length, 0);
}

/** True when some finding is at or above the threshold (the CLI's --fail-on). */
export function hasFindingAtOrAbove(report: ScanReport, threshold: Severity): boolean {
  return report.findings.some((f) => severityRank(f.severity) >= severityRank(threshold));
}

/** host:port as a reader writes it: IPv6 in brackets. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
