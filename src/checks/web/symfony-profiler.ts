import { INCIDENTS } from '../incidents.js';
import { capBoth, counted, joinBoth, type Noun } from '../evidence.js';
import type { HttpReply } from '../http-client.js';
import type { Localized } from '../../core/types.js';
import type { Check } from '../types.js';
import { firstGenuinePage } from './genuine-page.js';
import { readPhpinfoReply } from './phpinfo.js';
import { environmentShows, uniqueSecrets } from './secrets.js';

/**
 * http.symfony-profiler — the Symfony web profiler of an application in debug mode is
 * reachable. It shows every recorded request with headers, session, database queries, and its
 * phpinfo panel prints the environment. dubidoc 2022: exactly this leaked the database and mail
 * credentials of an appointment service for 960,000 patients.
 *
 * Proof, at least two independent signals: (1) a profiler page (its title or sf- markup), (2)
 * links to recorded request tokens, (3) the X-Debug-Token header, (4) the profiler's phpinfo
 * panel. Every page must also differ from what a random sibling path returns (soft-404 guard).
 *
 * Sample evidence: "Symfony profiler at /_profiler/empty/search/results?limit=10: profiler
 * page, 10 request tokens, X-Debug-Token header, phpinfo panel; environment shows 2 secrets:
 * DATABASE_URL=my…(58), MAILER_DSN=sm…(44) (connection strings present)", in German
 * "Symfony-Profiler unter …: Profiler-Seite, 10 Anfrage-Tokens, X-Debug-Token-Header,
 * phpinfo-Panel; in der Umgebung 2 geheime Werte: … (Verbindungszeichenfolgen enthalten)"
 */
const PROFILER_PATHS = [
  '/_profiler/empty/search/results?limit=10',
  '/_profiler',
  '/_profiler/latest',
  '/app_dev.php/_profiler/empty/search/results?limit=10',
  '/app_dev.php/_profiler',
] as const;
const PHPINFO_PATHS = ['/_profiler/phpinfo', '/app_dev.php/_profiler/phpinfo'] as const;

const REQUEST_TOKEN: Noun = { de: ['Anfrage-Token', 'Anfrage-Tokens'], en: ['request token', 'request tokens'] };

interface ProfilerPage {
  tokens: number;
}

const PROFILER_MARKUP = /<title>[^<]{0,80}Symfony Profiler[^<]{0,40}<\/title>|\b(?:id|class)="sf-(?:toolbar|profiler|reset|minitoolbar)/i;

export function readProfilerPage(reply: HttpReply): ProfilerPage | null {
  const html = reply.body.toString('latin1');
  if (!PROFILER_MARKUP.test(html)) return null;
  const tokens = new Set([...html.matchAll(/\/_profiler\/([0-9a-f]{6})\b/g)].map((m) => m[1]));
  return { tokens: tokens.size };
}

function debugTokenHeader(reply: HttpReply | undefined): boolean {
  return reply !== undefined && (reply.headers['x-debug-token'] !== undefined || reply.headers['x-debug-token-link'] !== undefined);
}

export const symfonyProfiler: Check = {
  meta: {
    id: 'http.symfony-profiler',
    severity: 'critical',
    title: {
      de: 'Symfony-Profiler (Debug-Modus) öffentlich erreichbar',
      en: 'Symfony profiler (debug mode) publicly reachable',
    },
    description: {
      de: 'Die Anwendung läuft im Debug-Modus und zeigt ihren Profiler: aufgezeichnete Anfragen, Sitzungen, Datenbankabfragen und Umgebungsvariablen mit Zugangsdaten.',
      en: 'The application runs in debug mode and shows its profiler: recorded requests, sessions, database queries and environment variables with credentials.',
    },
    remediation: {
      de: 'APP_ENV=prod und APP_DEBUG=0 setzen, das WebProfilerBundle nur in der Entwicklung laden und app_dev.php entfernen. Alle angezeigten Zugangsdaten sofort ändern, die Datenbank aus dem Internet nehmen und prüfen, ob Dritte zugegriffen haben (Meldepflicht nach Art. 33 DSGVO klären).',
      en: 'Set APP_ENV=prod and APP_DEBUG=0, load the WebProfilerBundle only in development and remove app_dev.php. Rotate every credential shown at once, take the database off the internet and check for third-party access (assess the GDPR Art. 33 notification duty).',
    },
    cwe: [489, 215, 200],
    kbv: ['topic/access-control', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [INCIDENTS.dubidoc2022],
    intrusive: false,
  },

  appliesTo: (target) => target.service.name === 'http',

  async run(target, ctx) {
    const page = await firstGenuinePage(target, ctx, PROFILER_PATHS, readProfilerPage);
    const info = await firstGenuinePage(target, ctx, PHPINFO_PATHS, readPhpinfoReply);
    const signals: Localized[] = [];
    if (page) signals.push({ de: 'Profiler-Seite', en: 'profiler page' });
    if (page && page.page.tokens > 0) signals.push(counted(page.page.tokens, REQUEST_TOKEN));
    if (debugTokenHeader(page?.reply) || debugTokenHeader(info?.reply)) signals.push({ de: 'X-Debug-Token-Header', en: 'X-Debug-Token header' });
    if (info) signals.push({ de: 'phpinfo-Panel', en: 'phpinfo panel' });
    if (signals.length < 2) return [];

    const shown = environmentShows(uniqueSecrets(info?.page.environment ?? []), { noteConnectionStrings: true });
    const listed = joinBoth(signals, ', ');
    const where = page?.path ?? info?.path ?? '/_profiler';
    return [
      {
        evidence: capBoth({ de: `Symfony-Profiler unter ${where}: ${listed.de}${shown.de}`, en: `Symfony profiler at ${where}: ${listed.en}${shown.en}` }),
        personalData: false,
        key: where.replace(/\?.*$/, ''),
      },
    ];
  },
};
