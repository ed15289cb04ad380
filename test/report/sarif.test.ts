// SARIF output against the official OASIS SARIF 2.1.0 schema (schema/vendor, see README there).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/registry.js';
import { formatReport, locationUri } from '../../src/report/index.js';
import { errorsOf, SARIF_SCHEMA_PATH, validateSarif } from './schema.js';
import { sampleReport } from './sample.js';

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; help?: { text: string }; properties?: { tags?: string[] } }[] } };
    invocations: { executionSuccessful: boolean }[];
    results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
  }[];
}

const validate = validateSarif();

describe('sarif', () => {
  it('the vendored schema is the recorded official file', () => {
    const text = readFileSync(new URL(`../../schema/${SARIF_SCHEMA_PATH}`, import.meta.url));
    const recorded = readFileSync(new URL(`../../schema/${SARIF_SCHEMA_PATH}.sha256`, import.meta.url), 'utf8').split(' ')[0];
    expect(createHash('sha256').update(text).digest('hex')).toBe(recorded);
    expect((JSON.parse(text.toString('utf8')) as { title: string }).title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  });

  it.each(['en', 'de'] as const)('validates against the official SARIF 2.1.0 schema (%s)', (lang) => {
    const log = JSON.parse(formatReport(sampleReport(), 'sarif', { color: false, lang })) as SarifLog;
    expect(validate(log), errorsOf(validate)).toBe(true);
    expect(log.version).toBe('2.1.0');
  });

  it('has a rule per check with help from the check metadata, and results at tcp://host:port', () => {
    const log = JSON.parse(formatReport(sampleReport(), 'sarif', { color: false, lang: 'en' })) as SarifLog;
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules;
    for (const check of ALL_CHECKS) {
      const rule = rules.find((r) => r.id === check.meta.id);
      expect(rule?.help?.text).toContain(check.meta.remediation.en);
      for (const cwe of check.meta.cwe) expect(rule?.properties?.tags).toContain(`external/cwe/cwe-${cwe}`);
    }
    expect(rules.map((r) => r.id)).toContain('custom.unknown-check');
    expect(run.results.map((r) => [r.ruleId, r.level, r.locations[0]?.physicalLocation.artifactLocation.uri])).toEqual([
      ['http.document-listing', 'error', 'tcp://127.12.5.1:441'],
      ['http.unexpected-https-port', 'error', 'tcp://127.12.5.1:441'],
      ['custom.unknown-check', 'note', 'tcp://[::1]:22'],
    ]);
    for (const r of run.results) expect(rules[r.ruleIndex]?.id).toBe(r.ruleId);
    expect(run.invocations[0]?.executionSuccessful).toBe(true);
  });

  it('marks an interrupted scan as not successful and stays valid', () => {
    const log = JSON.parse(formatReport(sampleReport({ interrupted: true, findings: [] }), 'sarif', { color: false, lang: 'en' })) as SarifLog;
    expect(validate(log), errorsOf(validate)).toBe(true);
    expect(log.runs[0]?.invocations[0]?.executionSuccessful).toBe(false);
  });

  it('the schema catches a broken log (the validation is real)', () => {
    const log = JSON.parse(formatReport(sampleReport(), 'sarif', { color: false, lang: 'en' })) as SarifLog;
    (log.runs[0]!.results[0] as unknown as { level: string }).level = 'critical';
    expect(validate(log)).toBe(false);
    expect(locationUri('2001:db8::1', 443)).toBe('tcp://[2001:db8::1]:443');
  });
});
