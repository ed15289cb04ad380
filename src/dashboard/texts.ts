/**
 * The dashboard's words in German and English, apart from the markup so the wording can be
 * reviewed on its own. Severity names come from the report's i18n, the incident's severity
 * label and decision reasons from respond/: only words the dashboard alone uses live here.
 */
import type { Lang, Localized } from '../core/types.js';
import type { DecisionAction } from '../respond/decision.js';
import type { ScanStatus } from '../store/schema.js';

const WORDS = {
  appName: { de: 'praxiswache', en: 'praxiswache' },
  overview: { de: 'Übersicht', en: 'Overview' },
  incidents: { de: 'Datenpannen', en: 'Incidents' },
  logout: { de: 'Abmelden', en: 'Log out' },
  loginTitle: { de: 'Anmelden', en: 'Log in' },
  user: { de: 'Benutzer', en: 'User' },
  password: { de: 'Passwort', en: 'Password' },
  loginButton: { de: 'Anmelden', en: 'Log in' },
  loginFailed: { de: 'Benutzer oder Passwort falsch.', en: 'Wrong user name or password.' },
  loginThrottled: { de: 'Zu viele Fehlversuche. Bitte später erneut versuchen.', en: 'Too many failed attempts. Please try again later.' },
  loggedOut: { de: 'Sie sind abgemeldet.', en: 'You are logged out.' },
  sessionEnded: { de: 'Ihre Sitzung ist abgelaufen. Bitte neu anmelden.', en: 'Your session has ended. Please log in again.' },
  sites: { de: 'Standorte', en: 'Sites' },
  site: { de: 'Standort', en: 'Site' },
  land: { de: 'Land', en: 'Land' },
  lastScan: { de: 'Letzter Scan', en: 'Last scan' },
  status: { de: 'Status', en: 'Status' },
  openFindings: { de: 'Offene Befunde', en: 'Open findings' },
  deviations: { de: 'Abweichungen von der Baseline', en: 'Deviations from the baseline' },
  noBaseline: { de: 'keine Baseline freigegeben', en: 'no baseline approved' },
  noScan: { de: 'noch kein Scan', en: 'no scan yet' },
  noSites: { de: 'Noch keine Standorte. Anlegen mit: praxiswache site add NAME --land NI --targets ADRESSE', en: 'No sites yet. Add one with: praxiswache site add NAME --land NI --targets ADDRESS' },
  none: { de: 'keine', en: 'none' },
  title: { de: 'Titel', en: 'Title' },
  address: { de: 'Adresse', en: 'Address' },
  severity: { de: 'Schweregrad', en: 'Severity' },
  evidence: { de: 'Nachweis (maskiert)', en: 'Evidence (masked)' },
  firstSeen: { de: 'Zuerst gesehen', en: 'First seen' },
  lastSeen: { de: 'Zuletzt gesehen', en: 'Last seen' },
  patientData: { de: 'Patientendaten', en: 'patient data' },
  noOpenFindings: { de: 'Keine offenen Befunde.', en: 'No open findings.' },
  lastScans: { de: 'Letzte Scans', en: 'Recent scans' },
  started: { de: 'Beginn', en: 'Started' },
  finished: { de: 'Ende', en: 'Finished' },
  openPorts: { de: 'Offene Ports', en: 'Open ports' },
  findings: { de: 'Befunde', en: 'Findings' },
  baseline: { de: 'Baseline', en: 'Baseline' },
  approvedBy: { de: 'freigegeben von', en: 'approved by' },
  kind: { de: 'Art', en: 'Kind' },
  noIncidents: { de: 'Keine Datenpannen erfasst.', en: 'No incidents recorded.' },
  deadline: { de: 'Meldefrist (72 Std., Europe/Berlin)', en: 'Notification deadline (72 h, Europe/Berlin)' },
  noAwareness: { de: 'Frist läuft erst ab Kenntnis (Zeitpunkt noch nicht erfasst)', en: 'the clock starts at awareness (time not recorded yet)' },
  decision: { de: 'Empfehlung', en: 'Recommendation' },
  notAssessed: { de: 'nicht bewertet', en: 'not assessed' },
  discovered: { de: 'Entdeckt', en: 'Discovered' },
  aware: { de: 'Kenntnis', en: 'Aware' },
  authorityNotified: { de: 'Behörde gemeldet', en: 'Authority notified' },
  patientsInformed: { de: 'Patienten informiert', en: 'Patients informed' },
  documents: { de: 'Dokumente', en: 'Documents' },
  noticeArt33: { de: 'Meldung an die Aufsichtsbehörde (Art. 33 DSGVO)', en: 'Notice to the supervisory authority (Art. 33 GDPR)' },
  letterArt34: { de: 'Benachrichtigung der Patienten (Art. 34 DSGVO)', en: 'Letter to the patients (Art. 34 GDPR)' },
  draft: { de: 'Entwurf, es fehlen noch Angaben', en: 'draft, particulars still missing' },
  stillMissing: { de: 'Für eine vollständige Meldung fehlt noch (ergänzen mit praxiswache incident update', en: 'A complete notice still needs (fill in with praxiswache incident update' },
  incidentOpen: { de: 'offen', en: 'open' },
  incidentClosed: { de: 'abgeschlossen', en: 'closed' },
  linkedFindings: { de: 'Verknüpfte Befunde', en: 'Linked findings' },
  notFound: { de: 'Nicht gefunden.', en: 'Not found.' },
  forbidden: { de: 'Anfrage abgelehnt.', en: 'Request refused.' },
  failed: { de: 'Interner Fehler. Details stehen im Protokoll des Servers.', en: 'Internal error. Details are in the server log.' },
  language: { de: 'English', en: 'Deutsch' },
  // The forms that change incidents (views/incident-forms.ts).
  openIncident: { de: 'Vorfall eröffnen', en: 'Open incident' },
  discoveredAt: { de: 'Entdeckt am (Europe/Berlin; leer: jetzt)', en: 'Discovered at (Europe/Berlin; empty: now)' },
  awareAt: { de: 'Kenntnis seit (Europe/Berlin, startet die 72-Stunden-Frist)', en: 'Aware since (Europe/Berlin, starts the 72-hour clock)' },
  awareDecidedBy: { de: 'Entschieden von (Standard: Sie)', en: 'Decided by (default: you)' },
  notifiedAuthorityAt: { de: 'Behörde gemeldet am (eine spätere Zeit ist eine Nachmeldung nach Art. 33 Abs. 4)', en: 'Authority notified at (a later time is a follow-up under Art. 33(4))' },
  notifiedPatientsAt: { de: 'Patienten informiert am', en: 'Patients informed at' },
  delayReasons: { de: 'Gründe für die Verzögerung (nötig bei Meldung nach mehr als 72 Stunden)', en: 'Reasons for the delay (needed when notifying after more than 72 hours)' },
  findingsToLink: { de: 'Befunde (vorausgewählt: solche mit Patientendaten)', en: 'Findings (pre-selected: those marking patient data)' },
  timeline: { de: 'Zeitleiste', en: 'Timeline' },
  assessment: { de: 'Schweregrad bewerten (ENISA)', en: 'Assess the severity (ENISA)' },
  dpc: { de: 'DPC (Kontext der Verarbeitung, 1–4; Gesundheitsdaten: 4)', en: 'DPC (data processing context, 1–4; health data: 4)' },
  category: { de: 'Datenkategorie', en: 'Data category' },
  suggested: { de: 'wie vorgeschlagen (sonst nach DPC)', en: 'as suggested (else by DPC)' },
  dpcReason: { de: 'Begründung, wenn der DPC vom Grundwert der Kategorie abweicht', en: 'Reason when the DPC differs from the base score of the category' },
  ei: { de: 'EI (Identifizierbarkeit)', en: 'EI (ease of identification)' },
  confidentiality: { de: 'Verlust der Vertraulichkeit', en: 'Loss of confidentiality' },
  integrity: { de: 'Verlust der Integrität', en: 'Loss of integrity' },
  availability: { de: 'Verlust der Verfügbarkeit', en: 'Loss of availability' },
  malicious: { de: 'böswillige Absicht (+0,5)', en: 'malicious intent (+0.5)' },
  closeIncident: { de: 'Vorfall abschließen', en: 'Close incident' },
  closedAt: { de: 'Abgeschlossen am (leer: jetzt)', en: 'Closed at (empty: now)' },
  save: { de: 'Speichern', en: 'Save' },
  refused: { de: 'Nicht gespeichert, nichts wurde geändert:', en: 'Not saved, nothing was changed:' },
} satisfies Record<string, Localized>;

