// runScan(): the scan with the real stages (notes/interfaces.md). The flow itself is in pipeline.ts.

import type { ScanReport } from '../core/types.js';
import { runChecks } from '../checks/runner.js';
import { discover } from '../discovery/index.js';
import { identify } from '../identify/index.js';
import { runPipeline, type ScanEvents, type ScanOptions, type ScanStages } from './pipeline.js';

export { ScanFailedError, SCAN_DEFAULTS, type ScanEvents, type ScanOptions, type ScanStages } from './pipeline.js';
export { sortFindings, compareAddresses } from './report-builder.js';

export const REAL_STAGES: ScanStages = { discover, identify, runChecks };

/**
 * Scans and resolves with the report. Bad input throws UsageError before any packet; an abort
 * (opts.signal) resolves with the partial report and `interrupted: true`; a stage failure throws
 * ScanFailedError carrying the partial report.
 */
export function runScan(opts: ScanOptions, events: ScanEvents = {}, stages: ScanStages = REAL_STAGES): Promise<ScanReport> {
  return runPipeline(opts, events, stages);
}
