import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { severityRank, type ScanReport } from '../../src/core/types.js';
import { LAB_ADDRESS_PREFIX, SCENARIOS, startLab, type RunningLab } from '../../src/lab/index.js';
import { FAKE_SURNAMES } from '../../src/lab/fake-documents.js';
import { formatReport, REPORT_FORMATS } from '../../src/report/index.js';
import { ensureBuilt, runCli } from '../cli/harness.js';
import { runScan } from '../../src/scan/index.js';

// The lab normally binds 127.77.1.x (router-portforward) and 127.77.2.x (hardened); this test
// moves it to its own 127.13 range, so a `praxiswache lab up` running meanwhile cannot collide.
const PREFIX = '127.13';
const ROUTER = `${PREFIX}.1.1`;
const HARDENED = `${PREFIX}.2.1`;
let lab: RunningLab;

function scanLab(hosts: string[]): Promise<ScanReport> {
  return runScan({ targets: hosts, ports: lab.ports.join(','), timeoutMs: 2000 });
}

const findingsAt = (report: ScanReport, host: string) =>
  report.findings
    .filter((f) => f.host === host)
    .map((f) => `${f.port} ${f.checkId}`)
    .sort();

describe('lab', () => {
  beforeAll(async () => {
    lab = await startLab(['router-portforward', 'hardened'], { addressPrefix: PREFIX });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('serves each scenario on its own address only', () => {
    expect(lab.scenarios.map((s) => s.name)).toEqual(['router-portforward', 'hardened']);
    for (const name of ['router-portforward', 'hardened']) expect(SCENARIOS.map((s) => s.name)).toContain(name);
    for (const s of lab.services) expect([ROUTER, HARDENED]).toContain(s.host);
    expect(lab.hosts).toEqual([ROUTER, HARDENED]);
    expect(LAB_ADDRESS_PREFIX).toBe('127.77');
  });

  it('refuses addresses outside 127/8 and unknown scenarios before anything listens', async () => {
    await expect(startLab(undefined, { addressPrefix: '10.0' })).rejects.toThrow(/127\/8/);
    await expect(startLab(['no-such-scenario'], { addressPrefix: PREFIX })).rejects.toThrow(/unknown lab scenario/);
  });

  it('router-portforward produces both Celle findings on the extra ports, none on 443', async () => {
    const router = lab.scenarios.find((s) => s.name === 'router-portforward')!;
    const extra = router.services.map((s) => s.port).filter((p) => p !== 443 && p !== 8443);
    expect(extra.length).toBeGreaterThan(0);
    const report = await scanLab([ROUTER]);
    expect(findingsAt(report, ROUTER)).toEqual(
      extra.flatMap((p) => [`${p} http.document-listing`, `${p} http.unexpected-https-port`]).sort(),
    );
    const listing = report.findings.find((f) => f.checkId === 'http.document-listing')!;
    expect(listing).toMatchObject({ severity: 'critical', personalData: true });
    expect(listing.evidence).toMatch(/24 documents without authentication/);
    const https = report.hosts[0]!.ports.find((p) => p.port === extra[0]);
    expect(https?.service).toMatchObject({ name: 'http', tls: true });
  });

  it('hardened produces nothing above info', async () => {
    const report = await scanLab([HARDENED]);
    expect(report.hosts[0]?.ports.map((p) => p.service.name).sort()).toEqual(['http', 'ssh']);
    expect(report.findings.filter((f) => severityRank(f.severity) > severityRank('info'))).toEqual([]);
  });

  it('closing the extra ports fixes it; the firmware update re-opens them and the findings return', async () => {
    const router = lab.scenarios.find((s) => s.name === 'router-portforward')!;
    await router.closeExtraPorts();
    const fixed = await scanLab([ROUTER]);
    expect(fixed.findings).toEqual([]);
    await router.openExtraPorts();
    const reopened = await scanLab([ROUTER]);
    expect(new Set(reopened.findings.map((f) => f.checkId))).toEqual(new Set(['http.document-listing', 'http.unexpected-https-port']));
  });

  it('no synthetic patient name reaches any report format', async () => {
    const report = await scanLab(lab.hosts);
    expect(report.findings.length).toBeGreaterThan(0);
    for (const format of REPORT_FORMATS) {
      const out = formatReport(report, format, { color: false, lang: 'de' });
      for (const name of FAKE_SURNAMES) expect(out).not.toContain(name);
    }
  });
});

// Same file, so it runs after the lab above has stopped and can take the same addresses.
describe('praxiswache demo, lab and checks commands', () => {
  beforeAll(() => ensureBuilt());

  it('demo: starts the lab, finds the Celle exposure, passes the control, stops, exits 0', async () => {
    const result = await runCli(['demo', 'router-portforward', 'hardened'], { PRAXISWACHE_LAB_PREFIX: PREFIX });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${ROUTER}:444`);
    expect(result.stdout).toMatch(/CRITICAL +127\.13\.1\.1:44\d +Directory listing/);
    expect(result.stdout).toContain('hardened: no findings above info (control)');
    for (const name of FAKE_SURNAMES) expect(result.stdout + result.stderr).not.toContain(name);
    // Everything it started is gone again: the addresses are free for the next start.
    const again = await startLab(['router-portforward'], { addressPrefix: PREFIX });
    await again.stop();
  });

  it('lab list, checks (text, json, de) and usage errors', async () => {
    const list = await runCli(['lab', 'list']);
    expect(list.stdout).toMatch(/^router-portforward +Celle 2019/m);
    const checks = await runCli(['checks', '--lang', 'de']);
    expect(checks.stdout).toMatch(/^http\.document-listing +critical +Verzeichnisliste/m);
    const json = JSON.parse((await runCli(['checks', '--json'])).stdout) as { id: string }[];
    expect(json.map((c) => c.id)).toContain('http.unexpected-https-port');
    expect((await runCli(['checks', 'no.such-check'])).code).toBe(2);
    expect((await runCli(['lab', 'up', 'no-such-scenario'])).code).toBe(2);
    expect((await runCli(['checks', '--lang', 'fr'])).code).toBe(2);
  });
});
