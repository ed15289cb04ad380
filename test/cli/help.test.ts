// What an IT service provider or a practice owner meets first: --help, mistakes, --json.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { useCliFixture } from './listener.js';
import { MAIN, ROOT, runCli } from './harness.js';

const HOST = '127.25.7.1';
const fixture = useCliFixture(HOST, 'praxiswache-help-');

const COMMANDS = [
  'scan', 'ports', 'checks', 'lab', 'lab list', 'lab up', 'demo', 'site', 'site add', 'site list', 'site show', 'site remove',
  'diff', 'baseline', 'baseline approve', 'baseline show', 'watch', 'incident', 'incident open', 'incident show', 'incident list',
  'incident update', 'incident close', 'incident assess', 'incident notice', 'incident remind', 'register', 'register export',
];

describe('help', () => {
  it('the overview teaches first steps, exit codes, environment and the German option', async () => {
    const en = await runCli(['--help']);
    expect(en.code).toBe(0);
    for (const text of ['First steps:', 'Exit codes:', 'PRAXISWACHE_DATA', 'PRAXISWACHE_SMTP_URL', 'NO_COLOR', 'LANG=de_DE.UTF-8']) {
      expect(en.stdout).toContain(text);
    }
    const de = await runCli(['--help'], { LANG: 'de_DE.UTF-8' });
    expect(de.stdout).toContain('Erste Schritte:');
    expect(de.stdout).toContain('Exit-Codes:');
    expect(de.stdout).not.toContain('First steps:');
  });

  it('every command and subcommand has help that exits 0', async () => {
    for (const command of COMMANDS) {
      const r = await runCli([...command.split(' '), '--help']);
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toContain(`Usage: praxiswache ${command}`);
    }
  }, 120_000);

  it('help piped into a reader that stops early is not a crash', async () => {
    const child = spawn(process.execPath, [MAIN, '--help'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});

describe('typical mistakes: exit 2, the bad token named, no stack trace', () => {
  const cases: [string[], RegExp][] = [
    [['scna', HOST], /unknown command 'scna'[\s\S]*Did you mean scan\?[\s\S]*praxiswache --help/],
    [['scan', HOST, '-p'], /'-p, --ports <ports>' argument missing[\s\S]*"praxiswache scan --help"/],
    [['scan', '127.25.7.999', '-p', '80'], /127\.25\.7\.999/],
    [['site', 'show', 'nowhere'], /no site "nowhere"/],
    [['site', 'add', 'x', '--land', 'NI', '--bogus'], /unknown option '--bogus'[\s\S]*"praxiswache site add --help"/],
    [['incident', 'show', '4711'], /no incident 4711/],
    [['incident', 'show', 'abc'], /"abc" is not a valid incident id/],
    [['incident', 'list', '--format', 'xml'], /--format must be one of text, json, not "xml"/],
    [['diff', '--format', 'yaml'], /--format must be one of text, json, not "yaml"/],
    [['diff', 'x', '2'], /"x" is not a scan id/],
    [['checks', '--json', '--format', 'text'], /--json and --format text contradict/],
    [['checks', 'no.such-check'], /unknown check "no.such-check"/],
    [['ports', '--lang', 'fr'], /--lang must be "de" or "en", not "fr"/],
    [['register', 'export', '--format', 'xml'], /--format must be one of csv, json, html/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), async () => {
      const r = await runCli(args, { PRAXISWACHE_DATA: fixture.data });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^praxiswache: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe('--json and --format json are the same everywhere', () => {
  async function same(args: string[], expectedCode = 0): Promise<unknown> {
    const short = await runCli([...args, '--json']);
    const long = await runCli([...args, '--format', 'json']);
    expect(short.code, short.stderr).toBe(expectedCode);
    expect(long.code, long.stderr).toBe(expectedCode);
    expect(short.stdout).toBe(long.stdout);
    return JSON.parse(long.stdout) as unknown;
  }

  it('ports, checks, site list/show, incident list', async () => {
    expect((await same(['ports'])) as unknown[]).not.toHaveLength(0);
    expect((await same(['checks'])) as unknown[]).not.toHaveLength(0);
    const added = await runCli(['site', 'add', 'json-site', '--land', 'NI', '--targets', HOST, '-p', String(fixture.port), '--webhook', 'https://hook.example/x', '--webhook-secret', 'geheim-und-lang', '--data', fixture.data]);
    expect(added.code, added.stderr).toBe(0);
    const sites = (await same(['site', 'list', '--data', fixture.data])) as { name: string; contacts: { webhooks: { secret: string }[] } }[];
    expect(sites.map((s) => s.name)).toContain('json-site');
    expect(JSON.stringify(sites)).not.toContain('geheim-und-lang');
    const shown = (await same(['site', 'show', 'json-site', '--data', fixture.data])) as { site: { name: string }; baseline: unknown };
    expect(shown.site.name).toBe('json-site');
    expect(shown.baseline).toBeNull();
    expect(JSON.stringify(shown)).not.toContain('geheim-und-lang');
    expect(await same(['incident', 'list', '--data', fixture.data])).toEqual([]);
  }, 60_000);

  it('diff of two stored scans (exit 0: nothing changed)', async () => {
    await runCli(['site', 'add', 'diff-site', '--land', 'HH', '--targets', HOST, '-p', String(fixture.port), '--data', fixture.data]);
    for (let i = 0; i < 2; i++) {
      const w = await runCli(['watch', '--once', 'diff-site', '--data', fixture.data]);
      expect(w.code, w.stderr).toBe(0);
    }
    const d = (await same(['diff', '--site', 'diff-site', '--data', fixture.data])) as { portsOpened: unknown[] };
    expect(d.portsOpened).toEqual([]);
  }, 60_000);
});
