import { describe, expect, it } from 'vitest';
import { decide } from '../../src/respond/decision.js';
import { assessSeverity, type SeverityInput } from '../../src/respond/severity.js';
import { suggestInputs } from '../../src/respond/suggest.js';

const ctx = (input: SeverityInput) => ({ severity: { input, result: assessSeverity(input) } });

describe('Art. 33/34 decision support', () => {
  it('is pending without an assessment', () => {
    expect(decide({}).action).toBe('pending');
  });

  it('low risk, no health data → register only, with the reasoning required', () => {
    const d = decide(ctx({ category: 'simple', ei: 1, confidentiality: 0.25 }));
    expect(d.action).toBe('register-only');
    expect(d.missing[0]?.en).toMatch(/unlikely to result in a risk/);
    expect(decide({ ...ctx({ category: 'simple', ei: 1 }), noRiskReasoning: 'one known recipient, deleted, confirmed in writing' }).missing).toEqual([]);
  });

  it('medium → notify the authority; health data never counts as "no risk"', () => {
    expect(decide(ctx({ category: 'behavioural', ei: 1 })).action).toBe('notify-authority');
    const health = decide(ctx({ category: 'sensitive', ei: 0.25 })); // SE 1: low, but health data
    expect(health.action).toBe('notify-authority');
    expect(health.reasons.map((r) => r.en).join(' ')).toMatch(/harm .* likely/);
  });

  it('high → also the patients, unless a justified Art. 34(3) exemption applies', () => {
    const input: SeverityInput = { category: 'sensitive', ei: 1, confidentiality: 0.5, unintelligible: true };
    expect(decide(ctx(input)).action).toBe('notify-authority-and-patients');
    expect(decide({ ...ctx(input), art34Exemption: { ground: 'a', justification: '' } }).missing[0]?.en).toMatch(/Justification/);
    const exempt = decide({ ...ctx(input), art34Exemption: { ground: 'a', justification: 'AES-256 full-disk encryption, key on a separate HSM' } });
    expect(exempt.action).toBe('notify-authority');
    expect(exempt.reasons.at(-1)?.en).toMatch(/Art\. 34\(3\)\(a\)/);
  });

  it('findings suggest inputs: DICOM query → health data, leaked credentials → ask', () => {
    const dicom = suggestInputs([{ checkId: 'dicom.patient-query', personalData: true }, { checkId: 'http.env-file', personalData: false }]);
    expect(dicom).toMatchObject({ category: 'sensitive', ei: 1, confidentiality: 0.5 });
    const listing = suggestInputs([{ checkId: 'http.document-listing', personalData: true }]);
    expect(listing.category).toBe('sensitive');
    expect(listing.hints[0]?.de).toMatch(/Arztberichte/);
    const creds = suggestInputs([{ checkId: 'http.symfony-profiler', personalData: false }]);
    expect(creds.category).toBeUndefined();
    expect(creds.hints[0]?.en).toMatch(/take the category of the data they open/);
    expect(suggestInputs([{ checkId: 'rdp.exposed', personalData: false }])).toEqual({ hints: [] });
  });
});
