// The practice's plain-language report (DESIGN.md §2): input from the store or a scan file → Doc.
export { buildPlainReport, incidentCommand, type PlainReportOptions } from './build.js';
export { loadStoredReport, type StoredScanChoice } from './from-store.js';
export { readScanFile, reportFromScan, MAX_SCAN_FILE_BYTES } from './from-file.js';
export { verdictOf, type Verdict } from './verdict.js';
export type { PlainReportInput, PlainFinding, PlainChanges } from './types.js';
