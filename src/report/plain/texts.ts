/**
 * Every sentence of the plain report in German and English, apart from the layout so the wording
 * can be reviewed (and corrected by a practice) without reading code. Addressed to the practice
 * owner; technical steps are marked as the IT service provider's.
 */
import { SEVERITIES, type Lang, type Severity } from '../../core/types.js';
import type { CalloutTone } from '../../respond/render.js';

/** The traffic light is the HTML callout's tone too. */
export type Light = CalloutTone;

const DE = {
  title: (who: string) => `Sicherheitsbericht: ${who}`,
  lightName: { red: 'ROT', amber: 'GELB', green: 'GRÜN' } as Record<Light, string>,
  verdict: { red: 'Sofort handeln', amber: 'Bald beheben', green: 'Nichts Dringendes gefunden' } as Record<Light, string>,
  noVerdict: 'Kein vollständiges Ergebnis',
  trafficLight: 'Ampel',
  counts: 'Befunde nach Schweregrad',
  noFindings: 'Keine Befunde.',
  incomplete: (status: 'interrupted' | 'running'): string =>
    status === 'interrupted'
      ? 'ACHTUNG: Dieser Scan wurde abgebrochen, bevor er fertig war. Das Ergebnis ist unvollständig: Was hier fehlt, kann trotzdem offen sein. Bitte den Scan wiederholen lassen.'
      : 'ACHTUNG: Dieser Scan ist noch nicht beendet (oder sein Prozess wurde beendet). Das Ergebnis ist unvollständig: Was hier fehlt, kann trotzdem offen sein.',
  intro:
    'Dieser Bericht ist für die Praxisleitung und die oder den Datenschutzbeauftragten. Er sagt in einfachen Worten, was gefunden wurde und was zu tun ist. ' +
    'Die technischen Schritte sind für Ihren IT-Dienstleister gedacht: Geben Sie ihm diesen Bericht.',
  nextSteps: 'Was Sie jetzt tun',
  stepGiveToIt: 'Geben Sie diesen Bericht heute an Ihren IT-Dienstleister und vereinbaren Sie, bis wann die Befunde behoben sind.',
  stepPersonalData: 'Informieren Sie Ihre Datenschutzbeauftragte oder Ihren Datenschutzbeauftragten: Patientendaten könnten offengelegen haben (siehe unten).',
  stepRescan: 'Lassen Sie nach der Behebung erneut prüfen, ob alles geschlossen ist.',
  stepRepeat: 'Lassen Sie den Scan vollständig wiederholen: erst ein vollständiger Scan sagt, ob alles in Ordnung ist.',
  stepNothing: 'Nichts Dringendes. Lassen Sie regelmäßig prüfen, denn Updates von Router oder Software können Zugänge wieder öffnen.',
  breachHeading: 'Patientendaten könnten offengelegen haben',
  breach: (n: number) =>
    `${n === 1 ? 'Ein Befund zeigt' : `${n} Befunde zeigen`}, dass Patientendaten ohne Anmeldung erreichbar waren. Dann kann eine Datenpanne vorliegen: ` +
    'Nach Art. 33 DSGVO (Datenschutz-Grundverordnung) muss die Praxis eine Datenpanne innerhalb von 72 Stunden, nachdem sie davon erfahren hat, der Datenschutzaufsicht ihres Bundeslandes melden – außer es besteht voraussichtlich kein Risiko für die Betroffenen. ' +
    'praxiswache führt durch diese Schritte (Einschätzung, Frist, Meldung, Brief an Betroffene):',
  incidentHint: (land: boolean): string =>
    `Dabei ist --aware-at der Zeitpunkt, zu dem die Praxis von der Panne erfahren hat: ab dann laufen die 72 Stunden.${land ? ' XX steht für das Kürzel Ihres Bundeslandes (z. B. NI, BY); es bestimmt die zuständige Aufsicht.' : ''}`,
  breachNotAdvice: 'Dies ist eine Information, keine Rechtsberatung. Im Zweifel entscheidet Ihre Datenschutzbeauftragte oder Ihr Datenschutzbeauftragter.',
  findingsHeading: 'Befunde, die wichtigsten zuerst',
  finding: (i: number, n: number, label: string) => `Befund ${i} von ${n} – ${label}`,
  whatFound: 'Was gefunden wurde',
  whyMatters: 'Warum das für die Praxis wichtig ist',
  whatToDo: 'Was zu tun ist',
  forIt: 'Für Ihren IT-Dienstleister: ',
  unknownCheck: 'Diese Prüfung ist nicht im Katalog dieser praxiswache-Version; Ihr IT-Dienstleister kann sie einordnen.',
  unknownRemedy: 'Für Ihren IT-Dienstleister: den Befund prüfen und den Zugang schließen oder absichern.',
  where: 'Wo (Adresse:Port)',
  since: 'Seit wann',
  firstSeen: (at: string, id: number) => `zuerst gesehen am ${at} (Befund-Nr. ${id})`,
  sinceUnknown: 'nicht bekannt (Bericht aus einer Datei, ohne gespeicherten Verlauf)',
  evidence: 'Nachweis (gekürzt, Namen und Passwörter maskiert)',
  personalData: 'Patientendaten betroffen?',
  personalYes: 'Ja, möglicherweise. Bitte den Abschnitt „Patientendaten könnten offengelegen haben“ lesen.',
  personalNo: 'Nach diesem Nachweis nicht direkt; der Zugang kann aber ein Einfallstor sein.',
  changesHeading: 'Was sich geändert hat',
  changesAgainstBaseline: (id: number, at: string, by: string, approvedAt: string) =>
    `Verglichen mit dem freigegebenen Stand (Scan Nr. ${id} vom ${at}, freigegeben von ${by} am ${approvedAt}).`,
  changesAgainstPrevious: (id: number, at: string) => `Verglichen mit dem vorigen vollständigen Scan (Nr. ${id} vom ${at}); ein freigegebener Stand fehlt noch.`,
  noChanges: 'Keine Änderungen.',
  worse: 'Neu oder schlechter (bitte prüfen):',
  better: 'Besser geworden:',
  betterUnknown: 'Ob etwas geschlossen wurde, sagt ein unvollständiger Scan nicht.',
  portOpened: (where: string, service: string) => `Neu erreichbar: ${where} (${service})`,
  serviceChanged: (where: string) => `Der Dienst an ${where} hat sich verändert (andere Software, Version oder Verschlüsselung)`,
  findingNew: (label: string, title: string, where: string) => `Neuer Befund (${label}): ${title} an ${where}`,
  findingWorse: (label: string, title: string, where: string) => `Schwerer als zuvor (jetzt ${label}): ${title} an ${where}`,
  portClosed: (where: string) => `Nicht mehr erreichbar: ${where}`,
  findingResolved: (title: string, where: string) => `Behoben: ${title} an ${where}`,
  findingMilder: (label: string, title: string, where: string) => `Weniger schwer (jetzt ${label}): ${title} an ${where}`,
  noComparison: {
    file: 'Kein Vergleich: Der Bericht wurde aus einer Scan-Datei erstellt, ohne gespeicherten Verlauf.',
    'first-scan': 'Kein Vergleich: Es gibt noch keinen früheren vollständigen Scan dieses Standorts.',
    'no-site': 'Kein Vergleich: Dieser Scan gehört zu keinem Standort.',
    'is-baseline': 'Dieser Scan ist der freigegebene Stand selbst: Nichts zu vergleichen.',
  },
  scannedHeading: 'Was geprüft wurde',
  site: 'Standort',
  scanNo: 'Scan-Nummer',
  targets: 'Geprüfte Adressen',
  time: 'Zeitraum',
  timeOpen: (from: string) => `ab ${from}, kein Ende gespeichert`,
  status: 'Status',
  statusText: {
    finished: 'vollständig',
    interrupted: 'ABGEBROCHEN – Ergebnis unvollständig',
    running: 'NICHT BEENDET – Ergebnis unvollständig',
  } as Record<'finished' | 'interrupted' | 'running', string>,
  reached: 'Erreichbar',
  reachedText: (hosts: number, ports: number) =>
    `${hosts} ${hosts === 1 ? 'Gerät' : 'Geräte'} mit ${ports} ${ports === 1 ? 'offenem Port' : 'offenen Ports'}`,
  skippedHeading: 'Nicht ausgeführte Prüfungen',
  skippedNone: 'Alle passenden Prüfungen wurden ausgeführt.',
  skippedUnknown: 'Dieser Scan wurde mit einer älteren Version gespeichert, die ausgelassene Prüfungen (z. B. im sicheren Modus --safe) noch nicht festhielt.',
  skippedSafe: 'im sicheren Modus (--safe) ausgelassen, weil sie sich anmeldet oder Daten abfragt',
  skippedFailed: 'konnte nicht ausgeführt werden (technischer Fehler; Einzelheiten im Scan-Protokoll)',
  skippedOther: 'nicht ausgeführt',
  glossaryHeading: 'Begriffe kurz erklärt',
  glossary: [
    'Befund: eine Schwachstelle, die praxiswache mit dem echten Protokoll nachgewiesen hat – nicht nur vermutet.',
    'Adresse:Port (z. B. 192.0.2.10:443): die Adresse ist das Gerät im Netz, der Port die „Tür“, hinter der ein Dienst wartet.',
    'Schweregrad: KRITISCH = Daten oder Zugänge liegen offen; HOCH = ein Zugang, der nicht offen sein darf; MITTEL und NIEDRIG = Schwächen, die bald behoben werden sollten; INFO = zur Kenntnis.',
    'Nachweis: was praxiswache gesehen hat, gekürzt. Namen, Dateinamen und Passwörter sind maskiert; Patientendaten werden nie gespeichert.',
    'Freigegebener Stand: ein früherer Scan, den die Praxis als normal bestätigt hat; Abweichungen davon meldet praxiswache.',
    'Sicherer Modus (--safe): ein Scan ohne Anmeldeversuche und ohne Datenabfragen.',
    'IT-Dienstleister: die Firma oder Person, die Netz, Router und Praxissoftware betreut.',
  ],
  footer: (version: string, at: string) => `Erstellt mit praxiswache ${version} am ${at}. Information, keine Rechtsberatung.`,
};

