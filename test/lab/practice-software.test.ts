import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/core/types.js';
import { FAKE_SURNAMES } from '../../src/lab/fake-documents.js';
import { FAKE_GIVEN_NAMES } from '../../src/lab/fake-patients.js';
import { startLab, type RunningLab } from '../../src/lab/index.js';
import { formatReport, REPORT_FORMATS } from '../../src/report/index.js';
import { runScan } from '../../src/scan/index.js';

// The scenario normally binds 127.77.5.x; this test moves it to CAT-MED's own 127.22 range.
const PREFIX = '127.22';
const HOST = `${PREFIX}.5.1`;
let lab: RunningLab;
let report: ScanReport;

beforeAll(async () => {
  lab = await startLab(['practice-software'], { addressPrefix: PREFIX });
  report = await runScan({ targets: lab.hosts, ports: lab.ports.join(','), timeoutMs: 2000 });
});
afterAll(async () => {
  await lab?.stop();
});

describe('lab practice-software (Doc Cirrus 2020)', () => {
  it('binds only its own address', () => {
    expect(lab.hosts).toEqual([HOST]);
    expect(new Set(lab.services.map((s) => s.host))).toEqual(new Set([HOST]));
  });

  it('identifies FHIR (http), IMAP and MLLP, and reports the scenario’s expected findings', () => {
    expect(report.hosts[0]?.ports.map((p) => p.service.name).sort()).toEqual(['hl7-mllp', 'http', 'imap']);
    expect(report.findings.map((f) => f.checkId).sort()).toEqual(['fhir.patient-read', 'hl7.mllp-open', 'mail.plaintext-auth']);
    expect(report.findings.find((f) => f.checkId === 'fhir.patient-read')?.evidence).toMatch(/^FHIR \/4_0_1\/Patient\?_count=1 without credentials: Bundle total 8, 1 entry/);
    expect(report.findings.find((f) => f.checkId === 'hl7.mllp-open')?.evidence).toContain('MSA AA');
  });

  it('no synthetic patient name reaches any report format', () => {
    for (const format of REPORT_FORMATS) {
      for (const lang of ['de', 'en'] as const) {
        const out = formatReport(report, format, { color: false, lang });
        for (const name of [...FAKE_SURNAMES, ...FAKE_GIVEN_NAMES, 'fake-10']) expect(out).not.toContain(name);
      }
    }
  });
});
