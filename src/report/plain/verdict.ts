/**
 * The traffic light at the top of the report. Red when something is open that must be closed
 * today (critical or high, or patient data reachable); amber for weaknesses; green otherwise.
 * An incomplete scan never gets a green verdict: not having seen something proves nothing.
 */
import type { Severity } from '../../core/types.js';
import { severityRank } from '../../core/types.js';
import type { Light } from './texts.js';
import type { PlainFinding, PlainScanStatus } from './types.js';

export interface Verdict {
  light: Light;
  /** True when the scan did not finish: the headline says so instead of "nothing urgent". */
  incomplete: boolean;
}

export function verdictOf(findings: readonly PlainFinding[], status: PlainScanStatus): Verdict {
  const incomplete = status !== 'finished';
  const atLeast = (s: Severity): boolean => findings.some((f) => severityRank(f.severity) >= severityRank(s));
  if (atLeast('high') || findings.some((f) => f.personalData)) return { light: 'red', incomplete };
  if (atLeast('low') || incomplete) return { light: 'amber', incomplete };
  return { light: 'green', incomplete };
}

/** Worst first; patient data before the rest at equal severity; then by address for a stable order. */
export function bySeverity(a: PlainFinding, b: PlainFinding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    Number(b.personalData) - Number(a.personalData) ||
    a.host.localeCompare(b.host, 'en', { numeric: true }) ||
    a.port - b.port ||
    a.checkId.localeCompare(b.checkId)
  );
}