type Texts = typeof DE;

const EN: Texts = {
  title: (who) => `Security report: ${who}`,
  lightName: { red: 'RED', amber: 'AMBER', green: 'GREEN' },
  verdict: { red: 'Act now', amber: 'Fix soon', green: 'Nothing urgent found' },
  noVerdict: 'No complete result',
  trafficLight: 'Traffic light',
  counts: 'Findings by severity',
  noFindings: 'No findings.',
  incomplete: (status) =>
    status === 'interrupted'
      ? 'ATTENTION: this scan was stopped before it finished. The result is incomplete: what is missing here may still be open. Please have the scan repeated.'
      : 'ATTENTION: this scan has not finished (or its process ended). The result is incomplete: what is missing here may still be open.',
  intro:
    'This report is for the practice owner and the data protection officer. It says in plain words what was found and what to do. ' +
    'The technical steps are meant for your IT service provider: give them this report.',
  nextSteps: 'What you do now',
  stepGiveToIt: 'Give this report to your IT service provider today and agree by when the findings will be fixed.',
  stepPersonalData: 'Inform your data protection officer: patient data may have been exposed (see below).',
  stepRescan: 'After the fix, have it checked again that everything is closed.',
  stepRepeat: 'Have the scan repeated in full: only a complete scan tells whether everything is in order.',
  stepNothing: 'Nothing urgent. Have it checked regularly: router or software updates can re-open access.',
  breachHeading: 'Patient data may have been exposed',
  breach: (n) =>
    `${n === 1 ? 'One finding shows' : `${n} findings show`} that patient data was reachable without logging in. That may be a personal data breach: ` +
    'under Art. 33 GDPR (General Data Protection Regulation) the practice must notify the supervisory authority of its German Land within 72 hours of becoming aware of a breach, unless it is unlikely to result in a risk to the people concerned. ' +
    'praxiswache walks you through these steps (assessment, deadline, notice, letter to patients):',
  incidentHint: (land) =>
    `--aware-at is when the practice became aware of the breach: the 72 hours run from then.${land ? ' XX stands for the code of your German Land (e.g. NI, BY); it decides the competent authority.' : ''}`,
  breachNotAdvice: 'This is information, not legal advice. When in doubt, your data protection officer decides.',
  findingsHeading: 'Findings, most important first',
  finding: (i, n, label) => `Finding ${i} of ${n} – ${label}`,
  whatFound: 'What was found',
  whyMatters: 'Why it matters for the practice',
  whatToDo: 'What to do',
  forIt: 'For your IT service provider: ',
  unknownCheck: 'This check is not in the catalogue of this praxiswache version; your IT service provider can assess it.',
  unknownRemedy: 'For your IT service provider: review the finding and close or secure the access.',
  where: 'Where (address:port)',
  since: 'Since when',
  firstSeen: (at, id) => `first seen on ${at} (finding no. ${id})`,
  sinceUnknown: 'not known (report from a file, without stored history)',
  evidence: 'Evidence (shortened, names and passwords masked)',
  personalData: 'Patient data affected?',
  personalYes: 'Yes, possibly. Please read the section "Patient data may have been exposed".',
  personalNo: 'Not directly according to this evidence; the access can still be a way in.',
  changesHeading: 'What changed',
  changesAgainstBaseline: (id, at, by, approvedAt) => `Compared with the approved state (scan no. ${id} of ${at}, approved by ${by} on ${approvedAt}).`,
  changesAgainstPrevious: (id, at) => `Compared with the previous complete scan (no. ${id} of ${at}); no state has been approved yet.`,
  noChanges: 'No changes.',
  worse: 'New or worse (please check):',
  better: 'Better now:',
  betterUnknown: 'An incomplete scan cannot tell whether anything was closed.',
  portOpened: (where, service) => `Newly reachable: ${where} (${service})`,
  serviceChanged: (where) => `The service at ${where} changed (different software, version or encryption)`,
  findingNew: (label, title, where) => `New finding (${label}): ${title} at ${where}`,
  findingWorse: (label, title, where) => `More severe than before (now ${label}): ${title} at ${where}`,
  portClosed: (where) => `No longer reachable: ${where}`,
  findingResolved: (title, where) => `Fixed: ${title} at ${where}`,
  findingMilder: (label, title, where) => `Less severe (now ${label}): ${title} at ${where}`,
  noComparison: {
    file: 'No comparison: the report was made from a scan file, without stored history.',
    'first-scan': 'No comparison: there is no earlier complete scan of this site yet.',
    'no-site': 'No comparison: this scan belongs to no site.',
    'is-baseline': 'This scan is the approved state itself: nothing to compare.',
  },
  scannedHeading: 'What was scanned',
  site: 'Site',
  scanNo: 'Scan number',
  targets: 'Addresses scanned',
  time: 'Time',
  timeOpen: (from) => `from ${from}, no end recorded`,
  status: 'Status',
  statusText: { finished: 'complete', interrupted: 'INTERRUPTED – result incomplete', running: 'NOT FINISHED – result incomplete' },
  reached: 'Reachable',
  reachedText: (hosts, ports) => `${hosts} ${hosts === 1 ? 'device' : 'devices'} with ${ports} open ${ports === 1 ? 'port' : 'ports'}`,
  skippedHeading: 'Checks not run',
  skippedNone: 'Every applicable check was run.',
  skippedUnknown: 'This scan was stored by an older version, which did not yet record the checks left out (e.g. in safe mode, --safe).',
  skippedSafe: 'left out in safe mode (--safe) because it logs in or queries data',
  skippedFailed: 'could not be run (technical error; details in the scan log)',
  skippedOther: 'not run',
  glossaryHeading: 'Terms in brief',
  glossary: [
    'Finding: a weakness praxiswache proved with the real protocol – not merely suspected.',
    'Address:port (e.g. 192.0.2.10:443): the address is the device on the network, the port the "door" behind which a service waits.',
    'Severity: CRITICAL = data or access lies open; HIGH = an access that must not be open; MEDIUM and LOW = weaknesses to fix soon; INFO = for your information.',
    'Evidence: what praxiswache saw, shortened. Names, file names and passwords are masked; patient data is never stored.',
    'Approved state: an earlier scan the practice confirmed as normal; praxiswache reports deviations from it.',
    'Safe mode (--safe): a scan without login attempts and without data queries.',
    'IT service provider: the company or person who looks after network, router and practice software.',
  ],
  footer: (version, at) => `Made with praxiswache ${version} on ${at}. Information, not legal advice.`,
};

export function plainTexts(lang: Lang): Texts {
  return lang === 'de' ? DE : EN;
}

/** Order of the severity counts in the verdict: the worst first. */
export const SEVERITY_ORDER: readonly Severity[] = [...SEVERITIES].reverse();
