/**
 * `praxiswache report` end to end with the built CLI: the Celle lab scenario (router-portforward,
 * moved to this test's own 127.63.1.x), scanned to JSON by `praxiswache scan`, then reported from
 * the file and — stored under a site — from the store. The scan touches only the lab's ports.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type RunningLab } from '../../src/lab/index.js';
import { FAKE_SURNAMES } from '../../src/lab/fake-documents.js';
import { readScanFile } from '../../src/report/plain/index.js';
import { openStore } from '../../src/store/index.js';
import { ensureBuilt, runCli } from '../cli/harness.js';

const PREFIX = '127.63';
const HOST = `${PREFIX}.1.1`;
const SITE = 'praxis-celle';

let lab: RunningLab;
let dir: string;
let scanFile: string;

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'praxiswache-report-cli-'));
  lab = await startLab(['router-portforward'], { addressPrefix: PREFIX });
  scanFile = join(dir, 'scan.json');
  const scan = await runCli(['scan', HOST, '-p', lab.ports.join(','), '--timeout', '3s', '--format', 'json', '-o', scanFile, '-q']);
  // 1: findings at or above high, as the Celle scenario has them.
  expect(scan.code, scan.stderr).toBe(1);
}, 120_000);
afterAll(async () => {
  await lab?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Lines that are not the stored evidence must not name anything the lab served. */
function expectNoLabContent(text: string, evidence: readonly string[]): void {
  for (const name of FAKE_SURNAMES) expect(text).not.toContain(name);
  const withoutEvidence = evidence.reduce((t, e) => t.split(e).join(''), text);
  expect(withoutEvidence).not.toContain('nginx/1.14.2'); // the lab's Server header
  expect(withoutEvidence).not.toContain('praxis-dokumente'); // the lab certificate's name
}

describe('praxiswache report (CLI)', () => {
  it('explains the document listing the lab scan found, in German by default, from the scan file', async () => {
    const scan = readScanFile(scanFile);
    const listing = scan.findings.find((f) => f.checkId === 'http.document-listing');
    expect(listing, JSON.stringify(scan.findings)).toBeDefined();
    const r = await runCli(['report', '--file', scanFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Ampel ROT: Sofort handeln');
    expect(r.stdout).toContain('**Was gefunden wurde:** Verzeichnisliste mit Patientendokumenten ohne Anmeldung erreichbar');
    expect(r.stdout).toContain('**Warum das für die Praxis wichtig ist:** Der Webserver listet Dokumente (PDF, DICOM, Scans, Briefe) ohne Anmeldung auf');
    expect(r.stdout).toContain('**Was zu tun ist:** Für Ihren IT-Dienstleister: Verzeichnisauflistung abschalten');
    expect(r.stdout).toContain(`**Wo (Adresse:Port):** ${HOST}:${listing!.port}`);
    expect(r.stdout).toContain(listing!.evidence);
    expect(r.stdout).toContain('Art. 33 DSGVO');
    expect(r.stdout).toContain('praxiswache incident open --land XX');
    expect(r.stdout).toContain('**Status:** vollständig');
    expectNoLabContent(r.stdout, scan.findings.map((f) => f.evidence));
  });

  it('English HTML into a file (mode 0600), from the store under a site', async () => {
    const data = join(dir, 'store');
    const store = await openStore({ data });
    const site = await store.sites.add({
      name: SITE, land: 'NI', targets: [HOST], ports: null, contacts: { emails: [], webhooks: [] },
      language: 'de', schedule: 'every 24h', remindAfterHours: 24,
    });
    const scan = readScanFile(scanFile);
    const scanId = await store.saveScan(site.id, scan);
    const listingId = (await store.listFindings({ scanId })).find((f) => f.checkId === 'http.document-listing')?.id;
    await store.close();
    const out = join(dir, 'report.html');
    const r = await runCli(['report', SITE, '--data', data, '--lang', 'en', '--format', 'html', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${out}: HTML written`);
    expect(r.stdout).toBe('');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Traffic light RED: Act now');
    expect(html).toContain('<dd>Directory listing of patient documents reachable without authentication</dd>');
    expect(html).toContain(`--finding ${String(listingId)}`);
    expect(html).toContain(`Scan number</dt><dd>${scanId}</dd>`);
    expect(html).toContain('No comparison: there is no earlier complete scan of this site yet.');
    expectNoLabContent(html, scan.findings.map((f) => f.evidence));
  });

  it('mistakes exit 2 with a message naming the site, scan, file or flag', async () => {
    const data = join(dir, 'store');
    const missing = join(dir, 'fehlt.json');
    const cases: [string[], RegExp][] = [
      [['report', 'nirgendwo', '--data', data], /no site "nirgendwo"/],
      [['report', '--scan', '4711', '--data', data], /no scan 4711/],
      [['report', '--scan', 'abc', '--data', data], /--scan must be a whole number/],
      [['report', '--file', missing], new RegExp(`cannot read scan file ${missing}`)],
      [['report', '--file', join(dir, 'store', 'praxiswache.db')], /is not JSON/],
      [['report', SITE, '--file', scanFile], /--file reports on that scan file alone/],
      [['report', '--file', scanFile, '--format', 'docx'], /--format must be one of md, html, pdf, not "docx"/],
      [['report', '--file', scanFile, '--lang', 'fr'], /--lang must be one of de, en, not "fr"/],
      [['report', '--file', scanFile, '--format', 'pdf'], /--format pdf writes a file: give -o FILE/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    const noChromium = await runCli(['report', '--file', scanFile, '--format', 'pdf', '-o', join(dir, 'r.pdf')], { PRAXISWACHE_CHROMIUM: join(dir, 'no-chromium') });
    expect(noChromium.code).toBe(2);
    expect(noChromium.stderr).toMatch(/PDF output needs Chromium[\s\S]*--format md or --format html/);
  }, 60_000);

  it('--help shows examples', async () => {
    const r = await runCli(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: praxiswache report');
    expect(r.stdout).toContain('praxiswache report praxis-celle --format pdf -o bericht.pdf');
    expect(r.stdout).toContain('praxiswache report --file scan.json');
  });
});
