import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/registry.js';
import { runChecks } from '../../src/checks/runner.js';
import type { Check, CheckMeta } from '../../src/checks/types.js';
import { checkContext, httpTarget } from './context.js';

function meta(id: string, intrusive = false): CheckMeta {
  return {
    id,
    severity: 'medium',
    title: { de: `Titel ${id}`, en: `Title ${id}` },
    description: { de: '', en: '' },
    remediation: { de: '', en: '' },
    cwe: [],
    kbv: [],
    incidents: [],
    intrusive,
  };
}

const finds: Check = {
  meta: meta('test.finds'),
  appliesTo: () => true,
  run: () => Promise.resolve([{ evidence: 'seen', personalData: false, severity: 'high' }]),
};
const throws: Check = { meta: meta('test.throws'), appliesTo: () => true, run: () => Promise.reject(new Error('parser broke')) };
const hangs: Check = { meta: meta('test.hangs'), appliesTo: () => true, run: () => new Promise(() => undefined) };
const intrusive: Check = { meta: meta('test.logs-in', true), appliesTo: () => true, run: () => Promise.resolve([]) };
const notHere: Check = { meta: meta('test.not-here'), appliesTo: () => false, run: () => Promise.reject(new Error('must not run')) };

describe('runChecks', () => {
  const target = httpTarget('127.13.12.9', 444, true);

  it('turns drafts into findings with host, port, localized title and the raised severity', async () => {
    const { findings, skipped } = await runChecks(target, checkContext(), { safe: false, lang: 'de', checks: [finds, notHere] });
    expect(skipped).toEqual([]);
    expect(findings).toEqual([
      { checkId: 'test.finds', severity: 'high', host: '127.13.12.9', port: 444, title: 'Titel test.finds', evidence: 'seen', personalData: false },
    ]);
  });

  it('a failing or overrunning check is skipped with its reason and never fails the others', async () => {
    const ctx = checkContext({ timeoutMs: 50 });
    const started = Date.now();
    const { findings, skipped } = await runChecks(target, ctx, { safe: false, lang: 'en', checks: [throws, hangs, finds] });
    expect(findings.map((f) => f.checkId)).toEqual(['test.finds']);
    expect(skipped).toEqual([
      { checkId: 'test.throws', reason: 'failed: parser broke' },
      { checkId: 'test.hangs', reason: 'failed: no result within 600 ms' },
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('safe mode skips intrusive checks and says so', async () => {
    const { skipped } = await runChecks(target, checkContext(), { safe: true, lang: 'en', checks: [intrusive] });
    expect(skipped).toEqual([{ checkId: 'test.logs-in', reason: 'safe mode: the check logs in or queries data' }]);
  });

  it('the catalogue has unique ids and complete metadata in both languages', () => {
    const ids = ALL_CHECKS.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { meta: m } of ALL_CHECKS) {
      expect(m.id).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)+$/);
      for (const text of [m.title, m.description, m.remediation]) {
        expect(text.de.length).toBeGreaterThan(10);
        expect(text.en.length).toBeGreaterThan(10);
      }
      expect(m.cwe.length, `${m.id}: cwe`).toBeGreaterThan(0);
      expect(m.kbv.length, `${m.id}: kbv`).toBeGreaterThan(0);
      // Empty is an honest answer where no seed case fits (a database with a password was not open).
      for (const incident of m.incidents) expect(incident.length, `${m.id}: incidents`).toBeGreaterThan(10);
    }
  });
});
