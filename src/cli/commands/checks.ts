import type { Command } from 'commander';
import { ALL_CHECKS, findCheck } from '../../checks/registry.js';
import { KBV_REQUIREMENTS, type KbvRequirement } from '../../checks/kbv.js';
import type { Check } from '../../checks/types.js';
import { UsageError, type Lang } from '../../core/types.js';
import { addFormatOptions, LANG_HELP, outputFormat, resolveLang } from '../options.js';

export function register(program: Command): void {
  addFormatOptions(
    program
      .command('checks')
      .description('list the check catalogue (what praxiswache proves, with severity, CWE and KBV requirements)')
      .argument('[ID]', 'show one check in full'),
  )
    .option('--lang <lang>', `language of titles and texts: ${LANG_HELP}`)
    .addHelpText('after', '\nExamples:\n  praxiswache checks                       the catalogue\n  praxiswache checks http.document-listing one check: description, remediation, CWE, KBV, incidents\n  praxiswache checks --format json         every check\'s metadata (both languages)\n')
    .action((id: string | undefined, opts: { json?: boolean; format?: string; lang?: string }) => {
      const lang = resolveLang(opts.lang);
      const json = outputFormat(opts) === 'json';
      let checks: readonly Check[] = ALL_CHECKS;
      if (id !== undefined) {
        const check = findCheck(id);
        if (!check) throw new UsageError(`unknown check "${id}" (run "praxiswache checks" for the list)`);
        checks = [check];
      }
      const out = json
        ? JSON.stringify(checks.map((c) => c.meta), null, 2)
        : id !== undefined
          ? checks.map((c) => describeCheck(c, lang)).join('\n')
          : listChecks(checks, lang);
      process.stdout.write(`${out}\n`);
    });
}

function listChecks(checks: readonly Check[], lang: Lang): string {
  const idWidth = Math.max(...checks.map((c) => c.meta.id.length));
  const lines = checks.map((c) => {
    const flags = c.meta.intrusive ? (lang === 'de' ? ' [invasiv, --safe überspringt]' : ' [intrusive, skipped by --safe]') : '';
    return `${c.meta.id.padEnd(idWidth)}  ${c.meta.severity.padEnd(8)}  ${c.meta.title[lang]}${flags}`;
  });
  return `${lines.join('\n')}\n\n${checks.length} checks. ${lang === 'de' ? 'Einzelheiten' : 'Details'}: praxiswache checks ID`;
}

function describeCheck(check: Check, lang: Lang): string {
  const m = check.meta;
  const de = lang === 'de';
  const kbv = m.kbv.map((k) => `  ${k}: ${k in KBV_REQUIREMENTS ? KBV_REQUIREMENTS[k as KbvRequirement][lang] : ''}`);
  return [
    `${m.id} (${m.severity}${m.intrusive ? (de ? ', invasiv' : ', intrusive') : ''})`,
    m.title[lang],
    '',
    m.description[lang],
    '',
    `${de ? 'Abhilfe' : 'Remediation'}: ${m.remediation[lang]}`,
    `CWE: ${m.cwe.map((n) => `CWE-${n}`).join(', ')}`,
    `${de ? 'KBV IT-Sicherheitsrichtlinie' : 'KBV IT security guideline'}:`,
    ...kbv,
    `${de ? 'Vorfälle' : 'Incidents'}:`,
    ...m.incidents.map((i) => `  ${i}`),
  ].join('\n');
}
