import type * as Pg from 'pg';
import { sanitize } from '../../identify/match.js';
import type { Check, CheckContext, CheckTarget, FindingDraft } from '../types.js';
import { cappedSocket } from './capped-socket.js';
import { databaseCount, versionText } from './wording.js';

const REPLY_MAX_BYTES = 256 * 1024;
/** The superuser every cluster has, then names admins often give their own superuser. */
const USERS = ['postgres', 'admin', 'root', 'pgsql'] as const;

interface LoginFacts {
  /** null when the server logged us in but did not say its version. */
  version: string | null;
  databases: number;
}

class PasswordRequested extends Error {}

// Loaded on first use: every scan imports the registry, and a scan without PostgreSQL must not pay for its client.
let pgClient: Promise<typeof Pg> | undefined;
const loadPg = () => (pgClient ??= import('pg'));

/**
 * db.postgres.trust — PostgreSQL lets a client in without any password ("trust" in pg_hba.conf).
 *
 * Proof: the official client (pg) completes the startup as a common user and runs one read-only
 * query (version, COUNT of databases). When the server asks for a password, the check stops
 * right there: no password, not even an empty one, is ever sent.
 *
 * Sample evidence: "login as postgres without a password accepted: PostgreSQL 16.4, 3 databases (templates excluded)"
 * (de: "Anmeldung als postgres ohne Passwort erfolgreich: PostgreSQL 16.4, 3 Datenbanken (ohne Vorlagen)")
 */
export const postgresTrust: Check = {
  meta: {
    id: 'db.postgres.trust',
    severity: 'critical',
    title: { de: 'PostgreSQL-Anmeldung ohne Passwort', en: 'PostgreSQL login without a password' },
    description: {
      de: 'Der PostgreSQL-Server lässt Anmeldungen ohne Passwort zu (trust in pg_hba.conf): alle Datenbanken sind für jeden lesbar und veränderbar, der den Port erreicht.',
      en: 'The PostgreSQL server accepts logins without a password (trust in pg_hba.conf): every database can be read and changed by anyone who reaches the port.',
    },
    remediation: {
      de: 'In pg_hba.conf für Netzwerkverbindungen "trust" durch "scram-sha-256" ersetzen, Passwörter für alle Rollen setzen, listen_addresses auf die nötigen Adressen beschränken und Port 5432 nicht freigeben.',
      en: 'Replace "trust" with "scram-sha-256" for network connections in pg_hba.conf, set passwords for all roles, restrict listen_addresses to the addresses needed and do not expose port 5432.',
    },
    cwe: [306],
    kbv: ['topic/access-control', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [],
    intrusive: true,
  },

  appliesTo: (target) => target.service.name === 'postgresql',

  async run(target, ctx) {
    for (const user of USERS) {
      if (ctx.signal.aborted) break;
      const facts = await tryLogin(target, ctx, user, false);
      if (facts) return [draft(user, facts)];
    }
    return [];
  },
};

async function tryLogin(target: CheckTarget, ctx: CheckContext, user: string, tls: boolean): Promise<LoginFacts | null> {
  const { Client } = await loadPg();
  const client = new Client({
    host: target.host,
    port: target.port,
    user,
    database: 'postgres',
    // Called only when the server demands a password: refuse, so nothing is ever sent.
    password: () => {
      throw new PasswordRequested('server requires a password');
    },
    ssl: tls ? { rejectUnauthorized: false } : false,
    connectionTimeoutMillis: ctx.timeoutMs,
    query_timeout: ctx.timeoutMs,
    application_name: 'praxiswache',
    stream: () => cappedSocket(Math.min(ctx.maxBytes, REPLY_MAX_BYTES)),
  });
  client.on('error', () => undefined); // late socket errors after a failed login
  try {
    await client.connect();
    const result = await client.query<{ version: string; databases: string }>(
      "SELECT current_setting('server_version') AS version, (SELECT count(*) FROM pg_database WHERE NOT datistemplate) AS databases",
    );
    const row = result.rows[0];
    // Logged in is the proof; an odd reply only costs the details.
    return { version: typeof row?.version === 'string' ? sanitize(row.version, 30) : null, databases: Number(row?.databases ?? 0) };
  } catch (err) {
    // pg_hba.conf may allow trust only over TLS (hostssl): the same login inside TLS.
    if (!tls && err instanceof Error && /no encryption/i.test(err.message)) return tryLogin(target, ctx, user, true);
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function draft(user: string, facts: LoginFacts): FindingDraft {
  const version = versionText(facts.version);
  const databases = databaseCount(facts.databases);
  return {
    evidence: {
      de: `Anmeldung als ${user} ohne Passwort erfolgreich: PostgreSQL ${version.de}, ${databases.de} (ohne Vorlagen)`,
      en: `login as ${user} without a password accepted: PostgreSQL ${version.en}, ${databases.en} (templates excluded)`,
    },
    personalData: false,
    key: user,
  };
}
