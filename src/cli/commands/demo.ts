import type { Command } from 'commander';
import { severityRank, type Lang, type ScanReport } from '../../core/types.js';
import { SCENARIOS, startLab, type RunningLab } from '../../lab/index.js';
import { formatReport } from '../../report/index.js';
import { runScan } from '../../scan/index.js';
import { resolveLang, terminalWidth, useColor } from '../options.js';
import { liveOutput } from '../scan-output.js';
import { describeLab } from './lab.js';

/**
 * Ports scanned besides the ones the lab serves: the Celle range and the usual remote
 * access ports, so the demo also shows ports that are closed. Kept small on purpose: other
 * services of this machine may listen on every loopback address.
 */
const DEMO_EXTRA_PORTS = [22, 80, 443, 8443, ...Array.from({ length: 10 }, (_, i) => 440 + i)];

export function register(program: Command): void {
  program
    .command('demo')
    .description('start the lab, scan it, print the report, stop the lab (only 127.77.x.y is touched)')
    .argument('[SCENARIO...]', 'lab scenarios (default: all)')
    .option('--lang <lang>', 'language of the report: de or en (default: from the locale)')
    .option('--no-color', 'no colours even on a terminal')
    .action(async (names: string[], opts: { lang?: string; color: boolean }) => {
      const lang = resolveLang(opts.lang);
      const lab = await startLab(names);
      const controller = new AbortController();
      const onInterrupt = (): void => controller.abort();
      process.once('SIGINT', onInterrupt);
      const live = liveOutput({
        mode: 'lines',
        lang,
        color: useColor(process.stderr, opts.color),
        progress: process.stderr.isTTY === true,
        stdout: process.stdout,
        stderr: process.stderr,
      });
      try {
        process.stdout.write(`${text(lang, 'intro')}\n\n${describeLab(lab)}\n`);
        const report = await runScan(
          { targets: lab.hosts, ports: demoPorts(lab).join(','), lang, signal: controller.signal },
          live.events,
        );
        live.stop();
        process.stdout.write(`${formatReport(report, 'text', { color: useColor(process.stdout, opts.color), lang, width: terminalWidth(process.stdout) })}\n`);
        if (report.interrupted) {
          process.stdout.write(`${text(lang, 'interrupted')}\n`);
          process.exitCode = 130;
          return;
        }
        const problems = demoProblems(lab, report);
        process.stdout.write(`${verdict(lab, problems, lang)}\n`);
        // A demo exits 0 with findings (they are the point); it fails only when it did not work.
        if (problems.length > 0) process.exitCode = 3;
      } finally {
        live.stop();
        process.off('SIGINT', onInterrupt);
        await lab.stop();
      }
    });
}

export function demoPorts(lab: RunningLab): number[] {
  return [...new Set([...lab.ports, ...DEMO_EXTRA_PORTS])].sort((a, b) => a - b);
}

/**
 * What the scan got wrong against the scenarios' expectations: an expected exposure not
 * reported, or a finding above info that no scenario expects (on the control, a false positive).
 */
export function demoProblems(lab: RunningLab, report: ScanReport): string[] {
  const problems: string[] = [];
  for (const instance of lab.scenarios) {
    const expected = SCENARIOS.find((s) => s.name === instance.name)?.expectedFindings ?? [];
    const own = report.findings.filter((f) => instance.hosts.includes(f.host));
    for (const checkId of expected) {
      if (!own.some((f) => f.checkId === checkId)) problems.push(`${instance.name}: ${checkId} missing`);
    }
    for (const f of own) {
      if (severityRank(f.severity) > severityRank('info') && !expected.includes(f.checkId)) {
        problems.push(`${instance.name}: unexpected ${f.checkId} on port ${f.port}`);
      }
    }
  }
  return problems;
}

function verdict(lab: RunningLab, problems: string[], lang: Lang): string {
  if (problems.length > 0) return `${text(lang, 'problems')}\n${problems.map((m) => `  ${m}`).join('\n')}`;
  const lines = lab.scenarios.map((instance) => {
    const expected = SCENARIOS.find((s) => s.name === instance.name)?.expectedFindings ?? [];
    return `  ${instance.name}: ${expected.length > 0 ? expected.join(', ') : text(lang, 'nothing')}`;
  });
  return `${text(lang, 'found')}\n${lines.join('\n')}`;
}

const TEXTS: Record<'intro' | 'found' | 'problems' | 'interrupted' | 'nothing', Record<Lang, string>> = {
  intro: {
    de: 'praxiswache-Demo: ein simuliertes Praxisnetz mit synthetischen Dokumenten (keine echten Daten) wird gestartet und gescannt.',
    en: 'praxiswache demo: a simulated practice network with synthetic documents (no real data) is started and scanned.',
  },
  found: {
    de: 'Die Demo hat gefunden, was jedes Szenario zeigen soll:',
    en: 'The demo found what each scenario is meant to show:',
  },
  problems: {
    de: 'FEHLER: Das Ergebnis weicht von den Szenarien ab:',
    en: 'ERROR: the result differs from what the scenarios serve:',
  },
  interrupted: { de: 'Abgebrochen: oben steht der Teilbericht.', en: 'Interrupted: the partial report is above.' },
  nothing: { de: 'keine Befunde über info (Kontrolle)', en: 'no findings above info (control)' },
};

function text(lang: Lang, key: keyof typeof TEXTS): string {
  return TEXTS[key][lang];
}
