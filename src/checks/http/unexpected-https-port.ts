import { INCIDENTS } from '../incidents.js';
import { sanitize } from '../../identify/match.js';
import { httpGet } from '../http-client.js';
import type { Check } from '../types.js';

/**
 * http.unexpected-https-port — an HTTPS service answers on a port outside the expected set
 * (443, 8443 unless configured). Celle 2019: the router opened 440–449 next to the forwarded
 * 443, and the documents were readable there; a firmware update opened them again.
 *
 * Proof: a TLS handshake AND a well-formed HTTP response inside it on that port. The port
 * number alone is never proof (a port list says nothing about what answers).
 *
 * Sample evidence: "HTTPS answers on port 444 (status 200, server nginx), expected only on 443, 8443",
 * in German "HTTPS antwortet auf Port 444 (Status 200, Server nginx), erwartet nur auf 443, 8443"
 */
export const unexpectedHttpsPort: Check = {
  meta: {
    id: 'http.unexpected-https-port',
    severity: 'high',
    title: {
      de: 'HTTPS-Dienst auf einem unerwarteten Port',
      en: 'HTTPS service on an unexpected port',
    },
    description: {
      de: 'Ein Webserver antwortet über TLS auf einem Port außerhalb der erwarteten HTTPS-Ports, oft durch eine zusätzliche Portweiterleitung im Router.',
      en: 'A web server answers over TLS on a port outside the expected HTTPS ports, often through an extra port forwarding in the router.',
    },
    remediation: {
      de: 'Portweiterleitungen und Freigaben im Router prüfen und alles schließen, was nicht gebraucht wird. Nach jedem Firmware-Update erneut prüfen (Celle: das Update hat die Ports wieder geöffnet). praxiswache watch meldet, wenn ein geschlossener Port wieder aufgeht.',
      en: 'Review the router’s port forwardings and exposed services and close everything not needed. Check again after every firmware update (Celle: the update re-opened the ports). praxiswache watch alerts when a closed port opens again.',
    },
    cwe: [284],
    kbv: ['KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)', 'topic/router-config-review'],
    incidents: [INCIDENTS.celle2019],
    intrusive: false,
  },

  // Identification found TLS; the run below proves HTTP inside it itself.
  appliesTo: (target) => target.service.tls && (target.service.name === 'http' || target.service.name === 'unknown'),

  async run(target, ctx) {
    if (ctx.expectedHttpsPorts.has(target.port)) return [];
    const reply = await httpGet(target, ctx, '/', 16 * 1024);
    if (!reply) return [];
    const server = reply.headers.server ? sanitize(reply.headers.server, 40) : null;
    const expected = [...ctx.expectedHttpsPorts].sort((a, b) => a - b).join(', ');
    return [
      {
        evidence: {
          de: `HTTPS antwortet auf Port ${target.port} (Status ${reply.status}${server ? `, Server ${server}` : ''}), ${expected ? `erwartet nur auf ${expected}` : 'auf keinem Port erwartet'}`,
          en: `HTTPS answers on port ${target.port} (status ${reply.status}${server ? `, server ${server}` : ''}), expected only on ${expected || 'none'}`,
        },
        personalData: false,
        key: String(target.port),
      },
    ];
  },
};
