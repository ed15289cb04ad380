// The human report: one table of open ports per host, then the findings most severe first with
// their evidence, then what to do about each kind of finding. German or English.
import type { Finding, HostResult, Lang, ScanReport } from '../core/types.js';
import { SEVERITIES } from '../core/types.js';
import { ALL_CHECKS } from '../checks/registry.js';
import { painter, SEVERITY_STYLE, type Paint } from './ansi.js';
import { SEVERITY_LABEL, texts, type ReportTexts } from './i18n.js';
import { countBySeverity, hostPort, openPortCount } from './summary.js';
import { wrapText } from './wrap.js';

export interface TextOptions {
  color: boolean;
  lang: Lang;
  /** Terminal width to wrap long lines at; none for files and pipes. */
  width?: number;
}

export function formatText(report: ScanReport, opts: TextOptions): string {
  const t = texts(opts.lang);
  const paint = painter(opts.color);
  const out: string[] = [];
  out.push(paint(`praxiswache ${report.scanner.version} · ${t.scan} ${formatTime(report.startedAt)} – ${formatTime(report.finishedAt)}`, 'bold'));
  out.push(`${t.targets}: ${report.targets.join(' ')}`);
  if (report.interrupted) out.push(paint(t.interrupted, 'bold', 'yellow'));
  const sweep = report.hostDiscovery;
  if (sweep) out.push(t.hostDiscovery(sweep.live, sweep.addresses, sweep.ports.join(',')));
  out.push('');

  if (report.hosts.length === 0) out.push(t.noOpenPorts, '');
  for (const host of report.hosts) out.push(...hostTable(host, t, paint), '');

  out.push(paint(`${t.findings} (${report.findings.length})`, 'bold'));
  if (report.findings.length === 0) out.push(`  ${t.noFindings}`);
  for (const f of report.findings) out.push(...findingLines(f, opts, paint));
  out.push(...remediationLines(report.findings, opts, t, paint));
  out.push(...skippedLines(report, t));

  out.push('', summaryLine(report, opts.lang, paint));
  return `${out.join('\n')}\n`;
}

function hostTable(host: HostResult, t: ReportTexts, paint: Paint): string[] {
  const rows = host.ports.map((p) => [
    `${p.port}/${p.protocol}`,
    p.service.name,
    p.service.tls ? t.yes : t.no,
    [p.service.product, p.service.version].filter(Boolean).join(' '),
  ]);
  const header = [t.port, t.service, t.tls, t.product];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]): string => `  ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  const title = host.hostname ? `${host.address} (${host.hostname})` : host.address;
  return [paint(title, 'bold'), paint(line(header), 'dim'), ...rows.map(line)];
}

function findingLines(f: Finding, opts: TextOptions, paint: Paint): string[] {
  const lang = opts.lang;
  const label = SEVERITY_LABEL[lang][f.severity].padEnd(8);
  const t = texts(lang);
  const lines = [`  ${paint(label, ...SEVERITY_STYLE[f.severity])}  ${hostPort(f.host, f.port)}  ${f.title}`];
  const indent = ' '.repeat(12);
  lines.push(`${indent}${paint(f.checkId, 'dim')}${f.personalData ? ` · ${paint(t.personalData, 'bold')}` : ''}`);
  const evidencePrefix = `${indent}${t.evidence}: `;
  lines.push(evidencePrefix + wrapText(f.evidence, { width: opts.width, firstUsed: evidencePrefix.length, indent: `${indent}  ` }));
  return lines;
}

function remediationLines(findings: Finding[], opts: TextOptions, t: ReportTexts, paint: Paint): string[] {
  const ids = [...new Set(findings.map((f) => f.checkId))];
  const advice = ids.flatMap((id) => {
    const check = ALL_CHECKS.find((c) => c.meta.id === id);
    if (!check) return [];
    const text = wrapText(check.meta.remediation[opts.lang], { width: opts.width, firstUsed: id.length + 4, indent: '    ' });
    return [`  ${paint(id, 'bold')}: ${text}`];
  });
  return advice.length > 0 ? ['', paint(t.whatToDo, 'bold'), ...advice] : [];
}

function skippedLines(report: ScanReport, t: ReportTexts): string[] {
  const skipped = report.skippedChecks ?? [];
  if (skipped.length === 0) return [];
  return ['', `${t.skipped} (${skipped.length})`, ...skipped.map((s) => `  ${s.checkId}: ${s.reason}`)];
}

function summaryLine(report: ScanReport, lang: Lang, paint: Paint): string {
  const counts = countBySeverity(report);
  const parts = [...SEVERITIES]
    .reverse()
    .filter((s) => counts[s] > 0)
    .map((s) => paint(`${counts[s]} ${SEVERITY_LABEL[lang][s].toLowerCase()}`, ...SEVERITY_STYLE[s]));
  const base = texts(lang).summary(report.hosts.length, openPortCount(report), report.findings.length);
  return parts.length > 0 ? `${base} (${parts.join(', ')})` : base;
}

/** "2024-05-01 14:03:07 UTC": readable and the same on every machine. */
function formatTime(iso: string): string {
  return `${iso.slice(0, 19).replace('T', ' ')} UTC`;
}
