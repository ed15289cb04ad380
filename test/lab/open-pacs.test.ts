import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/core/types.js';
import { FAKE_SURNAMES } from '../../src/lab/fake-documents.js';
import { FAKE_GIVEN_NAMES } from '../../src/lab/fake-patients.js';
import { startLab, type RunningLab } from '../../src/lab/index.js';
import { formatReport, REPORT_FORMATS } from '../../src/report/index.js';
import { runScan } from '../../src/scan/index.js';

// The scenario normally binds 127.77.4.x; this test moves it to CAT-MED's own 127.22 range.
const PREFIX = '127.22';
const HOST = `${PREFIX}.4.1`;
let lab: RunningLab;
let report: ScanReport;

beforeAll(async () => {
  lab = await startLab(['open-pacs'], { addressPrefix: PREFIX });
  report = await runScan({ targets: lab.hosts, ports: lab.ports.join(','), timeoutMs: 2000 });
});
afterAll(async () => {
  await lab?.stop();
});

describe('lab open-pacs (open PACS 2019)', () => {
  it('binds only its own address', () => {
    expect(lab.hosts).toEqual([HOST]);
    expect(new Set(lab.services.map((s) => s.host))).toEqual(new Set([HOST]));
  });

  it('identifies DICOM and HTTP and reports the three PACS findings', () => {
    const names = report.hosts[0]?.ports.map((p) => `${p.port}:${p.service.name}`).sort();
    expect(names).toEqual([`${lab.ports[0]}:dicom`, `${lab.ports[1]}:http`].sort());
    expect(report.findings.map((f) => f.checkId).sort()).toEqual(['dicom.open-association', 'dicom.patient-query', 'pacs.web-api-unauth', 'pacs.web-api-unauth']);
    const query = report.findings.find((f) => f.checkId === 'dicom.patient-query');
    expect(query?.severity).toBe('critical');
    expect(query?.evidence).toMatch(/patient level 6 matches, study level 9 matches/);
  });

  it('--safe skips the querying checks and says so', async () => {
    const safe = await runScan({ targets: lab.hosts, ports: lab.ports.join(','), timeoutMs: 2000, safe: true });
    expect(safe.findings.map((f) => f.checkId)).toEqual(['dicom.open-association']);
    expect(safe.skippedChecks?.map((s) => s.checkId)).toEqual(expect.arrayContaining(['dicom.patient-query', 'pacs.web-api-unauth']));
  });

  it('no synthetic patient name reaches any report format', () => {
    for (const format of REPORT_FORMATS) {
      for (const lang of ['de', 'en'] as const) {
        const out = formatReport(report, format, { color: false, lang });
        for (const name of [...FAKE_SURNAMES, ...FAKE_GIVEN_NAMES, 'FAKE-10']) expect(out).not.toContain(name);
      }
    }
  });
});
