// formatReport(): one ScanReport, four formats (notes/interfaces.md).
import type { Lang, ScanReport } from '../core/types.js';
import { formatJson } from './json.js';
import { formatJsonl } from './jsonl.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export const REPORT_FORMATS = ['text', 'json', 'jsonl', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function formatReport(report: ScanReport, format: ReportFormat, opts: { color: boolean; lang: Lang; width?: number }): string {
  switch (format) {
    case 'text':
      return formatText(report, opts);
    case 'json':
      return formatJson(report);
    case 'jsonl':
      return formatJsonl(report);
    case 'sarif':
      return formatSarif(report, opts.lang);
  }
}

export { toJsonReport } from './json.js';
export { scanRecord, hostRecord, portRecord, findingRecord, summaryRecord } from './jsonl.js';
export { toSarif, locationUri, SARIF_SCHEMA_URI } from './sarif.js';
export { countBySeverity, openPortCount, hasFindingAtOrAbove, hostPort } from './summary.js';
export { SEVERITY_LABEL } from './i18n.js';
export { painter, SEVERITY_STYLE } from './ansi.js';
