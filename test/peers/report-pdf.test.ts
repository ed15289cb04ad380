/**
 * `praxiswache report --format pdf`: Debian's Chromium prints the plain report, and poppler's
 * pdftotext reads the text back, so the test sees what a practice sees on paper. Under CI a
 * missing chromium or pdftotext fails the suite (peerAvailable).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/core/types.js';
import { openStore } from '../../src/store/index.js';
import { ensureBuilt, runCli } from '../cli/harness.js';
import { peerAvailable } from './support/daemon.js';

const HOST = '127.63.2.1';
const SITE = 'praxis-müller';
const EVIDENCE = 'listing (nginx) at /: 24 documents without authentication: 6 pdf, 6 dicom; e.g. …(23).pdf';

function scan(startedAt: string, interrupted: boolean): ScanReport {
  return {
    scanner: { name: 'praxiswache', version: '0.1.0' },
    startedAt,
    finishedAt: new Date(Date.parse(startedAt) + 90_000).toISOString(),
    targets: [HOST],
    interrupted,
    hosts: [{ address: HOST, ports: [441, 443].map((port) => ({ port, protocol: 'tcp' as const, state: 'open' as const, service: { name: 'http', tls: true } })) }],
    findings: [
      { checkId: 'http.document-listing', severity: 'critical', host: HOST, port: 441, title: 'x', evidence: EVIDENCE, personalData: true, key: 'listing' },
      { checkId: 'tls.weak', severity: 'medium', host: HOST, port: 443, title: 'y', evidence: 'TLS 1.0 accepted', personalData: false },
    ],
    skippedChecks: [],
  };
}

const found = peerAvailable('chromium') && peerAvailable('pdftotext', 'poppler-utils');

describe.skipIf(!found)('report as PDF through Chromium', () => {
  let dir = '';
  let data = '';

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'praxiswache-report-pdf-'));
    data = join(dir, 'store');
    const store = await openStore({ data });
    const site = await store.sites.add({
      name: SITE, land: 'BY', targets: [HOST], ports: null, contacts: { emails: [], webhooks: [] },
      language: 'de', schedule: 'every 24h', remindAfterHours: 24,
    });
    await store.saveScan(site.id, scan('2026-03-01T10:00:00Z', false));
    await store.saveScan(site.id, scan('2026-03-02T10:00:00Z', true));
    await store.close();
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const pdfText = (file: string): string => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  // -layout may break a long line; compare with the whitespace folded.
  const folded = (text: string): string => text.replace(/\s+/g, ' ');

  it('German: verdict, the interrupted scan, the explained finding and the breach pointer are on paper', async () => {
    const file = join(dir, 'bericht.pdf');
    const r = await runCli(['report', SITE, '--data', data, '--format', 'pdf', '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/bericht\.pdf: PDF, \d+ bytes/);
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = folded(pdfText(file));
    expect(text).toContain(`Sicherheitsbericht: ${SITE}`);
    expect(text).toContain('Ampel ROT: Sofort handeln');
    expect(text).toContain('ACHTUNG: Dieser Scan wurde abgebrochen');
    expect(text).toContain('Verzeichnisliste mit Patientendokumenten ohne Anmeldung erreichbar');
    expect(text).toContain('Für Ihren IT-Dienstleister: Verzeichnisauflistung abschalten');
    expect(text).toContain(`${HOST}:441`);
    expect(text).toContain(EVIDENCE);
    expect(text).toContain('Art. 33 DSGVO');
    expect(text).toContain('ABGEBROCHEN – Ergebnis unvollständig');
    expect(text).not.toMatch(/file:\/\/|notice\.html/); // no print header or footer with the temp path
  }, 120_000);

  it('English from the same store', async () => {
    const file = join(dir, 'report.pdf');
    const r = await runCli(['report', SITE, '--data', data, '--lang', 'en', '--format', 'pdf', '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    const text = folded(pdfText(file));
    expect(text).toContain('Traffic light RED: Act now');
    expect(text).toContain('Directory listing of patient documents reachable without authentication');
    expect(text).toContain('INTERRUPTED – result incomplete');
  }, 120_000);
});
