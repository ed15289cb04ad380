import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type RunningLab } from '../../src/lab/index.js';
import { formatReport, REPORT_FORMATS } from '../../src/report/index.js';
import { runScan } from '../../src/scan/index.js';
import type { ScanReport } from '../../src/core/types.js';

// The scenario normally binds 127.77.3.x; this test moves it to CAT-WEB's own 127.23 range.
const PREFIX = '127.23';
const WEB = `${PREFIX}.3.1`;
const DB = `${PREFIX}.3.2`;
let lab: RunningLab;
let report: ScanReport;

beforeAll(async () => {
  lab = await startLab(['profiler-leak'], { addressPrefix: PREFIX });
  report = await runScan({ targets: lab.hosts, ports: lab.ports.join(','), timeoutMs: 2000 });
});
afterAll(async () => {
  await lab?.stop();
});

describe('lab profiler-leak (dubidoc 2022)', () => {
  it('serves the app and the database port on their own addresses only', () => {
    expect(lab.hosts).toEqual([WEB, DB]);
    expect(new Set(lab.services.map((s) => s.host))).toEqual(new Set([WEB, DB]));
  });

  it('a scan reports the profiler (critical) with the DSNs masked, and identifies the reachable database', () => {
    const web = report.findings.filter((f) => f.host === WEB).map((f) => f.checkId).sort();
    expect(web).toEqual(['http.phpinfo', 'http.symfony-profiler']);
    const profiler = report.findings.find((f) => f.checkId === 'http.symfony-profiler');
    expect(profiler?.severity).toBe('critical');
    expect(profiler?.evidence).toMatch(/DATABASE_URL=my…\(\d+\), MAILER_DSN=sm…\(\d+\)/);
    const db = report.hosts.find((h) => h.address === DB);
    expect(db?.ports[0]?.service).toMatchObject({ name: 'mysql', product: 'MySQL', version: '8.0.31' });
    // the greeting server refuses every login: a reachable port, not an open database
    expect(report.findings.filter((f) => f.host === DB && f.severity !== 'info')).toEqual([]);
  });

  it('no credential of the scenario reaches any report format', () => {
    const dsnPasswords = [...JSON.stringify(report).matchAll(/termine:([^@"]+)@/g)];
    expect(dsnPasswords).toEqual([]);
    for (const format of REPORT_FORMATS) {
      const out = formatReport(report, format, { color: false, lang: 'de' });
      expect(out).not.toMatch(/mysql:\/\/|smtp:\/\//);
    }
  });
});
