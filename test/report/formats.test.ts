import { describe, expect, it } from 'vitest';
import { formatReport, hasFindingAtOrAbove } from '../../src/report/index.js';
import { errorsOf, validateScanReport } from './schema.js';
import { sampleReport } from './sample.js';

describe('json', () => {
  it('validates against schema/scan-report.schema.json and keeps the contract key order', () => {
    const doc = JSON.parse(formatReport(sampleReport(), 'json', { color: false, lang: 'en' })) as Record<string, unknown>;
    expect(validateScanReport(doc), errorsOf(validateScanReport)).toBe(true);
    expect(Object.keys(doc)).toEqual(['scanner', 'startedAt', 'finishedAt', 'targets', 'interrupted', 'hosts', 'findings', 'skippedChecks']);
  });

  it('the schema rejects what breaks the contract', () => {
    const broken = [
      { ...sampleReport(), interrupted: undefined as unknown as boolean },
      sampleReport({ findings: [{ ...sampleReport().findings[0]!, severity: 'urgent' as never }] }),
      sampleReport({ hosts: [{ address: '127.12.5.1', ports: [{ port: 70000, protocol: 'tcp', state: 'open', service: { name: 'x', tls: false } }] }] }),
      sampleReport({ hosts: [{ address: 'not-an-ip', ports: [] }] }),
    ];
    for (const report of broken) {
      const doc = JSON.parse(formatReport(report, 'json', { color: false, lang: 'en' })) as unknown;
      expect(validateScanReport(doc)).toBe(false);
    }
  });

  it('an interrupted empty scan is still a valid document', () => {
    const doc = JSON.parse(formatReport(sampleReport({ interrupted: true, hosts: [], findings: [], skippedChecks: [] }), 'json', { color: false, lang: 'de' })) as unknown;
    expect(validateScanReport(doc), errorsOf(validateScanReport)).toBe(true);
  });
});

describe('jsonl', () => {
  it('writes one record per line: scan, hosts with their ports, findings, summary last', () => {
    const lines = formatReport(sampleReport(), 'jsonl', { color: false, lang: 'en' }).trimEnd().split('\n');
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => r.type)).toEqual(['scan', 'host', 'port', 'port', 'host', 'port', 'finding', 'finding', 'finding', 'summary']);
    expect(records[1]).toEqual({ type: 'host', address: '127.12.5.1', hostname: 'praxis.example' });
    expect(records[2]).toMatchObject({ type: 'port', host: '127.12.5.1', port: 443, service: { name: 'http', tls: true, product: 'nginx' } });
    expect(records.at(-1)).toMatchObject({
      type: 'summary',
      interrupted: false,
      hosts: 2,
      openPorts: 3,
      findings: { critical: 1, high: 1, medium: 0, low: 1, info: 0 },
    });
  });
});

describe('text', () => {
  it('groups ports by host and lists findings most severe first with evidence, in English', () => {
    const text = formatReport(sampleReport(), 'text', { color: false, lang: 'en' });
    expect(text).toContain('127.12.5.1 (praxis.example)');
    expect(text).toMatch(/443\/tcp\s+http\s+yes\s+nginx 1\.24\.0/);
    const critical = text.indexOf('CRITICAL');
    const high = text.indexOf('HIGH ');
    const low = text.indexOf('LOW ');
    expect(critical).toBeGreaterThan(0);
    expect(high).toBeGreaterThan(critical);
    expect(low).toBeGreaterThan(high);
    expect(text).toContain('[::1]:22');
    expect(text).toContain('Evidence: 3 folders, 12 PDF files');
    expect(text).toContain('exposes patient data');
    expect(text).toContain('What to do');
    expect(text).toContain('2 hosts with open ports, 3 open ports, 3 findings (1 critical, 1 high, 1 low)');
    expect(text).not.toContain('\u001b[');
  });

  it('speaks German and shows an interrupted scan', () => {
    const text = formatReport(sampleReport({ interrupted: true }), 'text', { color: false, lang: 'de' });
    expect(text).toContain('Scan abgebrochen');
    expect(text).toContain('KRITISCH');
    expect(text).toContain('Nachweis:');
    expect(text).toContain('betrifft Patientendaten');
    expect(text).toContain('Was zu tun ist');
    expect(text).toMatch(/443\/tcp\s+http\s+ja/);
  });

  it('colours only when asked', () => {
    expect(formatReport(sampleReport(), 'text', { color: true, lang: 'en' })).toContain('\u001b[35m\u001b[1mCRITICAL');
  });

  it('says so when nothing was open', () => {
    const text = formatReport(sampleReport({ hosts: [], findings: [], skippedChecks: [] }), 'text', { color: false, lang: 'en' });
    expect(text).toContain('No open ports found.');
    expect(text).toContain('No findings.');
  });
});

describe('--fail-on threshold', () => {
  it('compares by severity rank', () => {
    expect(hasFindingAtOrAbove(sampleReport(), 'critical')).toBe(true);
    expect(hasFindingAtOrAbove(sampleReport({ findings: sampleReport().findings.slice(1) }), 'critical')).toBe(false);
    expect(hasFindingAtOrAbove(sampleReport({ findings: sampleReport().findings.slice(1) }), 'high')).toBe(true);
  });
});
