// The incident commands as a practice owner types them: awareness given in the past, a notice
// written to a file while particulars are still missing.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from './harness.js';

let data: string;

beforeAll(() => {
  ensureBuilt();
  data = mkdtempSync(join(tmpdir(), 'praxiswache-incident-cli-'));
}, 120_000);

afterAll(() => rmSync(data, { recursive: true, force: true }));

describe('incident commands', () => {
  it('open --aware-at in the past without --discovered-at takes the awareness time as discovery', async () => {
    const opened = await runCli(['incident', 'open', '--land', 'NI', '--title', 'Befundserver offen', '--aware-at', '2024-03-29T10:00', '--data', data]);
    expect(opened.code, opened.stderr).toBe(0);
    const id = opened.stdout.trim();
    const shown = JSON.parse((await runCli(['incident', 'show', id, '--json', '--data', data])).stdout) as { timeline: { discoveredAt: string; awareAt: string } };
    expect(shown.timeline).toMatchObject({ discoveredAt: '2024-03-29T09:00:00.000Z', awareAt: '2024-03-29T09:00:00.000Z' });
  });

  it('a draft notice written with -o says on stderr what is missing and is mode 0600', async () => {
    const opened = await runCli(['incident', 'open', '--land', 'BY', '--title', 'Profiler offen', '--data', data]);
    const id = opened.stdout.trim();
    const file = join(data, 'meldung.html');
    const r = await runCli(['incident', 'notice', id, '--to', 'authority', '--format', 'html', '-o', file, '--data', data]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}: HTML written`);
    expect(r.stderr).toMatch(/DRAFT, still missing \(fill in with: praxiswache incident update \d+ …\):/);
    expect(r.stderr).toMatch(/^ {2}--nature +what happened$/m);
    expect(r.stderr).toContain(`praxiswache incident update ${id}`);
    expect(readFileSync(file, 'utf8')).toContain('<html lang="de">');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const de = await runCli(['incident', 'notice', id, '--to', 'authority', '--data', data], { LANG: 'de_DE.UTF-8' });
    expect(de.stderr).toMatch(/ENTWURF, es fehlt noch \(ergänzen mit: /);
    expect(de.stderr).toMatch(/^ {2}--nature +was passiert ist$/m);
  });

  it('show and list follow the locale, --lang wins', async () => {
    const de = await runCli(['incident', 'list', '--data', data], { LANG: 'de_DE.UTF-8' });
    expect(de.stdout).toContain('Entdeckt:');
    const en = await runCli(['incident', 'list', '--lang', 'en', '--data', data], { LANG: 'de_DE.UTF-8' });
    expect(en.stdout).toContain('Discovered:');
  });

  it('assess refuses an unknown --format before it records anything', async () => {
    const opened = await runCli(['incident', 'open', '--land', 'HH', '--title', 'PACS offen', '--data', data]);
    const id = opened.stdout.trim();
    const bad = await runCli(['incident', 'assess', id, '--dpc', '4', '--ei', '1', '--format', 'xml', '--data', data]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not "xml"');
    const show = async (): Promise<{ severity: unknown }> =>
      JSON.parse((await runCli(['incident', 'show', id, '--format', 'json', '--data', data])).stdout) as { severity: unknown };
    expect((await show()).severity).toBeNull();
    const good = await runCli(['incident', 'assess', id, '--dpc', '4', '--ei', '1', '--json', '--data', data]);
    expect(JSON.parse(good.stdout)).toMatchObject({ score: 4 });
    expect((await show()).severity).not.toBeNull();
  });
});
