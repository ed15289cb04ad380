// SARIF 2.1.0 for code-scanning dashboards. Each check is a rule whose help text comes from the
// check's metadata (src/checks/registry.ts); each finding is a result located at tcp://host:port.
// Validated against the official OASIS schema in test/report/sarif.test.ts.
import { createHash } from 'node:crypto';
import type { Finding, Lang, ScanReport, Severity } from '../core/types.js';
import { ALL_CHECKS } from '../checks/registry.js';
import type { CheckMeta } from '../checks/types.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

// GitHub code scanning reads this property (0.1–10) to rank security results.
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.1' };

/** tcp://host:port, the location of a network finding (IPv6 in brackets, RFC 3986). */
export function locationUri(host: string, port: number): string {
  return `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function toSarif(report: ScanReport, lang: Lang): object {
  const metas = new Map<string, CheckMeta>(ALL_CHECKS.map((c) => [c.meta.id, c.meta]));
  // Every catalogued check is a rule (so a dashboard can show what was looked for), plus any
  // check id a finding names that the registry does not know.
  const ruleIds = [...metas.keys(), ...new Set(report.findings.map((f) => f.checkId).filter((id) => !metas.has(id)))];
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.scanner.name,
            version: report.scanner.version,
            semanticVersion: report.scanner.version,
            rules: ruleIds.map((id) => rule(id, metas.get(id), lang, report.findings)),
          },
        },
        invocations: [
          {
            executionSuccessful: !report.interrupted,
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
            ...(report.interrupted ? { exitCodeDescription: 'interrupted: the result is incomplete' } : {}),
          },
        ],
        results: report.findings.map((f) => result(f, ruleIndex.get(f.checkId) ?? -1)),
        properties: { targets: report.targets, interrupted: report.interrupted, skippedChecks: report.skippedChecks ?? [] },
      },
    ],
  };
}

function rule(id: string, meta: CheckMeta | undefined, lang: Lang, findings: Finding[]): object {
  if (!meta) {
    const title = findings.find((f) => f.checkId === id)?.title ?? id;
    return { id, shortDescription: { text: title } };
  }
  const tags = ['security', ...meta.cwe.map((c) => `external/cwe/cwe-${c}`)];
  const references = [...meta.cwe.map((c) => `CWE-${c}`), ...meta.kbv];
  return {
    id,
    name: id,
    shortDescription: { text: meta.title[lang] },
    fullDescription: { text: meta.description[lang] },
    help: {
      text: `${meta.remediation[lang]}\n\n${references.join(', ')}`,
      markdown: `${meta.remediation[lang]}\n\n${references.map((r) => `- ${r}`).join('\n')}`,
    },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags,
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[meta.severity],
      kbv: meta.kbv,
      incidents: meta.incidents,
      intrusive: meta.intrusive,
    },
  };
}

function result(f: Finding, ruleIndex: number): object {
  return {
    ruleId: f.checkId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: `${f.title}: ${f.evidence}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: locationUri(f.host, f.port) } } }],
    partialFingerprints: { 'praxiswache/v1': fingerprint(f) },
    properties: { severity: f.severity, 'security-severity': SECURITY_SEVERITY[f.severity], personalData: f.personalData },
  };
}

/** Stable across scans for the same exposure, so dashboards track it instead of duplicating it. */
function fingerprint(f: Finding): string {
  return createHash('sha256').update(JSON.stringify([f.checkId, f.host, f.port, f.key ?? ''])).digest('hex').slice(0, 32);
}

export function formatSarif(report: ScanReport, lang: Lang): string {
  return `${JSON.stringify(toSarif(report, lang), null, 2)}\n`;
}
