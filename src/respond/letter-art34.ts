/**
 * The letter to patients (Art. 34): clear and plain language, no legal jargon, and at least what
 * happened, the contact point, the likely consequences and what was done (Art. 34(2)).
 */
import type { Lang } from '../core/types.js';
import type { Incident } from './model.js';
import type { MissingItem } from './notice-art33.js';
import type { Block, Doc } from './render.js';
import { filled, pick } from './text.js';


export function art34Missing(incident: Incident): MissingItem[] {
  const d = incident.details;
  const out: MissingItem[] = [];
  if (!filled(d.controller)) out.push({ key: 'controller', label: { de: 'Absender (Praxis)', en: 'sender (practice)' } });
  if (!filled(d.nature) && !filled(incident.description)) out.push({ key: 'nature', label: { de: 'Was ist passiert', en: 'what happened' } });
  if (!filled(d.contact)) out.push({ key: 'contact', label: { de: 'Ansprechpartner', en: 'contact point' } });
  if (!filled(d.consequences)) out.push({ key: 'consequences', label: { de: 'mögliche Folgen', en: 'possible consequences' } });
  if (!filled(d.measures)) out.push({ key: 'measures', label: { de: 'ergriffene Maßnahmen', en: 'measures taken' } });
  return out;
}

export function buildPatientLetter(incident: Incident, lang: Lang): { doc: Doc; ready: boolean; missing: MissingItem[] } {
  const d = incident.details;
  const missing = art34Missing(incident);
  const gap = pick(lang, '[FEHLT]', '[MISSING]');
  const data = (d.recordCategories ?? []).join(', ');
  const blocks: Block[] = [];
  if (missing.length > 0) {
    blocks.push({ kind: 'callout', text: pick(lang, `ENTWURF – es fehlen: ${missing.map((m) => m.label.de).join('; ')}.`, `DRAFT – missing: ${missing.map((m) => m.label.en).join('; ')}.`) });
  }
  if (d.art34Exemption) {
    blocks.push({ kind: 'callout', text: pick(lang, `Hinweis für die Praxis: Es ist eine Ausnahme nach Art. 34 Abs. 3 lit. ${d.art34Exemption.ground} dokumentiert.`, `Note for the practice: an Art. 34(3)(${d.art34Exemption.ground}) exemption is documented.`) });
  }
  blocks.push(
    { kind: 'paragraph', text: d.controller ?? gap },
    { kind: 'paragraph', text: pick(lang, 'Sehr geehrte Patientin, sehr geehrter Patient,', 'Dear patient,') },
    {
      kind: 'paragraph',
      text: pick(
        lang,
        'wir müssen Ihnen leider mitteilen, dass Unbefugte auf Daten aus unserer Praxis zugreifen konnten. Auch Ihre Daten können betroffen sein. Wir informieren Sie, damit Sie sich schützen können.',
        'we are sorry to tell you that unauthorised people were able to access data from our practice. Your data may be affected. We are telling you so that you can protect yourself.',
      ),
    },
    { kind: 'heading', text: pick(lang, 'Was ist passiert?', 'What happened?') },
    { kind: 'paragraph', text: d.nature ?? incident.description ?? gap },
    { kind: 'heading', text: pick(lang, 'Welche Daten sind betroffen?', 'Which data are affected?') },
    { kind: 'paragraph', text: data || gap },
    { kind: 'heading', text: pick(lang, 'Was kann das für Sie bedeuten?', 'What can this mean for you?') },
    { kind: 'paragraph', text: d.consequences ?? gap },
    { kind: 'heading', text: pick(lang, 'Was haben wir getan?', 'What have we done?') },
    { kind: 'paragraph', text: d.measures ?? gap },
    { kind: 'heading', text: pick(lang, 'Was können Sie tun?', 'What can you do?') },
    {
      kind: 'list',
      items: [
        ...(filled(d.patientAdvice) ? [d.patientAdvice] : []),
        pick(lang, 'Seien Sie vorsichtig bei Anrufen, E-Mails oder Briefen, die sich auf Ihre Behandlung beziehen und nach Daten oder Geld fragen.', 'Be careful with calls, e-mails or letters that refer to your treatment and ask for data or money.'),
        pick(lang, 'Sie haben das Recht, Auskunft über Ihre gespeicherten Daten zu verlangen und sich bei der Datenschutz-Aufsichtsbehörde zu beschweren.', 'You have the right to ask which of your data we store, and to complain to the data protection supervisory authority.'),
      ],
    },
    { kind: 'heading', text: pick(lang, 'Ihre Ansprechperson', 'Who to contact') },
    { kind: 'paragraph', text: d.contact ?? gap },
    { kind: 'paragraph', text: pick(lang, 'Wir bedauern den Vorfall sehr.', 'We are very sorry this happened.') },
  );
  const title = pick(lang, 'Information über einen Vorfall mit Ihren Daten (Art. 34 DSGVO)', 'Information about an incident involving your data (GDPR Art. 34)');
  return { doc: { lang, title, blocks }, ready: missing.length === 0, missing };
}
