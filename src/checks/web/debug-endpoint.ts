import { INCIDENTS } from '../incidents.js';
import { httpRequest, type HttpReply } from '../http-client.js';
import type { Check, CheckContext, CheckTarget, FindingDraft } from '../types.js';
import { DEBUG_ENDPOINTS, matchesEndpoint, type DebugEndpoint } from './debug-endpoints.js';
import { genuinePages } from './genuine-page.js';

/**
 * http.debug-endpoint — status and debug endpoints of web servers and frameworks (Apache
 * server-status, nginx stub_status, Spring Boot actuator env and heapdump, Go expvar/pprof,
 * Laravel Debugbar) answer anyone. They reveal client addresses and URLs, configuration with
 * secrets, or whole memory dumps.
 *
 * Proof: every marker of the endpoint (at least two, see debug-endpoints.ts) in a 200 reply,
 * and a random sibling path that does not answer the same (soft-404 guard). Heap dumps are
 * asked with HEAD only: the headers prove it, the dump itself is never downloaded.
 *
 * Sample evidence: "/actuator/env: Spring Boot actuator env (configuration and secrets)", in German
 * "/actuator/env: Spring Boot Actuator env (Konfiguration und geheime Werte)"
 */
export const debugEndpoint: Check = {
  meta: {
    id: 'http.debug-endpoint',
    severity: 'high',
    title: {
      de: 'Debug- oder Statusseite des Webservers öffentlich erreichbar',
      en: 'Web server debug or status endpoint publicly reachable',
    },
    description: {
      de: 'Eine Status- oder Debug-Schnittstelle (server-status, actuator, expvar, pprof…) zeigt Anfragen, Konfiguration oder Speicherinhalte ohne Anmeldung.',
      en: 'A status or debug interface (server-status, actuator, expvar, pprof…) shows requests, configuration or memory contents without authentication.',
    },
    remediation: {
      de: 'Die Schnittstelle abschalten oder auf localhost bzw. ein Verwaltungsnetz beschränken (Apache: Require local; Spring: management.endpoints.web.exposure.include nur health). Angezeigte Zugangsdaten ändern.',
      en: 'Disable the interface or restrict it to localhost or a management network (Apache: Require local; Spring: expose only health). Rotate credentials that were shown.',
    },
    cwe: [215, 200],
    kbv: ['topic/access-control'],
    incidents: [INCIDENTS.dubidoc2022],
    intrusive: false,
  },

  appliesTo: (target) => target.service.name === 'http',

  async run(target, ctx) {
    const drafts: FindingDraft[] = [];
    for (const endpoint of DEBUG_ENDPOINTS) {
      if (ctx.signal.aborted) break;
      const found = endpoint.headOnly ? await headProof(target, ctx, endpoint) : await bodyProof(target, ctx, endpoint);
      if (found) {
        const evidence = { de: `${endpoint.path}: ${endpoint.name.de}`, en: `${endpoint.path}: ${endpoint.name.en}` };
        drafts.push({ evidence, personalData: false, key: endpoint.path });
      }
    }
    return drafts;
  },
};

async function bodyProof(target: CheckTarget, ctx: CheckContext, endpoint: DebugEndpoint): Promise<boolean> {
  const read = (reply: HttpReply): true | null => (matchesEndpoint(endpoint, reply) ? true : null);
  const pages = await genuinePages(target, ctx, [endpoint.path], read, { maxBytes: 64 * 1024 });
  return pages.length > 0;
}

async function headProof(target: CheckTarget, ctx: CheckContext, endpoint: DebugEndpoint): Promise<boolean> {
  const reply = await httpRequest(target, ctx, { path: endpoint.path, method: 'HEAD', maxBytes: 8 * 1024 });
  if (reply?.status !== 200 || !matchesEndpoint(endpoint, reply)) return false;
  // A catch-all that calls everything a heap dump is no proof either.
  const other = await httpRequest(target, ctx, { path: `${endpoint.path}-${Date.now().toString(36)}pw`, method: 'HEAD', maxBytes: 8 * 1024 });
  return !(other?.status === 200 && matchesEndpoint(endpoint, other));
}
