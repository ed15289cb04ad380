import { exchange } from '../../identify/exchange.js';
import { sanitize } from '../../identify/match.js';
import type { Check } from '../types.js';
import { parseStatLines } from './info-lines.js';
import { countedIn } from '../evidence.js';

const STATS_MAX_BYTES = 32 * 1024;
const STATS_END = /(?:^|\r\n)(?:END|ERROR|CLIENT_ERROR[^\r\n]*|SERVER_ERROR[^\r\n]*)\r\n/;

/**
 * db.memcached.open — memcached answers commands without authentication. Anyone who reaches the
 * port reads cached values (often sessions and rendered pages) and can flush or poison the cache.
 *
 * Proof: `stats` answered with STAT lines ending in END. "CLIENT_ERROR unauthenticated" (ASCII
 * auth, -Y) or a closed connection (binary SASL only) is the fixed state.
 *
 * Sample evidence: "stats answered without authentication: memcached 1.6.21, 17 items cached"
 * (de: "stats ohne Anmeldung beantwortet: memcached 1.6.21, 17 Einträge im Cache")
 */
export const memcachedOpen: Check = {
  meta: {
    id: 'db.memcached.open',
    severity: 'high',
    title: { de: 'memcached ohne Anmeldung erreichbar', en: 'memcached reachable without authentication' },
    description: {
      de: 'Der memcached-Dienst beantwortet Befehle ohne Anmeldung: zwischengespeicherte Inhalte (oft Sitzungen und Seiten) sind für jeden lesbar und veränderbar.',
      en: 'The memcached service answers commands without authentication: cached content (often sessions and pages) can be read and changed by anyone.',
    },
    remediation: {
      de: 'memcached nur an 127.0.0.1 binden (-l 127.0.0.1), UDP abschalten (-U 0) und den Port nicht ins Internet freigeben; wo Zugriff über das Netz nötig ist, Authentisierung (SASL oder -Y) einschalten.',
      en: 'Bind memcached to 127.0.0.1 only (-l 127.0.0.1), disable UDP (-U 0) and do not expose the port; where network access is needed, enable authentication (SASL or -Y).',
    },
    cwe: [306],
    kbv: ['topic/access-control', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [],
    intrusive: false,
  },

  appliesTo: (target) => target.service.name === 'memcached',

  async run(target, ctx) {
    const result = await exchange({
      host: target.host,
      port: target.port,
      tls: target.service.tls,
      payload: Buffer.from('stats\r\n', 'latin1'),
      timeoutMs: ctx.timeoutMs,
      maxBytes: Math.min(ctx.maxBytes, STATS_MAX_BYTES),
      enough: (reply) => STATS_END.test(reply.toString('latin1')),
      signal: ctx.signal,
    });
    const text = result.reply.toString('latin1');
    if (!/(?:^|\r\n)END\r\n/.test(text)) return [];
    const stats = parseStatLines(text, /^STAT (\S+) (\S*)$/);
    const version = stats.get('version');
    if (version === undefined || !stats.has('pid')) return [];
    const items = Number(stats.get('curr_items') ?? 0);
    const server = `memcached ${sanitize(version, 20)}`;
    return [
      {
        evidence: {
          de: `stats ohne Anmeldung beantwortet: ${server}, ${countedIn(items, 'Eintrag', 'Einträge')} im Cache`,
          en: `stats answered without authentication: ${server}, ${items} items cached`,
        },
        personalData: false,
      },
    ];
  },
};
