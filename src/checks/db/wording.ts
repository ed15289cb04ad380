import type { Localized } from '../../core/types.js';
import { countedIn } from '../evidence.js';


/** The database count every database check reports, in both languages. */
export function databaseCount(n: number): Localized {
  return { de: countedIn(n, 'Datenbank', 'Datenbanken'), en: countedIn(n, 'database', 'databases') };
}

/** A server version the server would not tell: said in the reader's language, not guessed. */
export function versionText(version: string | null): Localized {
  return version === null ? { de: 'unbekannte Version', en: 'unknown version' } : { de: version, en: version };
}
