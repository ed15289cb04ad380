/**
 * The notification to the supervisory authority (Art. 33). Every particular of Art. 33(3)(a)–(d)
 * is checked; a notice with gaps is a draft and says which items are missing. Information that
 * is not yet available may follow in phases (Art. 33(4)): a follow-up notice lists what changed
 * since the previous notification.
 */
import type { Lang, Localized } from '../core/types.js';
import { authorityFor } from './authorities.js';
import { formatBerlin } from './berlin-time.js';
import { FINES_INFO } from './fines.js';
import type { Incident } from './model.js';
import type { Block, Doc } from './render.js';
import { filled, pick } from './text.js';

export interface MissingItem {
  key: string;
  label: Localized;
}


/** The items a complete Art. 33 notice needs that the incident does not have yet. */
export function art33Missing(incident: Incident): MissingItem[] {
  const d = incident.details;
  const missing: MissingItem[] = [];
  const need = (ok: boolean, key: string, de: string, en: string): void => {
    if (!ok) missing.push({ key, label: { de, en } });
  };
  need(filled(d.controller), 'controller', 'Name und Anschrift des Verantwortlichen (Praxis)', 'name and address of the controller (practice)');
  need(incident.land !== null, 'land', 'Bundesland (zuständige Aufsichtsbehörde)', 'Land (competent supervisory authority)');
  need(incident.timeline.awareAt !== null, 'awareAt', 'Zeitpunkt der Kenntnis', 'time of becoming aware');
  need(filled(d.nature) || filled(incident.description), 'nature', 'Art. 33 Abs. 3 lit. a: Art der Verletzung', 'Art. 33(3)(a): nature of the breach');
  need((d.subjectCategories ?? []).length > 0, 'subjectCategories', 'Art. 33 Abs. 3 lit. a: Kategorien betroffener Personen', 'Art. 33(3)(a): categories of data subjects');
  need(d.subjectsApprox !== undefined, 'subjectsApprox', 'Art. 33 Abs. 3 lit. a: ungefähre Zahl betroffener Personen', 'Art. 33(3)(a): approximate number of data subjects');
  need((d.recordCategories ?? []).length > 0, 'recordCategories', 'Art. 33 Abs. 3 lit. a: Kategorien betroffener Datensätze', 'Art. 33(3)(a): categories of personal data records');
  need(d.recordsApprox !== undefined, 'recordsApprox', 'Art. 33 Abs. 3 lit. a: ungefähre Zahl betroffener Datensätze', 'Art. 33(3)(a): approximate number of records');
  need(filled(d.contact), 'contact', 'Art. 33 Abs. 3 lit. b: Name und Kontaktdaten des/der Datenschutzbeauftragten oder einer Anlaufstelle', 'Art. 33(3)(b): name and contact details of the DPO or other contact point');
  need(filled(d.consequences), 'consequences', 'Art. 33 Abs. 3 lit. c: wahrscheinliche Folgen', 'Art. 33(3)(c): likely consequences');
  need(filled(d.measures), 'measures', 'Art. 33 Abs. 3 lit. d: ergriffene oder vorgeschlagene Maßnahmen', 'Art. 33(3)(d): measures taken or proposed');
  const late = incident.deadline !== null && (incident.deadline.overdue || incident.deadline.late);
  need(!late || filled(incident.delayReasons), 'delayReasons', 'Art. 33 Abs. 1: Gründe für die Verzögerung (Frist von 72 Stunden überschritten)', 'Art. 33(1): reasons for the delay (72-hour deadline passed)');
  return missing;
}

export interface NoticeResult {
  doc: Doc;
  ready: boolean;
  missing: MissingItem[];
  phase: number;
}

const when = (iso: string | null, lang: Lang): string => (iso ? formatBerlin(new Date(iso), lang) : pick(lang, '— (offen)', '— (open)'));
const orGap = (v: string | undefined | null, lang: Lang): string => (filled(v) ? (v) : pick(lang, '[FEHLT]', '[MISSING]'));
const count = (n: number | undefined, lang: Lang): string => (n === undefined ? pick(lang, '[FEHLT]', '[MISSING]') : `ca. ${n.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB')}`);

