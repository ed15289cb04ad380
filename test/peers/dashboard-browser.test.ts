/**
 * The dashboard in a real browser: Debian's Chromium driven by playwright-core against the
 * built CLI (`praxiswache dashboard`) on a loopback address. Logs in through the form, reads
 * the overview, opens a site, an incident and its Art. 33 notice, logs out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, MAIN, ROOT, waitFor } from '../cli/harness.js';
import { HOSTILE, PASSWORD, seedStore, USER } from '../dashboard/support.js';
import { findBinary, freePort, peerAvailable } from './support/daemon.js';

const HOST = '127.61.20.1';
const found = peerAvailable('chromium');
/** Runs inside the page; the project compiles without the DOM library, hence the local type. */
type StyleWindow = { getComputedStyle(element: unknown): { backgroundColor: string; maxWidth: string } };
const computedStyle = (element: unknown): { backgroundColor: string; maxWidth: string } => {
  const { backgroundColor, maxWidth } = (globalThis as unknown as StyleWindow).getComputedStyle(element);
  return { backgroundColor, maxWidth };
};

describe.skipIf(!found)('dashboard in Chromium', () => {
  let dir = '';
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let url = '';
  let serverOutput = '';

  beforeAll(async () => {
    ensureBuilt();
    const seeded = await seedStore();
    dir = seeded.dir;
    await seeded.store.close();
    const port = await freePort(HOST);
    server = spawn(process.execPath, [MAIN, 'dashboard', '--data', dir, '--listen', `${HOST}:${port}`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout?.on('data', (d: Buffer) => (serverOutput += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (serverOutput += d.toString()));
    await waitFor(() => /http:\/\/\S+\//.test(serverOutput) || server?.exitCode !== null, 60_000);
    url = /(http:\/\/\S+\/)/.exec(serverOutput)?.[1] ?? '';
    expect(url, serverOutput).toBe(`http://${HOST}:${port}/`);
    browser = await chromium.launch({
      executablePath: findBinary('chromium'),
      args: [
        // Only the dashboard's own address may be reached: no background fetches, no name lookups.
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic',
        `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${HOST}`,
        // Chromium's sandbox refuses to run as root (CI runs as root).
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
      timeout: 60_000,
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in, shows the overview, a site, an incident with its notice, and logs out', async () => {
    const context = await (browser as Browser).newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    // A refused style or script shows up here; the 401 of the wrong password is expected.
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.setDefaultTimeout(30_000);

    await page.goto(url);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('input[name="user"]', USER);
    await page.fill('input[name="password"]', 'falsches-passwort-1');
    await page.click('button[type="submit"]');
    expect(await page.locator('p.error').textContent()).toBe('Benutzer oder Passwort falsch.');

    await page.fill('input[name="user"]', USER);
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(url);
    expect(await page.locator('h1').textContent()).toBe('Übersicht');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'praxiswache_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // The hostile site name is text on the page, not a script.
    expect(await page.getByRole('link', { name: HOSTILE }).count()).toBe(1);
    expect(await page.locator('tr', { hasText: 'praxis-celle' }).textContent()).toContain('KRITISCH');
    // The stylesheet applied (CSP default-src 'self' allows /assets).
    expect((await page.locator('header').evaluate(computedStyle)).backgroundColor).toBe('rgb(22, 50, 79)');

    await page.click('text=praxis-celle');
    await page.waitForURL(/\/sites\/\d+$/);
    expect(await page.locator('tr', { hasText: 'KRITISCH' }).first().textContent()).toContain('Document listing without authentication');
    expect(await page.locator('tr', { hasText: 'KRITISCH' }).first().textContent()).toContain('127.61.1.10:441');

    await page.click('nav >> text=Datenpannen');
    await page.click('text=Befunde über Port 441 lesbar');
    await page.waitForURL(/\/incidents\/\d+$/);
    // The seeded awareness lies in 2024: long overdue in real time.
    expect(await page.locator('dd', { hasText: 'überfällig' }).textContent()).toMatch(/^06.06.2024, 10:00 MESZ · seit \d+ Tagen \d+ Std. überfällig$/);

    await page.click('text=Meldung an die Aufsichtsbehörde');
    await page.waitForURL(/notice-art33$/);
    expect(await page.locator('h1').textContent()).toContain('Meldung');
    // The notice's own <style> is allowed by its hash: the page is laid out as designed.
    expect((await page.locator('body').evaluate(computedStyle)).maxWidth).toBe('800px');
    await page.goBack();

    await page.click('button:has-text("Abmelden")');
    await page.waitForURL(/\/login\?out=1$/);
    expect(await page.locator('p[role="status"]').textContent()).toBe('Sie sind abgemeldet.');
    await page.goto(`${url}incidents`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('changes an incident through its forms: Chromium’s own posts pass the Origin and token checks', async () => {
    const context = await (browser as Browser).newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${url}login`);
    await page.fill('input[name="user"]', USER);
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(url);
    await page.click('nav >> text=Datenpannen');
    await page.click('text=Befunde über Port 441 lesbar');
    await page.waitForURL(/\/incidents\/\d+$/);
    const incidentUrl = page.url();

    // Refused: DPC 3 for health data without the reason; the page says why and keeps the input.
    await page.fill('input[name="dpc"]', '3');
    await page.selectOption('select[name="category"]', 'sensitive');
    await page.click('form[action$="/assess"] button[type="submit"]');
    expect(await page.locator('p.error').textContent()).toContain('bitte die Begründung angeben');
    expect(await page.inputValue('input[name="dpc"]')).toBe('3');

    await page.goto(incidentUrl);
    await page.fill('input[name="notifiedPatientsAt"]', '2024-06-03T12:00');
    await page.click('form[action$="/timeline"] button[type="submit"]');
    await page.waitForURL(incidentUrl);
    expect(await page.locator('dt:has-text("Patienten informiert") + dd').textContent()).toBe('03.06.2024, 12:00 MESZ');
    expect(await page.inputValue('input[name="notifiedPatientsAt"]')).toBe('2024-06-03T12:00');
    await context.close();
  });

  it('passes its own scan: `praxiswache scan` of the running dashboard finds nothing at or above low', async () => {
    const { port, hostname } = new URL(url);
    const scan = spawn(process.execPath, [MAIN, 'scan', hostname, '-p', port, '--format', 'json', '--fail-on', 'low', '-q'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    scan.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    scan.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => scan.on('close', resolve));
    const report = JSON.parse(out) as { hosts: { ports: { port: number; service: { name: string } }[] }[]; findings: { checkId: string; severity: string }[] };
    expect(report.hosts.flatMap((h) => h.ports.map((p) => [p.port, p.service.name]))).toEqual([[Number(port), 'http']]);
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(code, err).toBe(0);
  });
});
