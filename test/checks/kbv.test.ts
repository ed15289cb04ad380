import { describe, expect, it } from 'vitest';
import { KBV_REQUIREMENTS, isKbvRequirement } from '../../src/checks/kbv.js';
import { ALL_CHECKS } from '../../src/checks/registry.js';

const OFFICIAL = /^(KBV|KZBV) Anlage [1-5] Nr\. \d+ \(Fassung \d{4}\)$/;

describe('KBV IT-Sicherheitsrichtlinie table', () => {
  it('every kbv id a check names is in the table', () => {
    const missing = ALL_CHECKS.flatMap((c) => c.meta.kbv.filter((id) => !isKbvRequirement(id)).map((id) => `${c.meta.id}: ${id}`));
    expect(missing).toEqual([]);
  });

  it('official-looking ids are confirmed with a source; everything else is a topic/ id marked unconfirmed', () => {
    for (const [id, entry] of Object.entries(KBV_REQUIREMENTS)) {
      expect(entry.de.length, id).toBeGreaterThan(10);
      expect(entry.en.length, id).toBeGreaterThan(10);
      expect(entry.source.length, id).toBeGreaterThan(20);
      if (entry.confirmed) expect(id).toMatch(OFFICIAL);
      else expect(id).toMatch(/^topic\/[a-z-]+$/);
    }
  });

  it('rejects ids that are not in the table, including inherited object keys', () => {
    expect(isKbvRequirement('A1-NETZ-UEBERGANG')).toBe(false);
    expect(isKbvRequirement('toString')).toBe(false);
    expect(isKbvRequirement('KZBV Anlage 1 Nr. 11 (Fassung 2025)')).toBe(true);
  });
});
