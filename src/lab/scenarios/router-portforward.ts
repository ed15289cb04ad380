import { randomBytes } from 'node:crypto';
import { composeInstance } from '../compose.js';
import { startDocumentServer } from '../document-server.js';
import { fakeDocuments } from '../fake-documents.js';
import type { Scenario } from '../scenario.js';
import { createSelfSignedCert } from '../self-signed-cert.js';

/** The router forwards 443; its "Digitalisierungsbox" also opened some of 440–449. */
const EXTRA_PORTS = [444, 446];

/**
 * Celle 2019 (seeds 000, 001): the practice's document server is reachable over HTTPS on 443
 * behind basic auth, but the router also forwards ports from 440–449 to it, where the same
 * documents are served WITHOUT auth. A firmware update re-opened those ports after the fix.
 */
export const routerPortforward: Scenario = {
  name: 'router-portforward',
  description: {
    de: 'Celle 2019: Dokumentenserver per HTTPS auf 443 mit Anmeldung, dieselben Dokumente ohne Anmeldung auf Ports aus 440–449',
    en: 'Celle 2019: document server on HTTPS 443 with basic auth, the same documents without auth on ports from 440–449',
  },
  expectedFindings: ['http.unexpected-https-port', 'http.document-listing'],
  start({ addressPrefix }) {
    const host = `${addressPrefix}.1.1`;
    const tls = createSelfSignedCert('praxis-dokumente', [host]);
    const documents = fakeDocuments(24);
    const auth = { user: 'praxis', password: randomBytes(12).toString('base64url') };
    const serverName = 'nginx/1.14.2';
    return composeInstance(
      'router-portforward',
      [host],
      [
        {
          description: `HTTPS document server, ${documents.length} synthetic documents behind basic auth`,
          port: 443,
          start: () => startDocumentServer({ host, port: 443, documents, tls, auth, serverName }),
        },
      ],
      EXTRA_PORTS.map((port) => ({
        description: `the same ${documents.length} documents over HTTPS WITHOUT auth (router port forwarding)`,
        port,
        start: () => startDocumentServer({ host, port, documents, tls, serverName }),
      })),
    );
  },
};
