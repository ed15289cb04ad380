/**
 * `praxiswache register export --format csv|json|html` — the internal register of all breaches,
 * notified or not (GDPR Art. 33(5)).
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { oneOf, parseLang, withService, type StoreFlags } from '../../respond/cli-support.js';
import { addStoreOptions } from '../../store/cli-options.js';
import { exportRegister } from '../../respond/register.js';

export function register(program: Command): void {
  const reg = program.command('register').description('the breach register (GDPR Art. 33(5)): every incident, notified or not');
  addStoreOptions(reg.command('export'))
    .description('export all incidents with facts, effects, remedial action, decision and history')
    .option('--format <csv|json|html>', 'output format', 'csv')
    .option('--lang <de|en>', 'language of the HTML page (default: de, whatever the locale)')
    .option('-o, --out <file>', 'write to a file (mode 0600) instead of stdout')
    .addHelpText('after', '\nExamples:\n  praxiswache register export --format csv -o verzeichnis.csv\n  praxiswache register export --format html --lang de -o verzeichnis.html\n')
    .action(async (o: StoreFlags & { format?: string; lang?: string; out?: string }) => {
      const format = oneOf(o.format, '--format', ['csv', 'json', 'html'] as const, 'csv');
      const lang = parseLang(o.lang ?? 'de');
      const incidents = await withService(o, (s) => s.list());
      const text = exportRegister(incidents, format, lang);
      if (o.out) writeFileSync(o.out, text, { mode: 0o600 });
      else process.stdout.write(text);
    });
}
