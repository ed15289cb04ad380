/**
 * The competent supervisory authority for a practice, chosen by its Land. The list is data
 * (data/authorities.json), not code, so it can be corrected without a release of the logic.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../core/types.js';

export interface Authority {
  land: string;
  landName: string;
  name: string;
  shortName: string;
  address: { street: string; postalCode: string; city: string };
  website: string;
  /** Online breach-report page, when the authority has one (null: by post, e-mail or download form). */
  breachReportUrl: string | null;
  sources: string[];
  /** Fields not confirmed against a source when the file was last checked. */
  unverified: string[];
}

export interface AuthorityFile {
  lastChecked: string;
  note: string;
  authorities: Authority[];
}

const DATA_URL = new URL('../../data/authorities.json', import.meta.url);
let cached: AuthorityFile | undefined;

export function loadAuthorities(): AuthorityFile {
  cached ??= JSON.parse(readFileSync(DATA_URL, 'utf8')) as AuthorityFile;
  return cached;
}

export const LAND_CODES = ['BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH'] as const;

/** Normalises a Land code ("by" → "BY"); throws a UsageError listing the valid codes. */
export function normaliseLand(code: string): string {
  const upper = code.trim().toUpperCase();
  if (!(LAND_CODES as readonly string[]).includes(upper)) {
    throw new UsageError(`unknown Land "${code}" (use one of ${LAND_CODES.join(', ')})`);
  }
  return upper;
}

export function authorityFor(land: string): Authority {
  const code = normaliseLand(land);
  const found = loadAuthorities().authorities.find((a) => a.land === code);
  if (!found) throw new Error(`data/authorities.json has no entry for ${code}`);
  return found;
}