export function authorityBlocks(incident: Incident, lang: Lang): Block[] {
  if (!incident.land) return [{ kind: 'paragraph', text: pick(lang, 'Zuständige Aufsichtsbehörde: [FEHLT – Bundesland angeben]', 'Competent authority: [MISSING – set the Land]') }];
  const a = authorityFor(incident.land);
  const rows: [string, string][] = [
    [pick(lang, 'An', 'To'), `${a.name} (${a.shortName})\n${a.address.street}\n${a.address.postalCode} ${a.address.city}`],
    [pick(lang, 'Webseite', 'Website'), a.website],
    [pick(lang, 'Online-Meldung', 'Online report'), a.breachReportUrl ?? pick(lang, 'kein Online-Formular bekannt: per Post, Fax oder verschlüsselter E-Mail', 'no online form known: by post, fax or encrypted e-mail')],
  ];
  if (a.unverified.length > 0) {
    rows.push([pick(lang, 'Hinweis', 'Note'), pick(lang, `Nicht bestätigt: ${a.unverified.join(', ')} – vor dem Versand auf der Webseite der Behörde prüfen.`, `Unverified: ${a.unverified.join(', ')} – check on the authority's website before sending.`)]);
  }
  return [{ kind: 'fields', rows }];
}

export function severityBlocks(incident: Incident, lang: Lang): Block[] {
  const a = incident.assessment;
  if (!a) return [{ kind: 'paragraph', text: pick(lang, 'Noch keine Bewertung.', 'Not assessed yet.') }];
  const r = a.result;
  const rows: [string, string][] = [
    [pick(lang, 'Ergebnis', 'Result'), `SE = ${String(r.score)} – ${r.label[lang]} (${pick(lang, 'Stufe', 'level')} ${String(r.level)}/4)`],
    ['DPC', `${String(r.dpc)} (${pick(lang, 'Kategorie', 'category')}: ${a.input.category})`],
    ['EI', String(a.input.ei)],
    ['CB', `${String(r.cb)} (C ${String(a.input.confidentiality ?? 0)}, I ${String(a.input.integrity ?? 0)}, A ${String(a.input.availability ?? 0)}${a.input.malicious ? pick(lang, ', böswillige Absicht +0,5', ', malicious intent +0.5') : ''})`],
  ];
  for (const adj of a.input.adjustments ?? []) {
    rows.push([pick(lang, 'DPC-Anpassung', 'DPC adjustment'), `${adj.delta > 0 ? '+' : ''}${String(adj.delta)}: ${adj.reason}`]);
  }
  if (r.flags.manyAffected) rows.push([pick(lang, 'Merkmal', 'Flag'), pick(lang, 'mehr als 100 Betroffene', 'more than 100 people affected')]);
  if (r.flags.unintelligible) rows.push([pick(lang, 'Merkmal', 'Flag'), pick(lang, 'Daten unverständlich (Verschlüsselung)', 'data unintelligible (encryption)')]);
  return [{ kind: 'fields', rows }, { kind: 'paragraph', text: r.description[lang] }];
}

function changesSinceLastNotification(incident: Incident, lang: Lang): Block[] {
  const last = incident.authorityNotifications.at(-1);
  if (!last) return [];
  const changed = incident.history
    .filter((e) => e.at > last.at && (e.kind === 'updated' || e.kind === 'assessed' || e.kind === 'linked'))
    .flatMap((e) => Object.keys(e.change).map((k) => `${formatBerlin(new Date(e.at), lang)}: ${k} (${e.author})`));
  return [
    { kind: 'heading', text: pick(lang, 'Neue oder geänderte Angaben seit der letzten Meldung', 'New or changed information since the last notification') },
    changed.length > 0 ? { kind: 'list', items: changed } : { kind: 'paragraph', text: pick(lang, 'Keine.', 'None.') },
  ];
}

