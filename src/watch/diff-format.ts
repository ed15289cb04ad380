/** `praxiswache diff` output: a short text per change, or the ScanDiff as JSON. */
import type { ServiceInfo } from '../core/types.js';
import type { ScanDiff } from './diff.js';

const svc = (s: ServiceInfo): string => [s.name, s.tls ? 'tls' : '', s.product ?? '', s.version ?? ''].filter(Boolean).join(' ');

export function formatDiffText(d: ScanDiff): string {
  const lines = [`diff scan ${d.fromScanId ?? '-'} → scan ${d.toScanId}`];
  for (const p of d.portsOpened) lines.push(`+ port     ${p.host}:${p.port} opened (${svc(p.service)})`);
  for (const p of d.portsClosed) lines.push(`- port     ${p.host}:${p.port} closed (${svc(p.service)})`);
  for (const c of d.servicesChanged) lines.push(`~ service  ${c.host}:${c.port} ${svc(c.before)} → ${svc(c.after)} (${c.fields.join(', ')})`);
  for (const f of d.findingsNew) lines.push(`+ finding  #${f.findingId} [${f.severity}] ${f.checkId} ${f.host}:${f.port} ${f.title}`);
  for (const f of d.findingsResolved) lines.push(`- finding  #${f.findingId} [${f.severity}] ${f.checkId} ${f.host}:${f.port} resolved`);
  for (const { before, after } of d.severityChanged) {
    lines.push(`~ finding  #${after.findingId} ${after.checkId} ${after.host}:${after.port} severity ${before.severity} → ${after.severity}`);
  }
  if (lines.length === 1) lines.push('no changes');
  return lines.join('\n') + '\n';
}
