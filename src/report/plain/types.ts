/**
 * The plain report's input: one scan as the practice report needs it, whether it came from the
 * store (with history: finding ids, first seen, comparison) or from a `scan --format json` file.
 * Only what was stored is here: titles, masked evidence, addresses and counts, never banners,
 * products or anything else a host sent.
 */
import type { Finding } from '../../core/types.js';
import type { Deviation } from '../../watch/deviations.js';
import type { FindingSnapshot, PortSnapshot } from '../../store/snapshot.js';

export type PlainScanStatus = 'finished' | 'interrupted' | 'running';

/** A finding as stored (title in the scan's language; the catalogue title wins when the check is known). */
export interface PlainFinding extends Omit<Finding, 'key'> {
  /** Store only: the stable finding id that `incident open --finding` takes. */
  findingId?: number;
  /** Store only: when this exposure was first seen. */
  firstSeenAt?: string;
}

/** What changed against the reference scan: worse via the baseline deviations, better via the diff. */
export interface PlainChanges {
  against: 'baseline' | 'previous';
  referenceScanId: number;
  referenceAt: string;
  /** For a baseline: who approved it and when. */
  approvedBy?: string;
  approvedAt?: string;
  worse: Deviation[];
  portsClosed: PortSnapshot[];
  findingsResolved: FindingSnapshot[];
  /** Findings still there but with a lower severity than in the reference. */
  findingsMilder: { before: FindingSnapshot; after: FindingSnapshot }[];
}

/** Why there is no comparison. */
export type NoComparison = 'file' | 'first-scan' | 'no-site' | 'is-baseline';

export interface PlainReportInput {
  siteName?: string;
  scanId?: number;
  status: PlainScanStatus;
  startedAt: string;
  finishedAt: string | null;
  targets: string[];
  hostCount: number;
  openPortCount: number;
  findings: PlainFinding[];
  /** null: not recorded (scans stored before the store kept the list). */
  skipped: { checkId: string; reason: string }[] | null;
  changes: PlainChanges | NoComparison;
}