export function buildAuthorityNotice(incident: Incident, lang: Lang): NoticeResult {
  const missing = art33Missing(incident);
  const ready = missing.length === 0;
  const phase = incident.authorityNotifications.length + 1;
  const d = incident.details;
  const last = incident.authorityNotifications.at(-1);
  const blocks: Block[] = [
    {
      kind: 'callout',
      text: ready
        ? pick(lang, 'Vollständig: alle Angaben nach Art. 33 Abs. 3 lit. a–d liegen vor.', 'Complete: every particular of Art. 33(3)(a)–(d) is present.')
        : pick(lang, `ENTWURF – nicht versandbereit. Es fehlen: ${missing.map((m) => m.label.de).join('; ')}.`, `DRAFT – not ready to send. Missing: ${missing.map((m) => m.label.en).join('; ')}.`),
    },
    {
      kind: 'paragraph',
      text:
        phase === 1
          ? pick(lang, 'Erstmeldung. Angaben, die noch nicht vorliegen, werden nach Art. 33 Abs. 4 DSGVO schrittweise nachgereicht.', 'Initial notification. Information not yet available will follow in phases (GDPR Art. 33(4)).')
          : pick(lang, `Folgemeldung Nr. ${String(phase)} (Art. 33 Abs. 4 DSGVO) zur Meldung vom ${when(last?.at ?? null, lang)}.`, `Follow-up notification no. ${String(phase)} (GDPR Art. 33(4)) to the notification of ${when(last?.at ?? null, lang)}.`),
    },
    { kind: 'heading', text: pick(lang, 'Aufsichtsbehörde', 'Supervisory authority') },
    ...authorityBlocks(incident, lang),
    { kind: 'heading', text: pick(lang, 'Verantwortlicher', 'Controller') },
    { kind: 'paragraph', text: orGap(d.controller, lang) },
    { kind: 'heading', text: pick(lang, 'Zeitlicher Ablauf', 'Timeline') },
    {
      kind: 'fields',
      rows: [
        [pick(lang, 'Entdeckt', 'Discovered'), when(incident.timeline.discoveredAt, lang)],
        [pick(lang, 'Kenntnis (Beginn der 72-Stunden-Frist)', 'Became aware (start of the 72-hour clock)'), `${when(incident.timeline.awareAt, lang)}${incident.timeline.awareDecidedBy ? pick(lang, `, festgestellt von ${incident.timeline.awareDecidedBy}`, `, decided by ${incident.timeline.awareDecidedBy}`) : ''}`],
        [pick(lang, 'Meldefrist', 'Notification due'), incident.deadline ? incident.deadline.display[lang] : pick(lang, '[FEHLT]', '[MISSING]')],
        ...(incident.delayReasons ? [[pick(lang, 'Gründe für die Verzögerung (Art. 33 Abs. 1)', 'Reasons for the delay (Art. 33(1))'), incident.delayReasons] as [string, string]] : []),
      ],
    },
    { kind: 'heading', text: pick(lang, 'a) Art der Verletzung', '(a) Nature of the breach') },
    { kind: 'paragraph', text: orGap(d.nature ?? incident.description, lang) },
    {
      kind: 'fields',
      rows: [
        [pick(lang, 'Kategorien betroffener Personen', 'Categories of data subjects'), (d.subjectCategories ?? []).join(', ') || pick(lang, '[FEHLT]', '[MISSING]')],
        [pick(lang, 'Zahl betroffener Personen', 'Number of data subjects'), count(d.subjectsApprox, lang)],
        [pick(lang, 'Kategorien betroffener Datensätze', 'Categories of records'), (d.recordCategories ?? []).join(', ') || pick(lang, '[FEHLT]', '[MISSING]')],
        [pick(lang, 'Zahl betroffener Datensätze', 'Number of records'), count(d.recordsApprox, lang)],
      ],
    },
    { kind: 'heading', text: pick(lang, 'b) Datenschutzbeauftragte/r oder Anlaufstelle', '(b) Data protection officer or contact point') },
    { kind: 'paragraph', text: orGap(d.contact, lang) },
    { kind: 'heading', text: pick(lang, 'c) Wahrscheinliche Folgen', '(c) Likely consequences') },
    { kind: 'paragraph', text: orGap(d.consequences, lang) },
    { kind: 'heading', text: pick(lang, 'd) Ergriffene oder vorgeschlagene Maßnahmen', '(d) Measures taken or proposed') },
    { kind: 'paragraph', text: orGap(d.measures, lang) },
    { kind: 'heading', text: pick(lang, 'Risikobewertung (ENISA 2013)', 'Risk assessment (ENISA 2013)') },
    ...severityBlocks(incident, lang),
    { kind: 'heading', text: pick(lang, 'Benachrichtigung der Betroffenen (Art. 34)', 'Communication to data subjects (Art. 34)') },
    { kind: 'list', items: incident.decision.reasons.map((r) => r[lang]) },
    ...findingBlocks(incident, lang),
    ...changesSinceLastNotification(incident, lang),
    { kind: 'paragraph', text: FINES_INFO[lang] },
  ];
  const title = pick(lang, `Meldung einer Verletzung des Schutzes personenbezogener Daten (Art. 33 DSGVO) – Vorgang ${String(incident.id)}`, `Notification of a personal data breach (GDPR Art. 33) – incident ${String(incident.id)}`);
  return { doc: { lang, title, blocks }, ready, missing, phase };
}

export function findingBlocks(incident: Incident, lang: Lang): Block[] {
  if (incident.findings.length === 0) return [];
  return [
    { kind: 'heading', text: pick(lang, 'Technische Befunde (praxiswache)', 'Technical findings (praxiswache)') },
    { kind: 'list', items: incident.findings.map((f) => `#${String(f.id)} ${f.checkId} – ${f.host}:${String(f.port)} – ${f.title}`) },
  ];
}
