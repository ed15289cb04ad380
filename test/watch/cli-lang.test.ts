/** site, baseline and diff speak German for a German locale, and --lang wins over the locale. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanDiff } from '../../src/watch/diff.js';
import { formatDiffText } from '../../src/watch/diff-format.js';
import { openStore } from '../../src/store/index.js';
import { report } from '../store/reports.js';
import { runCli } from './cli.js';

const HOST = '127.14.9.1';
const GERMAN = { LANG: 'de_DE.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const ENGLISH = { LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

describe('formatDiffText in German', () => {
  it('translates the words and keeps marks, addresses and the column', () => {
    const d = {
      fromScanId: 1, toScanId: 2,
      portsOpened: [{ host: HOST, port: 444, service: { name: 'http', tls: true } }],
      portsClosed: [], servicesChanged: [], findingsNew: [], findingsResolved: [], severityChanged: [],
    } as unknown as ScanDiff;
    expect(formatDiffText(d, 'de')).toBe(`Vergleich Scan 1 → Scan 2\n+ Port    ${HOST}:444 geöffnet (http tls)\n`);
    expect(formatDiffText(d, 'en')).toBe(`diff scan 1 → scan 2\n+ port     ${HOST}:444 opened (http tls)\n`);
    expect(formatDiffText({ ...d, portsOpened: [] }, 'de')).toBe('Vergleich Scan 1 → Scan 2\nkeine Änderungen\n');
  });
});

describe('site, baseline and diff follow the locale', () => {
  let dir: string;
  let first = 0;
  let second = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'praxiswache-watchlang-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('German locale: site add/list/show, baseline approve and diff in German; --lang en wins', async () => {
    const added = await runCli(['site', 'add', 'praxis', '--land', 'NI', '--targets', HOST, '--email', 'it@praxis.example', '--lang', 'en', '--data', dir], GERMAN);
    expect(added.code, added.output).toBe(0);
    // The site's alerts are English (--lang en), the confirmation on screen follows the locale.
    expect(added.output).toContain('Standort praxis (#1), Land NI, Sprache der Meldungen en');
    expect(added.output).toMatch(/^ {2}Zeitplan: every 1d, Erinnerung nach 168 Std\.$/m);

    const store = await openStore({ data: dir });
    const site = (await store.getSite('praxis'))!;
    first = await store.saveScan(site.id, report({ ports: { [HOST]: [443] } }));
    second = await store.saveScan(site.id, report({ ports: { [HOST]: [443, 444] } }));
    await store.close();

    const list = await runCli(['site', 'list', '--data', dir], GERMAN);
    expect(list.output).toMatch(/^praxis\tNI\t/m);
    const show = await runCli(['site', 'show', 'praxis', '--data', dir], GERMAN);
    expect(show.output).toContain('  Baseline: noch keine freigegeben');
    expect(show.output).toContain(`  Scan ${second}: finished`);
    expect(show.output).toMatch(/offene Abweichungen: \d+/);
    const showEn = await runCli(['site', 'show', 'praxis', '--lang', 'en', '--data', dir], GERMAN);
    expect(showEn.output).toContain('  baseline: none approved yet');

    const approve = await runCli(['baseline', 'approve', 'praxis', '--scan', String(first), '--by', 'dr-muster', '--data', dir], GERMAN);
    expect(approve.code, approve.output).toBe(0);
    expect(approve.output).toContain(`Scan ${first} als Baseline von praxis freigegeben (1 offene(r) Port(s), 0 Befund(e))`);

    const shown = await runCli(['baseline', 'show', 'praxis', '--data', dir], GERMAN);
    expect(shown.output).toContain(`Baseline von praxis: Scan ${first}, freigegeben `);
    expect(shown.output).toContain(`  Port ${HOST}:443 `);
    expect(shown.output).toContain(`letzter Scan ${second} (finished): 1 Abweichung(en)`);

    const diff = await runCli(['diff', '--site', 'praxis', '--data', dir], GERMAN);
    expect(diff.code).toBe(1);
    expect(diff.output).toContain(`Vergleich Scan ${first} → Scan ${second}`);
    expect(diff.output).toContain(`+ Port    ${HOST}:444 geöffnet`);
    const diffEn = await runCli(['diff', '--site', 'praxis', '--lang', 'en', '--data', dir], GERMAN);
    expect(diffEn.output).toContain(`+ port     ${HOST}:444 opened`);
  }, 120_000);

  it('English locale: English, and --lang de wins', async () => {
    const list = await runCli(['site', 'show', 'praxis', '--data', dir], ENGLISH);
    expect(list.output).toContain('site praxis (#1), Land NI, language en');
    const diffDe = await runCli(['diff', String(first), String(first), '--lang', 'de', '--data', dir], ENGLISH);
    expect(diffDe.code).toBe(0);
    expect(diffDe.output).toContain('keine Änderungen');
    const removed = await runCli(['site', 'remove', 'praxis', '--lang', 'de', '--data', dir], ENGLISH);
    expect(removed.output).toContain('Standort praxis entfernt');
  }, 60_000);
});
