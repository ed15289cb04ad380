import { describe, expect, it } from 'vitest';
import { adjustmentsForTargetDpc, assessSeverity, bandFor, categoryForDpc } from '../../src/respond/severity.js';

// Worked examples. The DPC scores of the data sets follow the example cases ENISA (2013) lists
// for DPC scoring (supermarket customer list 1, online pharmacy customer list 3 = simple data
// raised by 2 because it reveals health, actual medical test results 4, "performed general blood
// tests" lowered to 1); the EI/CB circumstances around them are constructed by us and the
// expected scores are computed by hand from SE = DPC × EI + CB.
describe('ENISA 2013 severity', () => {
  it('supermarket customer list sent to one known wrong recipient → low', () => {
    const r = assessSeverity({ category: 'simple', ei: 1, confidentiality: 0.25 });
    expect(r.score).toBe(1.25);
    expect(r.band).toBe('low');
    expect(r.level).toBe(1);
    expect(r.label).toEqual({ de: 'geringfügig', en: 'low' });
  });

  it('online pharmacy customer list published on the web → high', () => {
    const r = assessSeverity({
      category: 'simple',
      adjustments: [{ delta: 2, reason: 'a pharmacy customer list lets one infer health conditions' }],
      ei: 1,
      confidentiality: 0.5,
    });
    expect(r.dpc).toBe(3);
    expect(r.score).toBe(3.5);
    expect(r.band).toBe('high');
    expect(r.label.de).toBe('substanziell');
  });

  it('lab results with names open to anyone, altered by an attacker → very high', () => {
    const r = assessSeverity({ category: 'sensitive', ei: 1, confidentiality: 0.5, integrity: 0.25, malicious: true, affected: 30000 });
    expect(r.score).toBe(5.25);
    expect(r.band).toBe('very-high');
    expect(r.level).toBe(4);
    expect(r.label.de).toBe('groß');
    expect(r.flags.manyAffected).toBe(true);
  });

  it('"performed general blood tests" only, pseudonymous, known recipient → low', () => {
    const r = assessSeverity({
      category: 'sensitive',
      adjustments: [{ delta: -3, reason: 'only the fact of a routine blood test, no results' }],
      ei: 0.5,
      confidentiality: 0.25,
      affected: 12,
    });
    expect(r.score).toBe(0.75);
    expect(r.band).toBe('low');
    expect(r.flags.manyAffected).toBe(false);
  });

  it('band edges: 2 is medium, 3 is high, 4 is very high, just below stays in the lower band', () => {
    expect(bandFor(1.99).band).toBe('low');
    expect(bandFor(2).band).toBe('medium');
    expect(bandFor(2.75).label.de).toBe('überschaubar');
    expect(bandFor(3).band).toBe('high');
    expect(bandFor(3.99).band).toBe('high');
    expect(bandFor(4).band).toBe('very-high');
    expect(assessSeverity({ category: 'behavioural', ei: 1 }).band).toBe('medium');
  });

  it('gives German and English descriptions per band', () => {
    const r = assessSeverity({ category: 'sensitive', ei: 0.75, confidentiality: 0.5 });
    expect(r.score).toBe(3.5);
    expect(r.description.de).toMatch(/Folgen/);
    expect(r.description.en).toMatch(/consequences/);
  });

  it('refuses out-of-range and unjustified inputs', () => {
    expect(() => assessSeverity({ category: 'simple', ei: 0.6 })).toThrow(/EI must be one of/);
    expect(() => assessSeverity({ category: 'simple', ei: 1, confidentiality: 0.75 })).toThrow(/confidentiality/);
    expect(() => assessSeverity({ category: 'simple', ei: 1, availability: 1 })).toThrow(/availability/);
    expect(() => assessSeverity({ category: 'simple', ei: 1, adjustments: [{ delta: 1, reason: '  ' }] })).toThrow(/justification/);
    expect(() => assessSeverity({ category: 'sensitive', ei: 1, adjustments: [{ delta: 1, reason: 'x' }] })).toThrow(/between 1 and 4/);
    expect(() => assessSeverity({ category: 'medical' as never, ei: 1 })).toThrow(/unknown data category/);
    expect(() => adjustmentsForTargetDpc('simple', 5, 'x')).toThrow(/between 1 and 4/);
    expect(() => adjustmentsForTargetDpc('simple', 4, undefined)).toThrow(/--dpc-reason/);
    expect(adjustmentsForTargetDpc('simple', 4, 'appointments with named specialists reveal health')).toEqual([
      { delta: 3, reason: 'appointments with named specialists reveal health' },
    ]);
    expect(categoryForDpc(4)).toBe('sensitive');
    expect(() => categoryForDpc(2.5)).toThrow(/not a base score/);
  });
});
