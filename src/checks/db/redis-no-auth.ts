import { exchange } from '../../identify/exchange.js';
import { sanitize } from '../../identify/match.js';
import type { Check } from '../types.js';
import { parseStatLines } from './info-lines.js';
import { parseRespReply, respCommand } from './resp.js';
import { databaseCount } from './wording.js';
import { countedIn } from '../evidence.js';

const INFO_MAX_BYTES = 64 * 1024;

/**
 * db.redis.no-auth — Redis executes commands without AUTH. Whoever reaches the port reads and
 * writes every key (and on many versions can write files through CONFIG SET).
 *
 * Proof: INFO answered with a bulk reply naming redis_version. A -NOAUTH / -DENIED reply is the
 * fixed state. Evidence keeps the version and the key COUNT per keyspace, never a key.
 *
 * Sample evidence: "INFO answered without AUTH: Redis 7.0.15, 42 keys in 2 databases"
 * (de: "INFO ohne AUTH beantwortet: Redis 7.0.15, 42 Schlüssel in 2 Datenbanken")
 */
export const redisNoAuth: Check = {
  meta: {
    id: 'db.redis.no-auth',
    severity: 'critical',
    title: { de: 'Redis ohne Passwort erreichbar', en: 'Redis reachable without a password' },
    description: {
      de: 'Der Redis-Server führt Befehle ohne Anmeldung aus: jeder, der den Port erreicht, kann alle gespeicherten Daten lesen und verändern.',
      en: 'The Redis server executes commands without authentication: anyone who reaches the port can read and change all stored data.',
    },
    remediation: {
      de: 'Redis nur an 127.0.0.1 oder das interne Netz binden (bind), ein starkes Passwort bzw. ACL-Benutzer einrichten (requirepass / ACL SETUSER) und protected-mode eingeschaltet lassen. Den Port im Router nicht freigeben.',
      en: 'Bind Redis to 127.0.0.1 or the internal network only (bind), set a strong password or ACL users (requirepass / ACL SETUSER) and keep protected-mode on. Do not forward the port in the router.',
    },
    cwe: [306],
    kbv: ['topic/access-control', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [],
    intrusive: true,
  },

  appliesTo: (target) => target.service.name === 'redis',

  async run(target, ctx) {
    const result = await exchange({
      host: target.host,
      port: target.port,
      tls: target.service.tls,
      payload: respCommand('INFO'),
      timeoutMs: ctx.timeoutMs,
      maxBytes: Math.min(ctx.maxBytes, INFO_MAX_BYTES),
      enough: (reply) => parseRespReply(reply).state !== 'incomplete',
      signal: ctx.signal,
    });
    const reply = parseRespReply(result.reply);
    if (reply.state !== 'complete' || reply.kind !== 'bulk' || reply.text === null) return [];
    const info = parseStatLines(reply.text, /^([a-z_0-9]+):(.*)$/);
    const version = info.get('redis_version');
    if (version === undefined) return [];
    const keyspaces = [...info.entries()].filter(([name]) => /^db\d+$/.test(name));
    const keys = keyspaces.reduce((sum, [, value]) => sum + Number(/keys=(\d+)/.exec(value)?.[1] ?? 0), 0);
    const server = `Redis ${sanitize(version, 20)}`;
    const databases = databaseCount(keyspaces.length);
    return [
      {
        evidence: {
          de: `INFO ohne AUTH beantwortet: ${server}, ${keys} Schlüssel in ${databases.de}`,
          en: `INFO answered without AUTH: ${server}, ${countedIn(keys, 'key', 'keys')} in ${databases.en}`,
        },
        personalData: false,
      },
    ];
  },
};
