import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentListing } from '../../src/checks/http/document-listing.js';
import { unexpectedHttpsPort } from '../../src/checks/http/unexpected-https-port.js';
import type { Finding, ScanReport } from '../../src/core/types.js';
import { formatReport, REPORT_FORMATS } from '../../src/report/index.js';
import { runScan } from '../../src/scan/index.js';
import { freePort, peerAvailable, portAccepts, startAll, type RunningDaemon } from './support/daemon.js';
import { DOCUMENTS, fetchFromPeer, PLANTED_NAMES, startCelleNginx } from './support/nginx-celle.js';
import { bilingualEvidence, expectFinding, peerContext } from './support/run-check.js';
import { aboveInfo, scanPort } from './web-scan.js';

/**
 * Celle 2019 against real nginx: the practice forwarded 443 to a document server that lists its
 * folder (behind a login), and the router also forwarded a second port where the same folder was
 * listed to anyone. Every host below serves the same synthetic documents over TLS; the port
 * declared as expected HTTPS port (EXPECTED) stands for 443, UNEXPECTED for the 444 next to it.
 */
const EXPOSED = '127.24.1.1'; //   EXPECTED: autoindex + login;  UNEXPECTED: autoindex, no login
const INDEX_ONLY = '127.24.2.1'; // UNEXPECTED: index.html, autoindex off  (fixed twin: no listing)
const CLOSED = '127.24.3.1'; //    EXPECTED: autoindex + login;  UNEXPECTED: closed  (fixed twin: port shut)
const WITH_LOGIN = '127.24.4.1'; // UNEXPECTED: autoindex + login  (fixed twin of the listing)
const FOLDERS = '127.24.5.1'; //   UNEXPECTED: index.html at /, autoindex on in the folders below

const OPEN_LISTING = { autoindex: true, auth: false, indexPage: false };
const LISTING_WITH_LOGIN = { autoindex: true, auth: true, indexPage: false };

let EXPECTED = 0;
let UNEXPECTED = 0;

/** Check ids of the findings above info, per "host:port", for exact comparisons. */
function findingsByPort(findings: readonly { checkId: string; severity: string; host: string; port: number }[]): Record<string, string[]> {
  const byPort: Record<string, string[]> = {};
  for (const f of findings.filter((x) => x.severity !== 'info')) (byPort[`${f.host}:${f.port}`] ??= []).push(`${f.checkId} ${f.severity}`);
  for (const list of Object.values(byPort)) list.sort();
  return byPort;
}

function expectNoPlantedName(output: string): void {
  for (const name of PLANTED_NAMES) expect(output, `planted name ${name} leaked`).not.toContain(name);
}

const celleChecks = (findings: Finding[]): string[] =>
  findings.filter((f) => f.checkId === 'http.document-listing' || f.checkId === 'http.unexpected-https-port').map((f) => f.checkId).sort();

