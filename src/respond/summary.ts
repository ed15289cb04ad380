/** Plain-text and JSON views of incidents for the terminal and for scripts. */
import type { Lang } from '../core/types.js';
import { formatBerlin } from './berlin-time.js';
import type { Incident } from './model.js';
import { art33Missing } from './notice-art33.js';
import { pick } from './text.js';


/** The stable JSON shape of `incident show --format json` (documented in docs/respond.md). */
export function incidentJson(i: Incident): Record<string, unknown> {
  const a = i.assessment;
  return {
    id: i.id,
    title: i.title,
    description: i.description,
    status: i.status,
    site: i.siteName,
    siteId: i.siteId,
    land: i.land,
    timeline: i.timeline,
    delayReasons: i.delayReasons,
    details: i.details,
    findings: i.findings,
    severity: a
      ? { score: a.result.score, level: a.result.level, band: a.result.band, label: a.result.label, description: a.result.description, dpc: a.result.dpc, cb: a.result.cb, flags: a.result.flags, input: a.input, assessedAt: a.at, assessedBy: a.author }
      : null,
    deadline: i.deadline ? { due: i.deadline.due, hoursLeft: i.deadline.hoursLeft, overdue: i.deadline.overdue, late: i.deadline.late, notified: i.deadline.notified } : null,
    decision: i.decision,
    noticeMissing: art33Missing(i).map((m) => m.key),
    suggestions: i.suggestions,
    authorityNotifications: i.authorityNotifications,
    history: i.history,
  };
}

export function incidentText(i: Incident, lang: Lang): string {
  const when = (iso: string | null): string => (iso ? formatBerlin(new Date(iso), lang) : '—');
  const lines = [
    `#${String(i.id)} ${i.title} [${i.status}]`,
    `  ${pick(lang, 'Standort/Land', 'Site/Land')}: ${i.siteName ?? '—'} / ${i.land ?? '—'}`,
    `  ${pick(lang, 'Entdeckt', 'Discovered')}: ${when(i.timeline.discoveredAt)}`,
    `  ${pick(lang, 'Kenntnis', 'Aware')}: ${when(i.timeline.awareAt)}${i.timeline.awareDecidedBy ? ` (${i.timeline.awareDecidedBy})` : ''}`,
  ];
  if (i.deadline) {
    const d = i.deadline;
    const state = d.notified
      ? d.late ? pick(lang, 'verspätet gemeldet', 'notified late') : pick(lang, 'fristgerecht gemeldet', 'notified in time')
      : d.overdue ? pick(lang, `ÜBERFÄLLIG seit ${String(-d.hoursLeft)} h`, `OVERDUE by ${String(-d.hoursLeft)} h`) : pick(lang, `noch ${String(d.hoursLeft)} h`, `${String(d.hoursLeft)} h left`);
    lines.push(`  ${pick(lang, 'Meldefrist', 'Notification due')}: ${d.display[lang]} (${state})`);
  }
  lines.push(
    `  ${pick(lang, 'Behörde gemeldet', 'Authority notified')}: ${when(i.timeline.notifiedAuthorityAt)}`,
    `  ${pick(lang, 'Patienten informiert', 'Patients informed')}: ${when(i.timeline.notifiedPatientsAt)}`,
  );
  if (i.assessment) {
    const r = i.assessment.result;
    lines.push(`  ${pick(lang, 'Schweregrad', 'Severity')}: ${String(r.score)} – ${r.label[lang]} (${String(r.level)}/4)`);
  }
  lines.push(`  ${pick(lang, 'Empfehlung', 'Recommendation')}: ${i.decision.action}`);
  for (const r of i.decision.reasons) lines.push(`    - ${r[lang]}`);
  for (const m of i.decision.missing) lines.push(`    ! ${m[lang]}`);
  const missing = art33Missing(i);
  if (missing.length > 0) lines.push(`  ${pick(lang, 'Meldung unvollständig', 'Notice incomplete')}: ${missing.map((m) => m.key).join(', ')}`);
  for (const f of i.findings) lines.push(`  ${pick(lang, 'Befund', 'Finding')} #${String(f.id)}: ${f.checkId} ${f.host}:${String(f.port)}`);
  if (!i.assessment && i.suggestions.hints.length > 0) {
    lines.push(`  ${pick(lang, 'Vorschläge aus den Befunden (bitte bestätigen)', 'Suggestions from the findings (please confirm)')}:`);
    for (const h of i.suggestions.hints) lines.push(`    - ${h[lang]}`);
  }
  return `${lines.join('\n')}\n`;
}
