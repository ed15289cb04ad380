/** `praxiswache diff` output: a short text per change (German or English), or the ScanDiff as JSON. */
import type { Lang, ServiceInfo } from '../core/types.js';
import type { ScanDiff } from './diff.js';

const svc = (s: ServiceInfo): string => [s.name, s.tls ? 'tls' : '', s.product ?? '', s.version ?? ''].filter(Boolean).join(' ');

/** The words of the diff; the +/-/~ marks, addresses, check ids and severities stay as they are for grep. */
const WORDS: Record<Lang, { heading: string; scan: string; port: string; service: string; finding: string; opened: string; closed: string; resolved: string; severity: string; none: string }> = {
  en: { heading: 'diff', scan: 'scan', port: 'port', service: 'service', finding: 'finding', opened: 'opened', closed: 'closed', resolved: 'resolved', severity: 'severity', none: 'no changes' },
  de: { heading: 'Vergleich', scan: 'Scan', port: 'Port', service: 'Dienst', finding: 'Befund', opened: 'geöffnet', closed: 'geschlossen', resolved: 'behoben', severity: 'Schweregrad', none: 'keine Änderungen' },
};

export function formatDiffText(d: ScanDiff, lang: Lang = 'en'): string {
  const w = WORDS[lang];
  // One column width for the kind, whatever the language, so the addresses line up.
  const kind = (k: string): string => k.padEnd(Math.max(w.port.length, w.service.length, w.finding.length) + 2);
  const lines = [`${w.heading} ${w.scan} ${d.fromScanId ?? '-'} → ${w.scan} ${d.toScanId}`];
  for (const p of d.portsOpened) lines.push(`+ ${kind(w.port)}${p.host}:${p.port} ${w.opened} (${svc(p.service)})`);
  for (const p of d.portsClosed) lines.push(`- ${kind(w.port)}${p.host}:${p.port} ${w.closed} (${svc(p.service)})`);
  for (const c of d.servicesChanged) lines.push(`~ ${kind(w.service)}${c.host}:${c.port} ${svc(c.before)} → ${svc(c.after)} (${c.fields.join(', ')})`);
  for (const f of d.findingsNew) lines.push(`+ ${kind(w.finding)}#${f.findingId} [${f.severity}] ${f.checkId} ${f.host}:${f.port} ${f.title}`);
  for (const f of d.findingsResolved) lines.push(`- ${kind(w.finding)}#${f.findingId} [${f.severity}] ${f.checkId} ${f.host}:${f.port} ${w.resolved}`);
  for (const { before, after } of d.severityChanged) {
    lines.push(`~ ${kind(w.finding)}#${after.findingId} ${after.checkId} ${after.host}:${after.port} ${w.severity} ${before.severity} → ${after.severity}`);
  }
  if (lines.length === 1) lines.push(w.none);
  return lines.join('\n') + '\n';
}
