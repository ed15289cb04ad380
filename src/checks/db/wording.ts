import type { Localized } from '../../core/types.js';

/** "1 Datenbank" / "3 Datenbanken": the count with the noun form it takes in that language. */
export function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The database count every database check reports, in both languages. */
export function databaseCount(n: number): Localized {
  return { de: counted(n, 'Datenbank', 'Datenbanken'), en: counted(n, 'database', 'databases') };
}

/** A server version the server would not tell: said in the reader's language, not guessed. */
export function versionText(version: string | null): Localized {
  return version === null ? { de: 'unbekannte Version', en: 'unknown version' } : { de: version, en: version };
}
