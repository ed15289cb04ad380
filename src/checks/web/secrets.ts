import type { Localized } from '../../core/types.js';
import { counted, type Noun } from '../evidence.js';
import { maskSecret } from '../mask.js';

/**
 * Recognising secrets in leaked configuration (.env files, phpinfo environment tables,
 * profiler panels). Only key names and masked values ever leave this module: the tool must
 * never become the next leak (DESIGN.md §5).
 */
export interface Assignment {
  key: string;
  value: string;
}

/** Key names that carry credentials: passwords, secrets, tokens, keys and connection strings. */
const SECRET_KEY = /PASS(?:WORD|WD)?\b|PASS(?:WORD|WD)?_|_PW$|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|SALT|DSN|DATABASE_URL|_URI$|_URL$|AUTH/i;
/** A URL with user:password@ carries a credential whatever its key is called. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i;
/** Connection strings get their own mention: they prove the database is one step away (dubidoc). */
const DSN_KEY = /DSN|DATABASE_URL|_URI$|_URL$/i;

const ASSIGNMENT_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]{0,80})\s*=\s*(.*?)\s*$/;

/** `KEY=VALUE` lines of a dotenv-style text; comments and blank lines skipped, quotes removed. */
export function parseAssignments(text: string, maxLines = 500): { assignments: Assignment[]; otherLines: number } {
  const assignments: Assignment[] = [];
  let otherLines = 0;
  for (const line of text.split(/\r?\n/, maxLines)) {
    if (/^\s*(?:#|$)/.test(line)) continue;
    const m = ASSIGNMENT_LINE.exec(line);
    if (m?.[1] === undefined) {
      otherLines++;
      continue;
    }
    assignments.push({ key: m[1], value: unquote(m[2] ?? '') });
  }
  return { assignments, otherLines };
}

function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/.exec(value);
  return m ? (m[2] ?? '') : value.replace(/\s+#.*$/, '');
}

export function isSecret(a: Assignment): boolean {
  if (a.value === '' || /^(?:null|none|false|true|changeme|~)$/i.test(a.value)) return false;
  if (URL_WITH_PASSWORD.test(a.value)) return true;
  // A URL-named key without credentials in it (APP_URL=https://…) is configuration, not a secret.
  if (/_URL$|_URI$/i.test(a.key) && /^[a-z][a-z0-9+.-]*:\/\//i.test(a.value)) return false;
  return SECRET_KEY.test(a.key);
}

export const isConnectionString = (a: Assignment): boolean => DSN_KEY.test(a.key) || URL_WITH_PASSWORD.test(a.value);

/** "APP_SECRET=ab…(32), DATABASE_URL=my…(54)": names in clear, values masked, at most `max` listed. */
export function describeSecrets(secrets: readonly Assignment[], max = 5): Localized {
  const shown = secrets.slice(0, max).map((s) => `${safeKey(s.key)}=${maskSecret(s.value)}`).join(', ');
  const more = secrets.length - max;
  return more > 0 ? { de: `${shown} und ${more} weitere`, en: `${shown} and ${more} more` } : { de: shown, en: shown };
}

const SECRET: Noun = { de: ['geheimer Wert', 'geheime Werte'], en: ['secret', 'secrets'] };

/**
 * "2 secrets: APP_SECRET=ab…(32), DATABASE_URL=my…(54) (connection strings present)", the note
 * only when asked for and a connection string is among them.
 */
export function secretsSummary(secrets: readonly Assignment[], opts: { noteConnectionStrings: boolean }): Localized {
  const n = counted(secrets.length, SECRET);
  const list = describeSecrets(secrets);
  const dsn = opts.noteConnectionStrings && secrets.some(isConnectionString);
  return {
    de: `${n.de}: ${list.de}${dsn ? ' (Verbindungszeichenfolgen enthalten)' : ''}`,
    en: `${n.en}: ${list.en}${dsn ? ' (connection strings present)' : ''}`,
  };
}

/** "; environment shows 2 secrets: …" for environment tables (phpinfo, profiler); empty without secrets. */
export function environmentShows(secrets: readonly Assignment[], opts: { noteConnectionStrings: boolean }): Localized {
  if (secrets.length === 0) return { de: '', en: '' };
  const summary = secretsSummary(secrets, opts);
  return { de: `; in der Umgebung ${summary.de}`, en: `; environment shows ${summary.en}` };
}

/** Key names are printed; a hostile server must not smuggle anything else through them. */
function safeKey(key: string): string {
  return key.replace(/[^A-Za-z0-9_.]/g, '?').slice(0, 60);
}

/** Unique secrets by key (the same variable appears under $_SERVER and $_ENV in phpinfo). */
export function uniqueSecrets(assignments: readonly Assignment[]): Assignment[] {
  const byKey = new Map<string, Assignment>();
  for (const a of assignments) if (isSecret(a) && !byKey.has(a.key)) byKey.set(a.key, a);
  return [...byKey.values()];
}
