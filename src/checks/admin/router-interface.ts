import { INCIDENTS } from '../incidents.js';
import { httpGet, type HttpReply } from '../http-client.js';
import { joinBoth } from '../evidence.js';
import type { Check, CheckContext, CheckTarget } from '../types.js';
import { matchRouter } from './router-signatures.js';

/**
 * admin.router-interface — the management interface of the practice's router or firewall is
 * reachable from where we scan. Celle 2019: the router (a Telekom "Digitalisierungsbox") was
 * where the extra port forwardings came from; whoever reaches its login can try default or
 * leaked passwords and reconfigure the practice's internet gateway.
 *
 * Proof: the page at / (following one same-host redirect) carries the product's mark in its
 * title or Basic-auth realm AND a second, independent marker (product markup or a login form),
 * see router-signatures.ts. No login is attempted.
 *
 * Sample evidence: "AVM FRITZ!Box management interface at / (page title, product markup, login form)",
 * in German "Verwaltungsoberfläche AVM FRITZ!Box unter / (Seitentitel, Produktmerkmale im
 * Seitenquelltext, Anmeldeformular)"
 */
export const routerInterface: Check = {
  meta: {
    id: 'admin.router-interface',
    severity: 'high',
    title: {
      de: 'Verwaltungsoberfläche von Router oder Firewall erreichbar',
      en: 'Router or firewall management interface reachable',
    },
    description: {
      de: 'Die Anmeldeseite des Routers bzw. der Firewall ist erreichbar. Wer sie aus dem Internet erreicht, kann Passwörter durchprobieren und Portfreigaben ändern.',
      en: 'The router or firewall login page is reachable. Whoever reaches it from the internet can guess passwords and change port forwardings.',
    },
    remediation: {
      de: 'Fernzugriff auf die Verwaltungsoberfläche aus dem Internet abschalten (nur aus dem Praxisnetz oder per VPN), ein starkes individuelles Passwort setzen und die Firmware aktuell halten. Nach jedem Update die Freigaben prüfen.',
      en: 'Disable remote access to the management interface from the internet (practice network or VPN only), set a strong individual password and keep the firmware updated. Review forwardings after every update.',
    },
    cwe: [284, 1188],
    kbv: ['KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)', 'topic/router-config-review'],
    incidents: [INCIDENTS.celle2019],
    intrusive: false,
  },

  appliesTo: (target) => target.service.name === 'http',

  async run(target, ctx) {
    const { reply, path } = await fetchFront(target, ctx);
    if (!reply || reply.status >= 500) return [];
    const realm = /realm\s*=\s*"([^"]{0,100})"/i.exec(reply.headers['www-authenticate'] ?? '')?.[1] ?? '';
    const found = matchRouter(reply.body.toString('latin1'), realm);
    if (!found) return [];
    const signals = joinBoth(found.signals, ', ');
    const evidence = {
      de: `Verwaltungsoberfläche ${found.product} unter ${path} (${signals.de})`,
      en: `${found.product} management interface at ${path} (${signals.en})`,
    };
    return [{ evidence, personalData: false, key: found.product }];
  },
};

/** GET /, following at most one redirect that stays on the same host and port. */
async function fetchFront(target: CheckTarget, ctx: CheckContext): Promise<{ reply: HttpReply | null; path: string }> {
  const first = await httpGet(target, ctx, '/', 128 * 1024);
  const location = first && first.status >= 300 && first.status < 400 ? first.headers.location : undefined;
  if (!location) return { reply: first, path: '/' };
  const path = sameHostPath(location, target);
  return path ? { reply: await httpGet(target, ctx, path, 128 * 1024), path } : { reply: first, path: '/' };
}

function sameHostPath(location: string, target: CheckTarget): string | null {
  try {
    const base = `http://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
    const url = new URL(location, `${base}/`);
    const samePlace = url.hostname.replace(/^\[|\]$/g, '') === target.host && (url.port === '' || Number(url.port) === target.port);
    return samePlace ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}
