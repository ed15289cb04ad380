/**
 * What the findings of an incident suggest for the ENISA inputs. Only a suggestion: the data
 * protection officer confirms or changes every value, because the scanner sees that a door was
 * open, not what went through it.
 */
import type { Localized } from '../core/types.js';
import type { DataCategory } from './severity.js';

export interface SuggestedInputs {
  category?: DataCategory;
  ei?: number;
  confidentiality?: number;
  /** One line per finding-derived hint, for the user to read before confirming. */
  hints: Localized[];
}

interface Rule {
  match: (checkId: string) => boolean;
  category?: DataCategory;
  ei?: number;
  hint: Localized;
}

const CREDENTIALS_HINT: Localized = {
  de: 'Zugangsdaten wurden offengelegt: Zugangsdaten sind keine eigene Datenkategorie, sie erben die Kategorie der Daten, auf die sie Zugriff geben (z. B. die Datenbank). Bitte die Kategorie bestätigen.',
  en: 'Credentials were exposed: credentials are no data category of their own, they take the category of the data they open (e.g. the database). Please confirm the category.',
};

// Order matters: the first matching rule of a check id wins.
const RULES: readonly Rule[] = [
  {
    match: (id) => id === 'dicom.patient-query' || id === 'pacs.web-api-unauth' || id === 'fhir.patient-read',
    category: 'sensitive',
    ei: 1,
    hint: {
      de: 'Bildarchiv/Patientenakte antwortet ohne Anmeldung: Gesundheitsdaten, Bilder und Namen (direkt identifizierbar).',
      en: 'Image archive/patient record answers without login: health data, images and names (directly identifiable).',
    },
  },
  {
    match: (id) => id === 'http.document-listing',
    category: 'sensitive',
    ei: 1,
    hint: {
      de: 'Dokumentenverzeichnis ohne Anmeldung: Arztberichte und Befunde (Gesundheitsdaten mit Namen).',
      en: 'Document listing without login: medical reports and findings (health data with names).',
    },
  },
  {
    match: (id) => id === 'http.unexpected-https-port',
    hint: {
      de: 'Praxisserver auf unerwartetem Port erreichbar: welche Daten dort lagen, bitte prüfen (bei Arztberichten: sensible Daten).',
      en: 'Practice server reachable on an unexpected port: check which data it served (medical reports: sensitive data).',
    },
  },
  {
    match: (id) => ['http.symfony-profiler', 'http.env-file', 'http.git-config', 'http.phpinfo', 'http.debug-endpoint', 'mail.plaintext-auth'].includes(id),
    hint: CREDENTIALS_HINT,
  },
  {
    match: (id) => id.startsWith('db.'),
    hint: {
      de: 'Datenbank ohne Anmeldung erreichbar: Kategorie entspricht dem Inhalt der Datenbank (Patientenstammdaten, Termine, Befunde?). Bitte bestätigen.',
      en: 'Database reachable without login: the category is what the database holds (patient master data, appointments, findings?). Please confirm.',
    },
  },
  {
    match: (id) => ['ftp.anonymous', 'smb.guest-share', 'vnc.no-auth'].includes(id),
    hint: {
      de: 'Dateien oder Bildschirm ohne Anmeldung zugänglich: Kategorie nach Inhalt bestätigen (in Praxen meist Gesundheitsdaten).',
      en: 'Files or screen accessible without login: confirm the category by content (in practices usually health data).',
    },
  },
];

const RANK: Record<DataCategory, number> = { simple: 1, behavioural: 2, financial: 3, sensitive: 4 };

/**
 * Combines the hints of all linked findings. ENISA: when several categories apply, the highest
 * counts. Anything reachable from the internet without login counts as disclosed to an unknown
 * number of recipients (confidentiality +0.5) unless logs prove otherwise.
 */
export function suggestInputs(findings: readonly { checkId: string; personalData: boolean }[]): SuggestedInputs {
  const out: SuggestedInputs = { hints: [] };
  const seen = new Set<Rule>();
  for (const f of findings) {
    const rule = RULES.find((r) => r.match(f.checkId));
    if (!rule) continue;
    if (!seen.has(rule)) out.hints.push(rule.hint);
    seen.add(rule);
    if (rule.category && (!out.category || RANK[rule.category] > RANK[out.category])) out.category = rule.category;
    if (rule.ei !== undefined) out.ei = Math.max(out.ei ?? 0, rule.ei);
    out.confidentiality = 0.5;
  }
  if (out.confidentiality !== undefined) {
    out.hints.push({
      de: 'Ohne Anmeldung aus dem Internet erreichbar: Offenlegung gegenüber unbekannten Empfängern (Vertraulichkeit +0,5), solange Protokolle nichts anderes belegen.',
      en: 'Reachable from the internet without login: disclosure to unknown recipients (confidentiality +0.5) unless logs show otherwise.',
    });
  }
  return out;
}