describe.skipIf(!peerAvailable('nginx', 'nginx-light'))('Celle 2019 on nginx: document listing and the extra HTTPS port', () => {
  const running: RunningDaemon[] = [];

  beforeAll(async () => {
    EXPECTED = await freePort(EXPOSED);
    do UNEXPECTED = await freePort(EXPOSED);
    while (UNEXPECTED === EXPECTED);
    running.push(
      ...(await startAll([
        startCelleNginx('nginx (forwarded port: listing behind login)', EXPOSED, EXPECTED, LISTING_WITH_LOGIN),
        startCelleNginx('nginx (extra port: open listing)', EXPOSED, UNEXPECTED, OPEN_LISTING),
        startCelleNginx('nginx (extra port: index.html, autoindex off)', INDEX_ONLY, UNEXPECTED, { autoindex: false, auth: false, indexPage: true }),
        startCelleNginx('nginx (forwarded port only: listing behind login)', CLOSED, EXPECTED, LISTING_WITH_LOGIN),
        startCelleNginx('nginx (extra port: listing behind login)', WITH_LOGIN, UNEXPECTED, LISTING_WITH_LOGIN),
        startCelleNginx('nginx (extra port: index.html, listings in the folders)', FOLDERS, UNEXPECTED, { autoindex: true, auth: false, indexPage: true }),
      ])),
    );
  }, 120_000);
  afterAll(async () => {
    await Promise.all(running.map((d) => d.stop()));
  });

  describe('identify + every check, port by port (expected HTTPS port: EXPECTED only)', () => {
    it('exposed: the open listing on the extra port is a critical document listing AND an unexpected HTTPS port', async () => {
      const { service, findings } = await scanPort(EXPOSED, UNEXPECTED, [EXPECTED]);
      expect(service).toMatchObject({ name: 'http', tls: true, product: 'nginx' });
      expect(findingsByPort(findings)).toEqual({
        [`${EXPOSED}:${UNEXPECTED}`]: ['http.document-listing critical', 'http.unexpected-https-port high'],
      });
      const listing = findings.find((f) => f.checkId === 'http.document-listing')!;
      expect(listing).toMatchObject({ personalData: true, key: 'listing' });
      // 4 listings (/, /befunde/, /befunde/<name>/, /scans/); 9 documents; masked examples (length + extension) only
      expect(listing.evidence).toMatch(
        /^listing \(apache\/nginx\/lighttpd\) at \/ and 3 subdirectories: 9 documents without authentication: 4 pdf, 2 dicom, 2 scan, 1 word; e\.g\. …\(\d+\)\.\w+, …\(\d+\)\.\w+, …\(\d+\)\.\w+$/,
      );
      const port = findings.find((f) => f.checkId === 'http.unexpected-https-port')!;
      expect(port).toMatchObject({ key: String(UNEXPECTED), personalData: false });
      expect(port.evidence).toMatch(new RegExp(`^HTTPS answers on port ${UNEXPECTED} \\(status 200, server nginx/[\\d.]+\\), expected only on ${EXPECTED}$`));
      expectNoPlantedName(JSON.stringify(findings));
    });

    it('exposed, German evidence: counts per type, names masked', async () => {
      const draft = await expectFinding(documentListing, EXPOSED, UNEXPECTED, 'http');
      const evidence = bilingualEvidence(draft);
      expect(evidence.de).toMatch(/^Verzeichnisliste \(apache\/nginx\/lighttpd\) unter \/ und 3 Unterordnern: 9 Dokumente ohne Anmeldung: 4 PDF, 2 DICOM, 2 Scans, 1 Word-Datei; z\. B\. /);
      expectNoPlantedName(JSON.stringify(draft));
    });

    it('exposed: the same listing behind auth_basic on the expected port yields nothing above info', async () => {
      // the twin is not empty by accident: with the login, nginx lists the very same documents
      const withLogin = await fetchFromPeer(EXPOSED, EXPECTED, '/befunde/', true);
      expect(withLogin.status).toBe(200);
      expect(withLogin.body).toContain('Index of /befunde/');
      // and the names the leak tests look for are really in what a scanner reads
      expect(PLANTED_NAMES.filter((n) => withLogin.body.includes(n)).length).toBeGreaterThan(0);
      expect((await fetchFromPeer(EXPOSED, EXPECTED, '/befunde/')).status).toBe(401);
      const { service, findings } = await scanPort(EXPOSED, EXPECTED, [EXPECTED]);
      expect(service).toMatchObject({ name: 'http', tls: true });
      expect(aboveInfo(findings)).toEqual([]);
    });

    it('exposed behind index.html: autoindex in the folders is still found (walk of the usual folders)', async () => {
      const { findings } = await scanPort(FOLDERS, UNEXPECTED, [EXPECTED]);
      expect(celleChecks(findings)).toEqual(['http.document-listing', 'http.unexpected-https-port']);
      const listing = findings.find((f) => f.checkId === 'http.document-listing')!;
      // / is the index page: /befunde/, /befunde/<name>/ and /scans/ are listed; the 3 files at / are not reachable by links
      expect(listing.evidence).toMatch(/^listing \(apache\/nginx\/lighttpd\) in 3 folders below \/: 6 documents without authentication: 2 dicom, 2 pdf, 2 scan; /);
      expectNoPlantedName(JSON.stringify(findings));
    });

    it('fixed twin: autoindex off with index.html on the extra port: no document listing, the port finding stays', async () => {
      // the documents are still there and served by exact URL; only the listing is gone
      expect((await fetchFromPeer(INDEX_ONLY, UNEXPECTED, `/${encodeURI(DOCUMENTS[3]!.path)}`)).status).toBe(200);
      expect((await fetchFromPeer(INDEX_ONLY, UNEXPECTED, '/befunde/')).status).toBe(403);
      const { service, findings } = await scanPort(INDEX_ONLY, UNEXPECTED, [EXPECTED]);
      expect(service).toMatchObject({ name: 'http', tls: true });
      expect(findingsByPort(findings)).toEqual({ [`${INDEX_ONLY}:${UNEXPECTED}`]: ['http.unexpected-https-port high'] });
    });

    it('fixed twin: autoindex on behind auth_basic on the extra port: no document listing, the port finding stays (status 401)', async () => {
      // The login protects the documents, but the router still forwards a port nobody meant to
      // open (Celle: a firmware update re-opened them): http.unexpected-https-port rightly remains.
      const { findings } = await scanPort(WITH_LOGIN, UNEXPECTED, [EXPECTED]);
      expect(findingsByPort(findings)).toEqual({ [`${WITH_LOGIN}:${UNEXPECTED}`]: ['http.unexpected-https-port high'] });
      expect(findings.find((f) => f.checkId === 'http.unexpected-https-port')?.evidence).toContain(`HTTPS answers on port ${UNEXPECTED} (status 401`);
    });

    it('fixed twin: the extra port closed: neither check claims anything, the forwarded port is quiet', async () => {
      expect(await portAccepts(CLOSED, UNEXPECTED)).toBe(false);
      // Even told that HTTPS was identified there, the checks need an answer: the port number is no proof.
      const target = { host: CLOSED, port: UNEXPECTED, service: { name: 'http', tls: true } };
      const ctx = peerContext({ expectedHttpsPorts: new Set([EXPECTED]), timeoutMs: 2_000 });
      expect(await unexpectedHttpsPort.run(target, ctx)).toEqual([]);
      expect(await documentListing.run(target, ctx)).toEqual([]);
      const { findings } = await scanPort(CLOSED, EXPECTED, [EXPECTED]);
      expect(aboveInfo(findings)).toEqual([]);
    });
  });

  describe('runScan over all five hosts with explicit ports', () => {
    let report: ScanReport;
    let json: { hosts: { address: string; ports: { port: number; service: { name: string; tls: boolean } }[] }[]; findings: Finding[] };

    beforeAll(async () => {
      report = await runScan({
        targets: [EXPOSED, INDEX_ONLY, CLOSED, WITH_LOGIN, FOLDERS],
        ports: `${EXPECTED},${UNEXPECTED}`,
        expectedHttpsPorts: [EXPECTED],
        timeoutMs: 3_000,
        lang: 'de',
      });
      json = JSON.parse(formatReport(report, 'json', { color: false, lang: 'de' })) as typeof json;
    }, 120_000);

    it('the JSON report has the Celle findings exactly where the exposure is', () => {
      expect(json.findings.length).toBeGreaterThan(0);
      expect(findingsByPort(json.findings)).toEqual({
        [`${EXPOSED}:${UNEXPECTED}`]: ['http.document-listing critical', 'http.unexpected-https-port high'],
        [`${FOLDERS}:${UNEXPECTED}`]: ['http.document-listing critical', 'http.unexpected-https-port high'],
        [`${INDEX_ONLY}:${UNEXPECTED}`]: ['http.unexpected-https-port high'],
        [`${WITH_LOGIN}:${UNEXPECTED}`]: ['http.unexpected-https-port high'],
      });
      const listing = json.findings.find((f) => f.checkId === 'http.document-listing' && f.host === EXPOSED)!;
      expect(listing.personalData).toBe(true);
      expect(listing.evidence).toContain('9 Dokumente ohne Anmeldung: 4 PDF, 2 DICOM, 2 Scans, 1 Word-Datei');
    });

    it('the closed port is not in the report; every open port is identified as HTTPS', () => {
      const ports = Object.fromEntries(json.hosts.map((h) => [h.address, h.ports.map((p) => `${p.port} ${p.service.name}${p.service.tls ? '/tls' : ''}`).sort()]));
      expect(ports).toEqual({
        [EXPOSED]: [`${EXPECTED} http/tls`, `${UNEXPECTED} http/tls`].sort(),
        [INDEX_ONLY]: [`${UNEXPECTED} http/tls`],
        [CLOSED]: [`${EXPECTED} http/tls`],
        [WITH_LOGIN]: [`${UNEXPECTED} http/tls`],
        [FOLDERS]: [`${UNEXPECTED} http/tls`],
      });
    });

    it('no planted name (plain, URL-encoded, lower case) appears in any output format or language', () => {
      for (const format of REPORT_FORMATS) {
        for (const lang of ['de', 'en'] as const) expectNoPlantedName(formatReport(report, format, { color: false, lang }));
      }
    });
  });
});
