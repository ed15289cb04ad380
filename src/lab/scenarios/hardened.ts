import { randomBytes } from 'node:crypto';
import { startBannerServer } from '../banner-server.js';
import { composeInstance } from '../compose.js';
import { startDocumentServer } from '../document-server.js';
import { fakeDocuments } from '../fake-documents.js';
import type { Scenario } from '../scenario.js';
import { createSelfSignedCert } from '../self-signed-cert.js';


/**
 * The control: what the Celle practice should have looked like after the fix. HTTPS only on
 * 443, documents behind basic auth, remote maintenance over SSH. A scan must report nothing
 * above info here; every finding on this scenario is a false positive.
 */
export const hardened: Scenario = {
  name: 'hardened',
  description: {
    de: 'Kontrolle: Dokumente nur per HTTPS auf 443 mit Anmeldung, Fernwartung per SSH; darf keinen Befund über info erzeugen',
    en: 'Control: documents only over HTTPS 443 with basic auth, remote maintenance over SSH; must produce no finding above info',
  },
  expectedFindings: [],
  start({ addressPrefix }) {
    const host = `${addressPrefix}.2.1`;
    const tls = createSelfSignedCert('praxis-dokumente', [host]);
    const documents = fakeDocuments(12, 7);
    const auth = { user: 'praxis', password: randomBytes(12).toString('base64url') };
    return composeInstance('hardened', [host], [
      {
        description: `HTTPS document server, ${documents.length} synthetic documents behind basic auth`,
        port: 443,
        start: () => startDocumentServer({ host, port: 443, documents, tls, auth }),
      },
      {
        description: 'SSH-like banner (remote maintenance), no login behind it',
        port: 22,
        start: () => startBannerServer(host, 22, 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n'),
      },
    ]);
  },
};
