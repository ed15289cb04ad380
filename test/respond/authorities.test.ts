import { describe, expect, it } from 'vitest';
import { LAND_CODES, authorityFor, loadAuthorities, normaliseLand } from '../../src/respond/authorities.js';

describe('supervisory authorities for non-public bodies', () => {
  it('has exactly one entry per Land with name, address and website', () => {
    const file = loadAuthorities();
    expect(file.lastChecked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(file.authorities.map((a) => a.land).sort()).toEqual([...LAND_CODES].sort());
    for (const a of file.authorities) {
      expect(a.name.length).toBeGreaterThan(5);
      expect(a.address.postalCode).toMatch(/^\d{5}$/);
      expect(a.website).toMatch(/^https:\/\//);
      expect(a.breachReportUrl === null || a.breachReportUrl.startsWith('https://')).toBe(true);
      expect(Array.isArray(a.unverified)).toBe(true);
    }
  });

  it('sends Bavarian practices to the BayLDA in Ansbach, not the BayLfD', () => {
    const by = authorityFor('by');
    expect(by.shortName).toBe('BayLDA');
    expect(by.address.city).toBe('Ansbach');
    expect(by.name).not.toMatch(/Landesbeauftragte/);
  });

  it('knows Niedersachsen (Celle) and refuses unknown codes', () => {
    expect(authorityFor('NI').shortName).toBe('LfD Niedersachsen');
    expect(() => normaliseLand('XX')).toThrow(/unknown Land "XX"/);
    expect(() => authorityFor('Bavaria')).toThrow(/use one of BW, BY/);
  });
});
