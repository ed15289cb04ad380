/**
 * `praxiswache report` — the plain-language report for the practice owner and the data
 * protection officer (DESIGN.md §2), German by default, from the store or from a scan file.
 *
 *   praxiswache report praxis-celle                              latest scan of the site, Markdown
 *   praxiswache report praxis-celle --format pdf -o bericht.pdf  needs Chromium
 *   praxiswache report --file scan.json --lang en --format html -o report.html
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../core/types.js';
import { renderPdf, requireChromium } from '../../respond/pdf.js';
import { render } from '../../respond/render.js';
import { buildPlainReport, loadStoredReport, readScanFile, reportFromScan, type PlainReportInput } from '../../report/plain/index.js';
import { addStoreOptions, withStore } from '../../store/cli-options.js';
import type { StoreOptions } from '../../store/open.js';
import { oneOf, wholeNumber } from '../options.js';

const DOC_FORMATS = ['md', 'html', 'pdf'] as const;

interface ReportFlags extends StoreOptions {
  scan?: number;
  file?: string;
  lang?: string;
  format: (typeof DOC_FORMATS)[number];
  output?: string;
}

const HELP = `
The report says in plain words what was found, why it matters for a practice, what to do (the
technical steps addressed to the IT service provider), what changed since the approved state,
and what was scanned. An interrupted scan is said so at the top. Evidence appears only as stored
(masked); nothing else the hosts sent is printed. Information, not legal advice.

Examples:
  praxiswache report praxis-celle                               latest scan of the site (German, Markdown)
  praxiswache report praxis-celle --format html -o bericht.html
  praxiswache report praxis-celle --format pdf -o bericht.pdf    PDF needs Chromium (apt-get install chromium)
  praxiswache report --scan 42 --lang en                        one stored scan, in English
  praxiswache scan 203.0.113.7 --format json -o scan.json && praxiswache report --file scan.json
                                                                without a store

Exit codes: 0 report written, 2 unknown site or scan, unreadable or invalid scan file, bad flag,
3 runtime failure (e.g. Chromium failed).
`;

function chooseLang(flag: string | undefined): 'de' | 'en' {
  // German unless asked otherwise, whatever the locale: the reader is a German practice.
  if (flag === undefined) return 'de';
  return oneOf('--lang', ['de', 'en'] as const)(flag);
}

async function loadInput(site: string | undefined, flags: ReportFlags): Promise<PlainReportInput> {
  if (flags.file !== undefined) {
    if (site !== undefined || flags.scan !== undefined || flags.data !== undefined || flags.db !== undefined) {
      throw new UsageError('--file reports on that scan file alone: leave out SITE, --scan, --data and --db');
    }
    return reportFromScan(readScanFile(flags.file));
  }
  return withStore(flags, (store) => loadStoredReport(store, { ...(site !== undefined ? { site } : {}), ...(flags.scan !== undefined ? { scanId: flags.scan } : {}) }));
}

export function register(program: Command): void {
  addStoreOptions(
    program
      .command('report [site]')
      .description('plain-language report for the practice owner / data protection officer (German by default; md, html or pdf)')
      .option('--scan <id>', 'a stored scan instead of the site\'s latest', wholeNumber('--scan', 1))
      .option('--file <scan.json>', 'a file written by praxiswache scan --format json (no store needed)')
      .option('--lang <de|en>', 'language of the report (default: de, whatever the locale)')
      .option('--format <md|html|pdf>', 'output format (pdf needs Chromium and -o)', oneOf('--format', DOC_FORMATS), 'md')
      .option('-o, --output <file>', 'write to a file (mode 0600) instead of stdout'),
  )
    .addHelpText('after', HELP)
    .action(async (site: string | undefined, flags: ReportFlags) => {
      const lang = chooseLang(flags.lang);
      const file = flags.output;
      if (flags.format === 'pdf' && file === undefined) throw new UsageError('--format pdf writes a file: give -o FILE');
      // Checked before the store is opened: a missing renderer is the user's to fix, not a runtime failure.
      const chromium = flags.format === 'pdf' ? requireChromium() : undefined;
      const doc = buildPlainReport(await loadInput(site, flags), { lang });
      if (chromium !== undefined && file !== undefined) {
        const bytes = await renderPdf(render(doc, 'html'), file, { chromium });
        process.stderr.write(`${file}: PDF, ${String(bytes)} bytes\n`);
        return;
      }
      const text = render(doc, flags.format === 'html' ? 'html' : 'md');
      if (file === undefined) {
        process.stdout.write(text);
        return;
      }
      writeFileSync(file, text, { mode: 0o600 });
      process.stderr.write(`${file}: ${flags.format === 'html' ? 'HTML' : 'Markdown'} written\n`);
    });
}