export type WordKey = keyof typeof WORDS;

export function word(key: WordKey, lang: Lang): string {
  return WORDS[key][lang];
}

const SCAN_STATUS: Record<ScanStatus, Localized> = {
  running: { de: 'läuft', en: 'running' },
  finished: { de: 'abgeschlossen', en: 'finished' },
  interrupted: { de: 'abgebrochen (unvollständig)', en: 'interrupted (partial)' },
};

export function scanStatusText(status: ScanStatus, lang: Lang): string {
  return SCAN_STATUS[status][lang];
}

const ACTION: Record<DecisionAction, Localized> = {
  pending: { de: 'offen: zuerst den Schweregrad bewerten', en: 'pending: assess the severity first' },
  'register-only': { de: 'nur im Verzeichnis dokumentieren', en: 'document in the register only' },
  'notify-authority': { de: 'der Aufsichtsbehörde melden (Art. 33)', en: 'notify the supervisory authority (Art. 33)' },
  'notify-authority-and-patients': { de: 'Behörde melden (Art. 33) und Patienten benachrichtigen (Art. 34)', en: 'notify the authority (Art. 33) and inform the patients (Art. 34)' },
};

export function actionText(action: DecisionAction, lang: Lang): string {
  return ACTION[action][lang];
}

const DEVIATION_KIND: Record<string, Localized> = {
  'port-opened': { de: 'Port geöffnet', en: 'port opened' },
  'service-changed': { de: 'Dienst geändert', en: 'service changed' },
  'finding-new': { de: 'neuer Befund', en: 'new finding' },
  'finding-worse': { de: 'Befund schwerer', en: 'finding worse' },
};

export function deviationKindText(kind: string, lang: Lang): string {
  return DEVIATION_KIND[kind]?.[lang] ?? kind;
}
