import { describe, expect, it } from 'vitest';
import { LAND_CODES, authorityFor, loadAuthorities, normaliseLand } from '../../src/respond/authorities.js';

// The notice prints these names when a field is unconfirmed, so only they may appear.
const CHECKABLE_FIELDS = ['name', 'address', 'website', 'breachReportUrl'];

const httpsUrl = (value: string): URL => {
  const url = new URL(value);
  expect(url.protocol).toBe('https:');
  return url;
};

describe('supervisory authorities for non-public bodies', () => {
  const file = loadAuthorities();

  it('has exactly one entry per Land code, each with name, address and website', () => {
    expect(file.authorities.map((a) => a.land).sort()).toEqual([...LAND_CODES].sort());
    expect(new Set(file.authorities.map((a) => a.land)).size).toBe(16);
    for (const a of file.authorities) {
      expect(a.landName.length, a.land).toBeGreaterThan(3);
      expect(a.name.length, a.land).toBeGreaterThan(10);
      expect(a.shortName.length, a.land).toBeGreaterThan(1);
      expect(a.address.street.trim().length, a.land).toBeGreaterThan(3);
      expect(a.address.postalCode, a.land).toMatch(/^\d{5}$/);
      expect(a.address.city.trim().length, a.land).toBeGreaterThan(2);
      httpsUrl(a.website);
    }
  });

  it('report pages are https when present, and unverified fields are named as the notice expects', () => {
    for (const a of file.authorities) {
      if (a.breachReportUrl !== null) httpsUrl(a.breachReportUrl);
      for (const field of a.unverified) expect(CHECKABLE_FIELDS, `${a.land}: ${field}`).toContain(field);
      expect(new Set(a.unverified).size, a.land).toBe(a.unverified.length);
    }
  });

  it('every entry cites at least one source with its address and the date it was read', () => {
    expect(Number.isNaN(Date.parse(file.lastChecked))).toBe(false);
    expect(file.lastChecked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const a of file.authorities) {
      expect(a.sources.length, a.land).toBeGreaterThan(0);
      for (const source of a.sources) {
        expect(source, a.land).toMatch(/https?:\/\/\S+/);
        expect(source, a.land).toMatch(/\d{4}-\d{2}-\d{2}/);
      }
    }
  });

  it('lists no body that supervises public bodies only (Bayern: BayLDA, never the BayLfD)', () => {
    for (const a of file.authorities) {
      expect(a.shortName, a.land).not.toMatch(/BayLfD/i);
      expect(a.name, a.land).not.toMatch(/Bayerische[rn]? Landesbeauftragte/);
      expect(new URL(a.website).hostname, a.land).not.toMatch(/datenschutz-bayern\.de$/);
    }
    const by = authorityFor('by');
    expect(by.shortName).toBe('BayLDA');
    expect(by.name).toBe('Bayerisches Landesamt für Datenschutzaufsicht');
    expect(by.address.city).toBe('Ansbach');
    expect(new URL(by.website).hostname).toBe('www.lda.bayern.de');
  });

  it('finds an authority by Land code in any case and refuses unknown codes', () => {
    expect(authorityFor(' ni ').shortName).toBe('LfD Niedersachsen');
    expect(authorityFor('SN').name).toBe('Die Sächsische Datenschutz- und Transparenzbeauftragte');
    expect(() => normaliseLand('XX')).toThrow(/unknown Land "XX"/);
    expect(() => authorityFor('Bavaria')).toThrow(/use one of BW, BY/);
  });
});
