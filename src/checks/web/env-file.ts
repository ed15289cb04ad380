import { INCIDENTS } from '../incidents.js';
import { capBoth, counted, type Noun } from '../evidence.js';
import type { HttpReply } from '../http-client.js';
import type { Check, FindingDraft } from '../types.js';
import { genuinePages } from './genuine-page.js';
import { parseAssignments, secretsSummary, uniqueSecrets, type Assignment } from './secrets.js';

/**
 * http.env-file — a dotenv file (/.env, /.env.local, /.env.prod…) is served to anyone. Such
 * files hold the application's database DSN, mail password and signing secrets: dubidoc 2022
 * leaked exactly these, then the database was reachable.
 *
 * Proof, independent signals: (1) the body is not HTML and mostly `KEY=VALUE` lines (at least
 * two, and at least 60 % of the non-comment lines), (2) a random sibling path (e.g.
 * /.3fa1c0…pw) does not answer the same (soft-404 guard). Critical when keys carrying
 * credentials have values; otherwise medium (configuration without secrets still leaks).
 *
 * Sample evidence: "/.env served: 14 assignments, 3 secrets: APP_SECRET=9f…(32),
 * DATABASE_URL=my…(58), MAILER_DSN=sm…(41) (connection strings present)", in German "/.env
 * ausgeliefert: 14 Zuweisungen, 3 geheime Werte: … (Verbindungszeichenfolgen enthalten)"
 */
export const ENV_PATHS = ['/.env', '/.env.local', '/.env.prod', '/.env.production', '/.env.backup', '/.env.bak', '/.env.dev'] as const;

const ASSIGNMENT: Noun = { de: ['Zuweisung', 'Zuweisungen'], en: ['assignment', 'assignments'] };

interface EnvFile {
  assignments: Assignment[];
}

export function readEnvFile(reply: HttpReply): EnvFile | null {
  const type = reply.headers['content-type'] ?? '';
  const text = reply.body.toString('utf8');
  if (/html|json|xml|image\//i.test(type) || /<(?:!doctype|html|head|body)\b/i.test(text.slice(0, 2048))) return null;
  const { assignments, otherLines } = parseAssignments(text);
  if (assignments.length < 2 || assignments.length / (assignments.length + otherLines) < 0.6) return null;
  return { assignments };
}

export const envFile: Check = {
  meta: {
    id: 'http.env-file',
    severity: 'critical',
    title: {
      de: 'Konfigurationsdatei (.env) mit Zugangsdaten öffentlich abrufbar',
      en: 'Configuration file (.env) with credentials publicly readable',
    },
    description: {
      de: 'Der Webserver liefert eine .env-Datei aus. Sie enthält typischerweise Datenbank-, Mail- und Anwendungsgeheimnisse.',
      en: 'The web server serves a .env file. It typically holds database, mail and application secrets.',
    },
    remediation: {
      de: 'Das Document-Root auf das public/-Verzeichnis der Anwendung setzen und Punktdateien sperren (nginx: location ~ /\\. { deny all; }). Alle enthaltenen Passwörter und Schlüssel sofort ändern; Datenbank- und Mail-Zugriffsprotokolle auf fremde Zugriffe prüfen.',
      en: 'Point the document root at the application’s public/ directory and deny dot files (nginx: location ~ /\\. { deny all; }). Rotate every password and key in the file at once; check database and mail access logs for foreign access.',
    },
    cwe: [538, 200],
    kbv: ['topic/access-control', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [INCIDENTS.dubidoc2022],
    intrusive: false,
  },

  appliesTo: (target) => target.service.name === 'http',

  async run(target, ctx) {
    const pages = await genuinePages(target, ctx, ENV_PATHS, readEnvFile, { maxBytes: 64 * 1024 });
    return pages.map(({ path, page }): FindingDraft => {
      const secrets = uniqueSecrets(page.assignments);
      const assignments = counted(page.assignments.length, ASSIGNMENT);
      const what =
        secrets.length > 0
          ? secretsSummary(secrets, { noteConnectionStrings: true })
          : { de: 'keine Variablen, deren Name auf Zugangsdaten hinweist', en: 'no credential-named keys' };
      return {
        severity: secrets.length > 0 ? 'critical' : 'medium',
        evidence: capBoth({ de: `${path} ausgeliefert: ${assignments.de}, ${what.de}`, en: `${path} served: ${assignments.en}, ${what.en}` }),
        personalData: false,
        key: path,
      };
    });
  },
};
