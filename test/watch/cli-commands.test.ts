/** site, baseline and diff through the real CLI (child processes) on an SQLite data dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { report } from '../store/reports.js';
import { runCli } from './cli.js';

const HOST = '127.14.8.1';

describe('site, baseline and diff commands', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'praxiswache-watchcli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects bad input with exit code 2 and names it', async () => {
    const bad = await runCli(['site', 'add', 'praxis', '--land', 'XX', '--targets', HOST, '--data', dir]);
    expect(bad.code).toBe(2);
    expect(bad.output).toMatch(/--land "XX"/);
    const badTarget = await runCli(['site', 'add', 'praxis', '--land', 'NI', '--targets', '999.1.1.1', '--data', dir]);
    expect(badTarget.code).toBe(2);
    expect(badTarget.output).toContain('999.1.1.1');
    const noSecret = await runCli(['site', 'add', 'praxis', '--land', 'NI', '--targets', HOST, '--webhook', 'http://127.14.8.2:9/h', '--data', dir], {
      PRAXISWACHE_WEBHOOK_SECRET: '',
    });
    expect(noSecret.code).toBe(2);
    expect(noSecret.output).toMatch(/--webhook-secret/);
  }, 60_000);

  it('adds a site, approves a baseline and diffs the last two scans', async () => {
    const added = await runCli(['site', 'add', 'praxis', '--land', 'ni', '--targets', HOST, '-p', '440-449', '--webhook', 'http://127.14.8.2:9/h', '--webhook-secret', 'geheim-und-lang', '--cron', '0 3 * * *', '--data', dir]);
    expect(added.code, added.output).toBe(0);
    expect(added.output).toContain('Land NI');
    expect(added.output).toContain('ge…(15)');
    expect(added.output).not.toContain('geheim-und-lang');

    const store = await openStore({ data: dir });
    const site = (await store.getSite('praxis'))!;
    expect(site.schedule).toBe('0 3 * * *');
    const first = await store.saveScan(site.id, report({ ports: { [HOST]: [443] } }));
    const second = await store.saveScan(site.id, report({ ports: { [HOST]: [443, 444] }, findings: [{ host: HOST, port: 444 }] }));
    await store.close();

    const approve = await runCli(['baseline', 'approve', 'praxis', '--scan', String(first), '--by', 'dr-muster', '--data', dir]);
    expect(approve.code, approve.output).toBe(0);
    expect(approve.output).toContain(`approved scan ${first}`);
    const show = await runCli(['baseline', 'show', 'praxis', '--data', dir]);
    expect(show.output).toContain(`latest scan ${second} (finished): 2 deviation(s)`);

    const diff = await runCli(['diff', '--site', 'praxis', '--data', dir]);
    expect(diff.code).toBe(1);
    expect(diff.output).toContain(`diff scan ${first} → scan ${second}`);
    expect(diff.output).toContain(`+ port     ${HOST}:444 opened`);
    expect(diff.output).toMatch(/\+ finding {2}#\d+ \[critical\] http\.document-listing/);
    const same = await runCli(['diff', String(second), String(second), '--data', dir]);
    expect(same.code).toBe(0);
    expect(same.output).toContain('no changes');

    const help = await runCli(['diff', '--help']);
    expect(help.output).toContain('praxiswache diff --site');
  }, 90_000);
});
