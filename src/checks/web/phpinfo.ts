import { sanitize } from '../../identify/match.js';
import { INCIDENTS } from '../incidents.js';
import { capBoth } from '../evidence.js';
import type { HttpReply } from '../http-client.js';
import type { Check } from '../types.js';
import { firstGenuinePage } from './genuine-page.js';
import { readPhpinfo, type PhpinfoPage } from './phpinfo-page.js';
import { environmentShows, uniqueSecrets } from './secrets.js';

/**
 * http.phpinfo — a phpinfo() page is served. It reveals versions, paths and modules, and its
 * environment tables often carry the application's secrets (dubidoc 2022: the profiler's
 * phpinfo printed database and mail credentials).
 *
 * Proof: two of the page's own markers (the "phpinfo()" title, the "PHP Version" heading, the
 * e/v table cells) AND a random sibling path that does not answer the same. Medium by default;
 * raised to critical when environment rows carry credentials (named, values masked).
 *
 * Sample evidence: "/info.php: phpinfo() of PHP 8.2.36; environment shows 2 secrets:
 * DATABASE_URL=my…(58), MAILER_PASSWORD=x9…(16)", in German "/info.php: phpinfo() von PHP 8.2.36;
 * in der Umgebung 2 geheime Werte: …"
 */
export const PHPINFO_PATHS = ['/phpinfo.php', '/info.php', '/php_info.php', '/test.php', '/i.php', '/_profiler/phpinfo'] as const;

export const readPhpinfoReply = (reply: HttpReply): PhpinfoPage | null => readPhpinfo(reply.body.toString('latin1'));

export const phpinfo: Check = {
  meta: {
    id: 'http.phpinfo',
    severity: 'medium',
    title: {
      de: 'phpinfo()-Seite öffentlich abrufbar',
      en: 'phpinfo() page publicly reachable',
    },
    description: {
      de: 'Eine phpinfo()-Seite zeigt Versionen, Pfade und Umgebungsvariablen des Servers, oft mit Passwörtern und Datenbank-Zugangsdaten.',
      en: 'A phpinfo() page shows the server’s versions, paths and environment variables, often with passwords and database credentials.',
    },
    remediation: {
      de: 'Die Datei löschen (phpinfo gehört nicht auf einen Produktivserver). Wurden Zugangsdaten angezeigt, diese sofort ändern und Zugriffsprotokolle prüfen.',
      en: 'Delete the file (phpinfo does not belong on a production server). If credentials were shown, rotate them at once and check access logs.',
    },
    cwe: [200, 497],
    kbv: ['topic/access-control'],
    incidents: [INCIDENTS.dubidoc2022],
    intrusive: false,
  },

  appliesTo: (target) => target.service.name === 'http',

  async run(target, ctx) {
    const found = await firstGenuinePage(target, ctx, PHPINFO_PATHS, readPhpinfoReply);
    if (!found) return [];
    const secrets = uniqueSecrets(found.page.environment);
    const version = found.page.version ? sanitize(found.page.version, 30) : null;
    const shown = environmentShows(secrets, { noteConnectionStrings: false });
    return [
      {
        severity: secrets.length > 0 ? 'critical' : 'medium',
        evidence: capBoth({
          de: `${found.path}: phpinfo()${version ? ` von PHP ${version}` : ''}${shown.de}`,
          en: `${found.path}: phpinfo()${version ? ` of PHP ${version}` : ''}${shown.en}`,
        }),
        personalData: false,
        key: found.path,
      },
    ];
  },
};
