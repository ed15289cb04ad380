/**
 * `incident notice --format pdf`: Debian's Chromium prints the HTML notice. Without Chromium the
 * rendering test is skipped locally (with a message) but fails in CI (.ci/run installs chromium).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, renderPdf } from '../../src/respond/pdf.js';
import { RESPOND_BACKENDS, cli, seedDubidocFindings } from './cli-harness.js';

const chromium = findChromium();
const mustRender = chromium !== undefined || process.env.CI !== undefined;
if (!mustRender) console.warn('SKIPPED: PDF rendering tests need Chromium (apt-get install chromium); in CI they fail instead');

const hasPdftotext = ((): boolean => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const sqlite = RESPOND_BACKENDS.find((b) => b.name === 'sqlite')!;

describe('incident notice --format pdf', () => {
  let args: string[];
  let stop: () => Promise<void>;
  let id: string;
  let dir: string;

  beforeAll(async () => {
    const started = await sqlite.start();
    args = started.args;
    stop = started.stop;
    dir = mkdtempSync(join(tmpdir(), 'praxiswache-pdf-test-'));
    const findings = await seedDubidocFindings(started.options);
    id = (await cli(['incident', 'open', ...args, '--author', 'dsb', '--site', 'dubidoc', '--title', 'Symfony-Profiler und offene Terminbuchung',
      ...findings.flatMap((f) => ['--finding', String(f)]), '--discovered-at', '2022-05-02T09:00', '--aware-at', '2022-05-02T14:00',
      '--controller', 'Praxis Dr. Müller, Königstraße 1, 90402 Nürnberg', '--nature', 'Über einen offen erreichbaren Symfony-Profiler waren Zugangsdaten der Termindatenbank einsehbar.',
      '--subject-categories', 'Patientinnen und Patienten', '--subjects', '960000', '--record-categories', 'Namen, Geburtsdaten, Termine',
      '--records', '3000000', '--contact', 'Datenschutzbeauftragte: Frau Ö. Beispiel, dsb@praxis.example',
      '--consequences', 'Rückschlüsse auf Behandlungen; Identitätsmissbrauch möglich.', '--measures', 'Profiler abgeschaltet, Zugangsdaten geändert, Zugriffe ausgewertet.'])).trim();
    // Aware in 2022: long overdue, so the complete notice needs the reasons for the delay.
    await cli(['incident', 'update', id, ...args, '--author', 'dsb', '--delay-reasons', 'Die Auswertung der Zugriffe dauerte länger als erwartet.']);
    await cli(['incident', 'assess', id, ...args, '--author', 'dsb', '--category', 'simple', '--dpc', '4', '--dpc-reason', 'Termine bei Fachärzten verraten Gesundheitsdaten',
      '--ei', '1', '--confidentiality', '0.5', '--integrity', '0.25', '--availability', '0.25']);
  }, 60_000);
  afterAll(async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(mustRender)('renders the Art. 33 notice through Chromium into a real PDF', async () => {
    const file = join(dir, 'meldung.pdf');
    await cli(['incident', 'notice', id, ...args, '--to', 'authority', '--lang', 'de', '--format', 'pdf', '-o', file]);
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    if (hasPdftotext) {
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Bayerisches Landesamt für Datenschutzaufsicht');
      expect(text).toContain('Praxis Dr. Müller, Königstraße 1');
      expect(text).toMatch(/ca\. 960\.000/);
      expect(text).not.toContain('ENTWURF'); // complete: no draft marker
      expect(text).not.toMatch(/file:\/\/|notice\.html/); // no print header or footer with the temp path
    }
  }, 90_000);

  it.runIf(mustRender)('renders the patient letter in English too', async () => {
    const file = join(dir, 'letter.pdf');
    await cli(['incident', 'notice', id, ...args, '--to', 'patients', '--lang', 'en', '--format', 'pdf', '--out', file]);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (hasPdftotext) expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toMatch(/Symfony/);
  }, 90_000);

  it('without a renderer: a clear usage error naming Chromium and md/html, and nothing is marked ready', async () => {
    const before = process.env.PRAXISWACHE_CHROMIUM;
    process.env.PRAXISWACHE_CHROMIUM = join(dir, 'no-such-chromium');
    try {
      const file = join(dir, 'none.pdf');
      await expect(cli(['incident', 'notice', id, ...args, '--to', 'authority', '--format', 'pdf', '-o', file, '--mark-ready']))
        .rejects.toThrow(/PDF output needs Chromium.*no-such-chromium.*--format md or --format html/);
      expect(existsSync(file)).toBe(false);
      const history = (JSON.parse(await cli(['incident', 'show', id, ...args, '--format', 'json'])) as { history: { kind: string }[] }).history;
      expect(history.map((h) => h.kind)).not.toContain('notice-ready');
    } finally {
      if (before === undefined) delete process.env.PRAXISWACHE_CHROMIUM;
      else process.env.PRAXISWACHE_CHROMIUM = before;
    }
    await expect(cli(['incident', 'notice', id, ...args, '--to', 'authority', '--format', 'pdf'])).rejects.toThrow(/-o FILE/);
  });

  it('a renderer that hangs is stopped at the time limit, helpers included', async () => {
    const pidFile = join(dir, 'helper.pid');
    const hanging = join(dir, 'hanging-chromium');
    // Like a stuck browser: a helper process in the same group, and the main process never exits.
    writeFileSync(hanging, `#!/bin/sh\nsleep 60 &\necho $! > ${pidFile}\nexec sleep 60\n`);
    chmodSync(hanging, 0o700);
    const started = Date.now();
    await expect(renderPdf('<p>x</p>', join(dir, 'hang.pdf'), { chromium: hanging, timeoutMs: 500 })).rejects.toThrow(/did not finish the PDF within 1 s/);
    expect(Date.now() - started).toBeLessThan(5_000);
    const helper = Number(readFileSync(pidFile, 'utf8').trim());
    await new Promise((r) => setTimeout(r, 100));
    // Gone, or a zombie waiting for init to reap it: either way it no longer runs.
    const stat = `/proc/${helper}/stat`;
    const state = existsSync(stat) ? readFileSync(stat, 'utf8').split(') ')[1]?.[0] : 'gone';
    expect(['gone', 'Z', 'X']).toContain(state);
    expect(existsSync(join(dir, 'hang.pdf'))).toBe(false);
  });
});
