/** Plain-text and JSON views of incidents for the terminal and for scripts. */
import type { Lang, Localized } from '../core/types.js';
import { formatBerlin } from './berlin-time.js';
import type { DecisionAction } from './decision.js';
import type { Incident } from './model.js';
import { art33Missing, type MissingItem } from './notice-art33.js';
import { pick } from './text.js';

/** What the recommendation means, as a sentence the practice can act on. */
const ACTION_TEXT: Record<DecisionAction, Localized> = {
  pending: { de: 'noch offen – zuerst den Schweregrad bewerten (incident assess)', en: 'pending – assess the severity first (incident assess)' },
  'register-only': { de: 'nur im Verzeichnis dokumentieren, keine Meldung an die Behörde', en: 'document in the register only, no notification to the authority' },
  'notify-authority': { de: 'der Aufsichtsbehörde melden (Art. 33 DSGVO)', en: 'notify the supervisory authority (Art. 33 GDPR)' },
  'notify-authority-and-patients': {
    de: 'der Aufsichtsbehörde melden (Art. 33 DSGVO) und die Patienten benachrichtigen (Art. 34 DSGVO)',
    en: 'notify the supervisory authority (Art. 33 GDPR) and inform the patients (Art. 34 GDPR)',
  },
};

/**
 * The `incident update` flag that fills each missing notice item, with a short label: the reader
 * wants to know what to type, not the field name inside the store.
 */
const FILL_IN: Record<string, { flag: string; label: Localized }> = {
  controller: { flag: '--controller', label: { de: 'Name und Anschrift der Praxis', en: 'practice name and address' } },
  land: { flag: '--land', label: { de: 'Bundesland', en: 'Land (federal state)' } },
  awareAt: { flag: '--aware-at', label: { de: 'Zeitpunkt der Kenntnis', en: 'time of becoming aware' } },
  nature: { flag: '--nature', label: { de: 'was passiert ist', en: 'what happened' } },
  subjectCategories: { flag: '--subject-categories', label: { de: 'betroffene Personengruppen', en: 'groups of people affected' } },
  subjectsApprox: { flag: '--subjects', label: { de: 'ungefähre Zahl Betroffener', en: 'approximate number of people' } },
  recordCategories: { flag: '--record-categories', label: { de: 'Arten der Datensätze', en: 'kinds of data records' } },
  recordsApprox: { flag: '--records', label: { de: 'ungefähre Zahl der Datensätze', en: 'approximate number of records' } },
  contact: { flag: '--contact', label: { de: 'Datenschutzbeauftragte/r oder Anlaufstelle', en: 'data protection officer or contact point' } },
  consequences: { flag: '--consequences', label: { de: 'wahrscheinliche Folgen', en: 'likely consequences' } },
  measures: { flag: '--measures', label: { de: 'ergriffene Maßnahmen', en: 'measures taken' } },
  delayReasons: { flag: '--delay-reasons', label: { de: 'Gründe für die Verspätung', en: 'reasons for the delay' } },
};

/** One line per missing item: the flag to set and what it is; an unknown item keeps its own label. */
export function missingNoticeLines(missing: readonly MissingItem[], lang: Lang): string[] {
  const rows = missing.map((m) => {
    const known = FILL_IN[m.key];
    return known ? { flag: known.flag, label: known.label[lang] } : { flag: '', label: m.label[lang] };
  });
  const width = Math.max(0, ...rows.map((r) => r.flag.length));
  return rows.map((r) => (r.flag ? `${r.flag.padEnd(width)}  ${r.label}` : r.label));
}

const HOURS_PER_DAY = 24;
/**
 * Within the 72-hour clock hours are the unit (and the time left never exceeds it, so German never
 * needs the nominative "Tage"); beyond it, long overdue, days and hours read better.
 */
const HOURS_ONLY_UP_TO = 72;

/** A span of hours for the screen: "5,5 Std." / "5.5 h", or "965 Tagen 10 Std." / "965 days 10 h" beyond 72 h. */
export function formatSpan(hours: number, lang: Lang): string {
  if (hours <= HOURS_ONLY_UP_TO) {
    const n = hours.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 });
    return pick(lang, `${n} Std.`, `${n} h`);
  }
  const days = Math.floor(hours / HOURS_PER_DAY);
  const rest = String(Math.floor(hours - days * HOURS_PER_DAY));
  // German: only ever after "seit" (overdue), hence the dative "Tagen"; always more than one day here.
  return pick(lang, `${String(days)} Tagen ${rest} Std.`, `${String(days)} days ${rest} h`);
}

function deadlineStateText(d: NonNullable<Incident['deadline']>, lang: Lang): string {
  if (d.notified) return d.late ? pick(lang, 'verspätet gemeldet', 'notified late') : pick(lang, 'fristgerecht gemeldet', 'notified in time');
  if (d.overdue) return pick(lang, `seit ${formatSpan(-d.hoursLeft, lang)} ÜBERFÄLLIG`, `OVERDUE by ${formatSpan(-d.hoursLeft, lang)}`);
  return pick(lang, `noch ${formatSpan(d.hoursLeft, lang)}`, `${formatSpan(d.hoursLeft, lang)} left`);
}


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
    lines.push(`  ${pick(lang, 'Meldefrist', 'Notification due')}: ${i.deadline.display[lang]} (${deadlineStateText(i.deadline, lang)})`);
  }
  lines.push(
    `  ${pick(lang, 'Behörde gemeldet', 'Authority notified')}: ${when(i.timeline.notifiedAuthorityAt)}`,
    `  ${pick(lang, 'Patienten informiert', 'Patients informed')}: ${when(i.timeline.notifiedPatientsAt)}`,
  );
  if (i.assessment) {
    const r = i.assessment.result;
    lines.push(`  ${pick(lang, 'Schweregrad', 'Severity')}: ${String(r.score)} – ${r.label[lang]} (${String(r.level)}/4)`);
  }
  lines.push(`  ${pick(lang, 'Empfehlung', 'Recommendation')}: ${ACTION_TEXT[i.decision.action][lang]}`);
  for (const r of i.decision.reasons) lines.push(`    - ${r[lang]}`);
  for (const m of i.decision.missing) lines.push(`    ! ${m[lang]}`);
  const missing = art33Missing(i);
  if (missing.length > 0) {
    lines.push(`  ${pick(lang, `Meldung unvollständig, ergänzen mit: praxiswache incident update ${String(i.id)}`, `Notice incomplete, fill in with: praxiswache incident update ${String(i.id)}`)}`);
    for (const line of missingNoticeLines(missing, lang)) lines.push(`    ${line}`);
  }
  for (const f of i.findings) lines.push(`  ${pick(lang, 'Befund', 'Finding')} #${String(f.id)}: ${f.checkId} ${f.host}:${String(f.port)}`);
  if (!i.assessment && i.suggestions.hints.length > 0) {
    lines.push(`  ${pick(lang, 'Vorschläge aus den Befunden (bitte bestätigen)', 'Suggestions from the findings (please confirm)')}:`);
    for (const h of i.suggestions.hints) lines.push(`    - ${h[lang]}`);
  }
  return `${lines.join('\n')}\n`;
}
