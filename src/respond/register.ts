/**
 * The internal breach register (Art. 33(5)): every incident, notified or not, with facts,
 * effects and remedial action, so the authority can verify compliance. One entry as a document,
 * all entries as CSV, JSON or HTML.
 */
import type { Lang } from '../core/types.js';
import { formatBerlin } from './berlin-time.js';
import type { Incident } from './model.js';
import { findingBlocks, severityBlocks } from './notice-art33.js';
import { escapeHtml, htmlPage, type Doc } from './render.js';
import { pick } from './text.js';

const when = (iso: string | null, lang: Lang): string => (iso ? formatBerlin(new Date(iso), lang) : '—');

export function buildRegisterEntry(incident: Incident, lang: Lang): Doc {
  const d = incident.details;
  return {
    lang,
    title: pick(lang, `Verzeichnis der Datenschutzverletzungen – Vorgang ${String(incident.id)}`, `Breach register – incident ${String(incident.id)}`),
    blocks: [
      {
        kind: 'fields',
        rows: [
          [pick(lang, 'Titel', 'Title'), incident.title],
          [pick(lang, 'Status', 'Status'), incident.status],
          [pick(lang, 'Standort / Bundesland', 'Site / Land'), `${incident.siteName ?? '—'} / ${incident.land ?? '—'}`],
          [pick(lang, 'Entdeckt', 'Discovered'), when(incident.timeline.discoveredAt, lang)],
          [pick(lang, 'Kenntnis', 'Became aware'), `${when(incident.timeline.awareAt, lang)} (${incident.timeline.awareDecidedBy ?? '—'})`],
          [pick(lang, 'Meldefrist', 'Notification due'), incident.deadline?.display[lang] ?? '—'],
          [pick(lang, 'Behörde gemeldet', 'Authority notified'), when(incident.timeline.notifiedAuthorityAt, lang)],
          [pick(lang, 'Betroffene benachrichtigt', 'Patients informed'), when(incident.timeline.notifiedPatientsAt, lang)],
          [pick(lang, 'Abgeschlossen', 'Closed'), when(incident.timeline.closedAt, lang)],
          [pick(lang, 'Entscheidung', 'Decision'), incident.decision.action],
          [pick(lang, 'Begründung', 'Reasoning'), [...incident.decision.reasons.map((r) => r[lang]), d.noRiskReasoning ?? '', d.art34Exemption?.justification ?? ''].filter(Boolean).join(' ')],
          [pick(lang, 'Sachverhalt', 'Facts'), d.nature ?? incident.description ?? '—'],
          [pick(lang, 'Auswirkungen', 'Effects'), d.consequences ?? '—'],
          [pick(lang, 'Abhilfemaßnahmen', 'Remedial action'), d.measures ?? '—'],
          ...(incident.delayReasons ? [[pick(lang, 'Gründe für Verzögerung', 'Reasons for delay'), incident.delayReasons] as [string, string]] : []),
        ],
      },
      { kind: 'heading', text: pick(lang, 'Schweregrad', 'Severity') },
      ...severityBlocks(incident, lang),
      ...findingBlocks(incident, lang),
      { kind: 'heading', text: pick(lang, 'Änderungsverlauf', 'History') },
      { kind: 'list', items: incident.history.map((e) => `${when(e.at, lang)} – ${e.author} – ${e.kind}: ${Object.keys(e.change).join(', ')}`) },
    ],
  };
}

export type RegisterFormat = 'csv' | 'json' | 'html';

const COLUMNS = [
  'id', 'title', 'status', 'site', 'land', 'discovered_at', 'aware_at', 'aware_decided_by', 'due',
  'notified_authority_at', 'notified_patients_at', 'closed_at', 'severity_score', 'severity_band',
  'decision', 'subjects_approx', 'facts', 'effects', 'remedial_action', 'delay_reasons',
] as const;

function row(i: Incident): Record<(typeof COLUMNS)[number], string> {
  return {
    id: String(i.id),
    title: i.title,
    status: i.status,
    site: i.siteName ?? '',
    land: i.land ?? '',
    discovered_at: i.timeline.discoveredAt,
    aware_at: i.timeline.awareAt ?? '',
    aware_decided_by: i.timeline.awareDecidedBy ?? '',
    due: i.deadline?.due ?? '',
    notified_authority_at: i.timeline.notifiedAuthorityAt ?? '',
    notified_patients_at: i.timeline.notifiedPatientsAt ?? '',
    closed_at: i.timeline.closedAt ?? '',
    severity_score: i.assessment ? String(i.assessment.result.score) : '',
    severity_band: i.assessment?.result.band ?? '',
    decision: i.decision.action,
    subjects_approx: i.details.subjectsApprox === undefined ? '' : String(i.details.subjectsApprox),
    facts: i.details.nature ?? i.description ?? '',
    effects: i.details.consequences ?? '',
    remedial_action: i.details.measures ?? '',
    delay_reasons: i.delayReasons ?? '',
  };
}

// RFC 4180 quoting; a leading = + - @ is neutralised so spreadsheets do not run it as a formula.
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function exportRegister(incidents: readonly Incident[], format: RegisterFormat, lang: Lang): string {
  const rows = incidents.map(row);
  if (format === 'json') {
    return `${JSON.stringify({ generatedAt: new Date().toISOString(), incidents: rows }, null, 2)}\n`;
  }
  if (format === 'csv') {
    return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
  }
  const title = pick(lang, 'Verzeichnis der Datenschutzverletzungen (Art. 33 Abs. 5 DSGVO)', 'Register of personal data breaches (GDPR Art. 33(5))');
  const head = `<tr>${COLUMNS.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${COLUMNS.map((c) => `<td>${escapeHtml(r[c])}</td>`).join('')}</tr>`).join('\n');
  return htmlPage(lang, title, `<h1>${escapeHtml(title)}</h1>\n<table>\n${head}\n${body}\n</table>`);
}
