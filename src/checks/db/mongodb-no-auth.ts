import type * as Mongodb from 'mongodb';
import { sanitize } from '../../identify/match.js';
import type { Check, CheckContext, CheckTarget } from '../types.js';
import { databaseCount, versionText } from './wording.js';

interface ListFacts {
  /** null when buildInfo was refused although listDatabases was not. */
  version: string | null;
  databases: number;
}

// Loaded on first use: every scan imports the registry, and a scan without MongoDB must not pay for its client.
let mongodbClient: Promise<typeof Mongodb> | undefined;
const loadMongodb = () => (mongodbClient ??= import('mongodb'));

/**
 * db.mongodb.no-auth — MongoDB lists its databases to a client that never authenticated.
 *
 * Proof: the official driver connects without credentials and `listDatabases` (names only)
 * succeeds; only the COUNT is kept. "Unauthorized" / "requires authentication" is the fixed
 * state. Byte limit: the driver refuses messages above the server-announced maximum; the
 * request asks for names only, and the whole exchange is bounded in time.
 *
 * Sample evidence: "listDatabases answered without credentials: MongoDB 7.0.12, 4 databases"
 * (de: "listDatabases ohne Anmeldung beantwortet: MongoDB 7.0.12, 4 Datenbanken")
 */
export const mongodbNoAuth: Check = {
  meta: {
    id: 'db.mongodb.no-auth',
    severity: 'critical',
    title: { de: 'MongoDB ohne Anmeldung lesbar', en: 'MongoDB readable without authentication' },
    description: {
      de: 'Der MongoDB-Server beantwortet Abfragen ohne Anmeldung: alle Datenbanken sind für jeden lesbar und veränderbar, der den Port erreicht.',
      en: 'The MongoDB server answers queries without authentication: every database can be read and changed by anyone who reaches the port.',
    },
    remediation: {
      de: 'Zugriffskontrolle einschalten (security.authorization: enabled), Benutzer mit Passwort anlegen, bindIp auf die nötigen Adressen beschränken und Port 27017 nicht freigeben.',
      en: 'Enable access control (security.authorization: enabled), create users with passwords, restrict bindIp to the addresses needed and do not expose port 27017.',
    },
    cwe: [306],
    kbv: ['topic/access-control', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [],
    intrusive: true,
  },

  appliesTo: (target) => target.service.name === 'mongodb',

  async run(target, ctx) {
    const facts = await listWithoutCredentials(target, ctx);
    if (!facts) return [];
    const version = versionText(facts.version);
    const databases = databaseCount(facts.databases);
    return [
      {
        evidence: {
          de: `listDatabases ohne Anmeldung beantwortet: MongoDB ${version.de}, ${databases.de}`,
          en: `listDatabases answered without credentials: MongoDB ${version.en}, ${databases.en}`,
        },
        personalData: false,
      },
    ];
  },
};

async function listWithoutCredentials(target: CheckTarget, ctx: CheckContext): Promise<ListFacts | null> {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const { MongoClient } = await loadMongodb();
  const client = new MongoClient(`mongodb://${host}:${target.port}/`, {
    directConnection: true,
    serverSelectionTimeoutMS: ctx.timeoutMs,
    connectTimeoutMS: ctx.timeoutMs,
    socketTimeoutMS: ctx.timeoutMs,
    maxPoolSize: 1,
    appName: 'praxiswache',
    tls: target.service.tls,
    tlsAllowInvalidCertificates: target.service.tls,
  });
  const abort = (): void => void client.close(true).catch(() => undefined);
  ctx.signal.addEventListener('abort', abort, { once: true });
  try {
    const admin = client.db('admin');
    const listed = await admin.command({ listDatabases: 1, nameOnly: true });
    const databases: unknown = listed.databases;
    if (listed.ok !== 1 || !Array.isArray(databases)) return null;
    const build = await admin.command({ buildInfo: 1 }).catch(() => ({ version: null }));
    return { version: typeof build.version === 'string' ? sanitize(build.version, 30) : null, databases: databases.length };
  } catch {
    // Unauthorized, timeout, not really MongoDB: no proof.
    return null;
  } finally {
    ctx.signal.removeEventListener('abort', abort);
    await client.close(true).catch(() => undefined);
  }
}
