import type * as Mysql2 from 'mysql2/promise';
import { sanitize } from '../../identify/match.js';
import type { Check, CheckContext, CheckTarget, FindingDraft } from '../types.js';
import { cappedSocket } from './capped-socket.js';
import { databaseCount } from './wording.js';

const REPLY_MAX_BYTES = 256 * 1024;
/** root with an empty password, then the anonymous account (empty user name) many installs left. */
const USERS = ['root', ''] as const;
const SYSTEM_SCHEMAS = "'information_schema','performance_schema','mysql','sys'";
// Loaded on first use: every scan imports the registry, and a scan without MySQL must not pay for its client.
let mysqlClient: Promise<typeof Mysql2> | undefined;
const loadMysql = () => (mysqlClient ??= import('mysql2/promise'));

interface LoginFacts {
  version: string;
  account: string;
  databases: number;
}

/**
 * db.mysql.no-auth — MySQL/MariaDB accepts root or the anonymous account with an empty password.
 *
 * Proof: the official client (mysql2) logs in with an empty password and runs one read-only
 * query: server version, the account the server mapped us to, and the COUNT of non-system
 * databases. Names of databases, tables or rows are never read.
 *
 * Sample evidence: "login as root with an empty password accepted, mapped to the account root@%: MariaDB 10.11.6, 3 databases besides the system schemas"
 * (de: "Anmeldung als root mit leerem Passwort erfolgreich, vom Server dem Konto root@% zugeordnet: MariaDB 10.11.6, 3 Datenbanken außer den Systemschemas")
 */
export const mysqlNoAuth: Check = {
  meta: {
    id: 'db.mysql.no-auth',
    severity: 'critical',
    title: { de: 'MySQL/MariaDB-Anmeldung ohne Passwort', en: 'MySQL/MariaDB login without a password' },
    description: {
      de: 'Der Datenbankserver lässt eine Anmeldung als root oder als anonymer Benutzer mit leerem Passwort zu: alle Datenbanken, auch die der Praxissoftware, sind lesbar.',
      en: 'The database server accepts a login as root or as the anonymous user with an empty password: every database, including the practice software’s, is readable.',
    },
    remediation: {
      de: 'root ein starkes Passwort geben oder auf unix_socket-Anmeldung beschränken, anonyme Benutzer löschen (mariadb-secure-installation bzw. mysql_secure_installation), den Server nur an 127.0.0.1 oder das interne Netz binden (bind-address) und Port 3306 nicht freigeben.',
      en: 'Give root a strong password or restrict it to unix_socket login, remove anonymous users (mariadb-secure-installation or mysql_secure_installation), bind the server to 127.0.0.1 or the internal network (bind-address) and do not expose port 3306.',
    },
    cwe: [521, 306],
    kbv: ['topic/access-control', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [],
    intrusive: true,
  },

  appliesTo: (target) => target.service.name === 'mysql',

  async run(target, ctx) {
    for (const user of USERS) {
      if (ctx.signal.aborted) break;
      const facts = await tryLogin(target, ctx, user);
      if (facts) return [draft(user, facts)];
    }
    return [];
  },
};

async function tryLogin(target: CheckTarget, ctx: CheckContext, user: string): Promise<LoginFacts | null> {
  const { createConnection } = await loadMysql();
  let connection: Mysql2.Connection | undefined;
  try {
    connection = await createConnection({
      host: target.host,
      port: target.port,
      user,
      password: '',
      connectTimeout: ctx.timeoutMs,
      stream: () => cappedSocket(Math.min(ctx.maxBytes, REPLY_MAX_BYTES), { host: target.host, port: target.port }),
    });
    const [rows] = await connection.query<Mysql2.RowDataPacket[]>({
      sql: `SELECT VERSION() AS version, CURRENT_USER() AS account,
              (SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN (${SYSTEM_SCHEMAS})) AS databases_count`,
      timeout: ctx.timeoutMs,
    });
    const row = rows[0];
    if (!row) return null;
    return { version: String(row.version), account: String(row.account), databases: Number(row.databases_count) };
  } catch {
    // Access denied, plugin mismatch, timeout, a hostile peer: no proof for this account.
    return null;
  } finally {
    connection?.destroy();
  }
}

/**
 * The account is what the server mapped the login to: an anonymous account (''@'%') matches
 * every user name, so "root" may well have landed there.
 */
function draft(user: string, facts: LoginFacts): FindingDraft {
  const anonymous = facts.account.startsWith('@');
  const account = sanitize(facts.account, 60);
  const product = /mariadb/i.test(facts.version) ? 'MariaDB' : 'MySQL';
  const server = `${product} ${sanitize(facts.version.replace(/-MariaDB.*$/i, ''), 30)}`;
  const databases = databaseCount(facts.databases);
  return {
    evidence: {
      de:
        `Anmeldung ${user === '' ? 'mit leerem Benutzernamen und' : `als ${user} mit`} leerem Passwort erfolgreich, ` +
        `vom Server dem ${anonymous ? 'anonymen ' : ''}Konto ${account} zugeordnet: ${server}, ${databases.de} außer den Systemschemas`,
      en:
        `login as ${user === '' ? 'an empty user name' : user} with an empty password accepted, ` +
        `mapped to the ${anonymous ? 'anonymous ' : ''}account ${account}: ${server}, ${databases.en} besides the system schemas`,
    },
    personalData: false,
    key: anonymous ? 'anonymous' : 'root',
  };
}
