/**
 * Severity of a personal data breach after ENISA, "Recommendations for a methodology of the
 * assessment of severity of personal data breaches" (working document v1.0, December 2013):
 *
 *   SE = DPC × EI + CB
 *
 * DPC (data processing context, 1–4) starts from the base score of the data category and is moved
 * up or down by contextual factors; every such adjustment must carry its reason, because the
 * assessment has to be defensible to the authority (Art. 5(2) accountability).
 * EI (ease of identification) scales it; CB (circumstances of the breach) only ever adds.
 */
import { UsageError } from '../core/types.js';
import type { Localized } from '../core/types.js';

export const DATA_CATEGORIES = ['simple', 'behavioural', 'financial', 'sensitive'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const CATEGORY_BASE: Readonly<Record<DataCategory, number>> = {
  simple: 1,
  behavioural: 2,
  financial: 3,
  sensitive: 4,
};

export const CATEGORY_LABEL: Readonly<Record<DataCategory, Localized>> = {
  simple: { de: 'einfache Daten (Name, Kontaktdaten, Geburtsdatum)', en: 'simple data (name, contact details, date of birth)' },
  behavioural: { de: 'Verhaltensdaten (Standort, Verbindungsdaten, Gewohnheiten)', en: 'behavioural data (location, traffic data, habits)' },
  financial: { de: 'Finanzdaten (Konto, Einkommen, Karten)', en: 'financial data (accounts, income, cards)' },
  sensitive: { de: 'sensible Daten (u. a. Gesundheitsdaten, Art. 9 DSGVO)', en: 'sensitive data (incl. health data, GDPR Art. 9)' },
};

/** Ease of identification: negligible, limited, significant, maximum. */
export const EI_VALUES = [0.25, 0.5, 0.75, 1] as const;
/** Loss of confidentiality: none, known recipients, unknown recipients. */
export const CONFIDENTIALITY_VALUES = [0, 0.25, 0.5] as const;
/** Loss of integrity: none, altered but recoverable, altered and not recoverable / possibly used. */
export const INTEGRITY_VALUES = [0, 0.25, 0.5] as const;
/** Loss of availability: none, temporary, permanent. */
export const AVAILABILITY_VALUES = [0, 0.25, 0.5] as const;
export const MALICIOUS_BONUS = 0.5;

export interface DpcAdjustment {
  /** Change of the DPC score, e.g. +2 for an online pharmacy's customer list, −1 for outdated data. */
  delta: number;
  /** Why: required, the assessment must be reproducible by someone else. */
  reason: string;
}

export interface SeverityInput {
  category: DataCategory;
  adjustments?: DpcAdjustment[];
  ei: number;
  confidentiality?: number;
  integrity?: number;
  availability?: number;
  malicious?: boolean;
  /** Number of people affected, when known (flag above 100). */
  affected?: number;
  /** Data unintelligible to the recipient (state-of-the-art encryption, key not compromised). */
  unintelligible?: boolean;
}

export type SeverityBand = 'low' | 'medium' | 'high' | 'very-high';
export type SeverityLevel = 1 | 2 | 3 | 4;

export interface SeverityResult {
  score: number;
  level: SeverityLevel;
  band: SeverityBand;
  label: Localized;
  description: Localized;
  dpc: number;
  cb: number;
  flags: { manyAffected: boolean; unintelligible: boolean };
}

interface BandInfo {
  band: SeverityBand;
  level: SeverityLevel;
  label: Localized;
  description: Localized;
}

// Level names as used by German authorities and the seed reports (1 geringfügig … 4 groß);
// descriptions paraphrase the consequences ENISA attaches to each level.
const BANDS: readonly BandInfo[] = [
  {
    band: 'low',
    level: 1,
    label: { de: 'geringfügig', en: 'low' },
    description: {
      de: 'Die Betroffenen merken kaum etwas oder haben kleinere Unannehmlichkeiten, die sie ohne Probleme bewältigen (z. B. Zeitaufwand, Ärger).',
      en: 'People are not affected or meet minor inconveniences that they overcome without problems (e.g. lost time, annoyance).',
    },
  },
  {
    band: 'medium',
    level: 2,
    label: { de: 'überschaubar', en: 'medium' },
    description: {
      de: 'Die Betroffenen haben spürbare Unannehmlichkeiten, die sie mit einigen Schwierigkeiten bewältigen können (z. B. Zusatzkosten, Verunsicherung, Stress).',
      en: 'People meet significant inconveniences that they can overcome despite some difficulties (e.g. extra costs, fear, stress).',
    },
  },
  {
    band: 'high',
    level: 3,
    label: { de: 'substanziell', en: 'high' },
    description: {
      de: 'Die Betroffenen können erhebliche Folgen erleiden, die sie nur mit ernsthaften Schwierigkeiten bewältigen (z. B. finanzieller Schaden, Verlust des Arbeitsplatzes, Verschlechterung der Gesundheit).',
      en: 'People may suffer significant consequences that they overcome only with serious difficulties (e.g. financial loss, loss of employment, worsening health).',
    },
  },
  {
    band: 'very-high',
    level: 4,
    label: { de: 'groß', en: 'very high' },
    description: {
      de: 'Die Betroffenen können erhebliche oder sogar dauerhafte Folgen erleiden, die sie möglicherweise nicht bewältigen (z. B. Überschuldung, Arbeitsunfähigkeit, langfristige psychische oder körperliche Leiden).',
      en: 'People may suffer significant or even irreversible consequences that they may not overcome (e.g. heavy debt, inability to work, long-term psychological or physical harm).',
    },
  },
];

export function bandFor(score: number): BandInfo {
  const index = score >= 4 ? 3 : score >= 3 ? 2 : score >= 2 ? 1 : 0;
  return BANDS[index] as BandInfo;
}

export function bandInfo(band: SeverityBand): BandInfo {
  return BANDS.find((b) => b.band === band) as BandInfo;
}

function requireOneOf(name: string, value: number, allowed: readonly number[]): void {
  if (!allowed.includes(value)) {
    throw new UsageError(`${name} must be one of ${allowed.join(', ')} (got ${String(value)})`);
  }
}

/** The adjusted DPC; throws when a reason is missing or the result leaves 1–4. */
export function dataProcessingContext(category: DataCategory, adjustments: readonly DpcAdjustment[] = []): number {
  if (!DATA_CATEGORIES.includes(category)) {
    throw new UsageError(`unknown data category "${String(category)}" (use ${DATA_CATEGORIES.join(', ')})`);
  }
  let dpc = CATEGORY_BASE[category];
  for (const adj of adjustments) {
    if (!Number.isFinite(adj.delta) || adj.delta === 0) throw new UsageError('a DPC adjustment must be a non-zero number');
    if (adj.reason.trim() === '') throw new UsageError('every DPC adjustment needs a justification (--dpc-reason)');
    dpc += adj.delta;
  }
  if (dpc < 1 || dpc > 4) throw new UsageError(`the adjusted DPC score must lie between 1 and 4 (got ${String(dpc)})`);
  return dpc;
}

/** Checks every input; throws UsageError naming the first bad one. */
export function validateSeverityInput(input: SeverityInput): void {
  dataProcessingContext(input.category, input.adjustments);
  requireOneOf('EI', input.ei, EI_VALUES);
  requireOneOf('confidentiality', input.confidentiality ?? 0, CONFIDENTIALITY_VALUES);
  requireOneOf('integrity', input.integrity ?? 0, INTEGRITY_VALUES);
  requireOneOf('availability', input.availability ?? 0, AVAILABILITY_VALUES);
  if (input.affected !== undefined && (!Number.isInteger(input.affected) || input.affected < 0)) {
    throw new UsageError(`the number of people affected must be a whole number ≥ 0 (got ${String(input.affected)})`);
  }
}

export function assessSeverity(input: SeverityInput): SeverityResult {
  validateSeverityInput(input);
  const dpc = dataProcessingContext(input.category, input.adjustments);
  const cb =
    (input.confidentiality ?? 0) + (input.integrity ?? 0) + (input.availability ?? 0) + (input.malicious ? MALICIOUS_BONUS : 0);
  // All inputs are multiples of 0.25, so rounding to 4 places only removes float noise.
  const score = Math.round((dpc * input.ei + cb) * 10000) / 10000;
  const info = bandFor(score);
  return {
    score,
    level: info.level,
    band: info.band,
    label: info.label,
    description: info.description,
    dpc,
    cb,
    flags: { manyAffected: (input.affected ?? 0) > 100, unintelligible: input.unintelligible === true },
  };
}

/**
 * The CLI takes the final DPC score (`--dpc N`) rather than a list of adjustments: the difference
 * to the category's base becomes one adjustment, which then needs `--dpc-reason`.
 */
export function adjustmentsForTargetDpc(category: DataCategory, target: number, reason: string | undefined): DpcAdjustment[] {
  if (!Number.isFinite(target) || target < 1 || target > 4) {
    throw new UsageError(`--dpc must lie between 1 and 4 (got ${String(target)})`);
  }
  const delta = target - CATEGORY_BASE[category];
  if (delta === 0) return [];
  if (!reason || reason.trim() === '') {
    throw new UsageError(
      `DPC ${String(target)} differs from the base score ${String(CATEGORY_BASE[category])} of "${category}" data: give the reason with --dpc-reason`,
    );
  }
  return [{ delta, reason }];
}

/** The category whose base score equals a DPC value, for a DPC given without a category. */
export function categoryForDpc(dpc: number): DataCategory {
  const found = DATA_CATEGORIES.find((c) => CATEGORY_BASE[c] === dpc);
  if (!found) throw new UsageError(`--dpc ${String(dpc)} is not a base score: also give --category and --dpc-reason`);
  return found;
}
