/**
 * The refusals of respond/ in the page's language. The rules stay in respond/ (IncidentService,
 * severity.ts, berlin-time.ts); this only translates the messages they throw, which are
 * written for the CLI in English.
 */
import type { Lang } from '../core/types.js';

/** German for the messages of respond/ a form can provoke; `$1`… are the captured parts. */
const GERMAN: readonly (readonly [RegExp, string])[] = [
  [/^an incident needs a title/, 'Ein Vorfall braucht einen Titel.'],
  [/^the title must not be empty/, 'Der Titel darf nicht leer sein.'],
  [/^awareness cannot be before discovery/, 'Die Kenntnis kann nicht vor der Entdeckung liegen (Kenntnis seit ist früher als Entdeckt am).'],
  [/^record the time of becoming aware \(--aware-at\) before the authority notification/, 'Bitte zuerst den Zeitpunkt der Kenntnis erfassen, dann die Meldung an die Behörde.'],
  [/^record the time of becoming aware \(--aware-at\) before the patient notification/, 'Bitte zuerst den Zeitpunkt der Kenntnis erfassen, dann die Benachrichtigung der Patienten.'],
  [/^the authority notification cannot be before the time of becoming aware/, 'Die Meldung an die Behörde kann nicht vor der Kenntnis liegen.'],
  [/^the patient notification cannot be before the time of becoming aware/, 'Die Benachrichtigung der Patienten kann nicht vor der Kenntnis liegen.'],
  [/^a notification cannot be earlier than the time of becoming aware/, 'Eine Meldung kann nicht vor der Kenntnis liegen.'],
  [/^a follow-up notification cannot precede the first one/, 'Eine Nachmeldung kann nicht vor der ersten Meldung liegen.'],
  [/^the authority was notified more than 72 hours after awareness/, 'Die Behörde wurde mehr als 72 Stunden nach Kenntnis gemeldet: bitte die Gründe für die Verzögerung angeben (Art. 33 Abs. 1 DSGVO).'],
  [/^the Art\. 33 notice is not complete/, 'Die Meldung nach Art. 33 ist noch unvollständig, kann also nicht versandt worden sein; was fehlt, steht auf dieser Seite.'],
  [/^an incident cannot be closed before it was discovered/, 'Ein Vorfall kann nicht vor seiner Entdeckung abgeschlossen werden.'],
  [/^incident (\d+) is already closed/, 'Vorfall $1 ist bereits abgeschlossen.'],
  [/^no finding (\d+)/, 'Befund $1 gibt es nicht.'],
  [/^"(.*)" is not a valid finding id/, 'Befund „$1“ gibt es nicht.'],
  [/^--dpc must lie between 1 and 4 \(got (.*)\)$/, 'Der DPC muss zwischen 1 und 4 liegen (angegeben: $1).'],
  [/^the adjusted DPC score must lie between 1 and 4 \(got (.*)\)$/, 'Der angepasste DPC muss zwischen 1 und 4 liegen (ergibt: $1).'],
  [/^DPC (\S+) differs from the base score (\S+) of "(\w+)" data/, 'DPC $1 weicht vom Grundwert $2 der Kategorie „$3“ ab: bitte die Begründung angeben.'],
  [/^every DPC adjustment needs a justification/, 'Jede Abweichung des DPC braucht eine Begründung.'],
  [/^--dpc (\S+) is not a base score/, 'DPC $1 ist kein Grundwert einer Kategorie: bitte Kategorie und Begründung angeben.'],
  [/^unknown data category "(.*)"/, 'Unbekannte Datenkategorie „$1“.'],
  [/^EI must be one of (.*) \(got (.*)\)$/, 'EI muss einer der Werte $1 sein (angegeben: $2).'],
  [/^confidentiality must be one of (.*) \(got (.*)\)$/, 'Der Verlust der Vertraulichkeit muss einer der Werte $1 sein (angegeben: $2).'],
  [/^integrity must be one of (.*) \(got (.*)\)$/, 'Der Verlust der Integrität muss einer der Werte $1 sein (angegeben: $2).'],
  [/^availability must be one of (.*) \(got (.*)\)$/, 'Der Verlust der Verfügbarkeit muss einer der Werte $1 sein (angegeben: $2).'],
  [/^(.*) must be a number \(got "(.*)"\)$/, '$1 muss eine Zahl sein (angegeben: „$2“).'],
  [/^(.*): "(.*)" does not exist in Europe\/Berlin/, '$1: „$2“ gibt es in Europe/Berlin nicht (die Uhr springt im März über diese Stunde).'],
  [/^(.*): "(.*)" is not a valid date/, '$1: „$2“ ist kein gültiges Datum.'],
  [/^(.*): "(.*)" is not (?:a valid )?(?:an )?ISO 8601 time/, '$1: „$2“ ist keine gültige Zeitangabe (z. B. 2024-03-29T14:30).'],
];

/** The refusal in the page's language; an untranslated one keeps the English original. */
export function refusalText(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [pattern, german] of GERMAN) {
    const m = pattern.exec(message);
    if (m) return german.replace(/\$(\d)/g, (_all, n: string) => m[Number(n)] ?? '');
  }
  return message;
}
