import type { Command } from 'commander';
import { DEFAULT_PORTS } from '../../targets/index.js';
import { addFormatOptions, LANG_HELP, outputFormat, resolveLang } from '../options.js';
import { exitQuietlyOnClosedStdout } from '../stdout.js';

const HEADINGS = {
  de: { port: 'PORT', service: 'DIENST', reason: 'GRUND', total: (n: number) => `${n} Ports sind die Vorgabe von praxiswache scan (ohne -p).` },
  en: { port: 'PORT', service: 'SERVICE', reason: 'REASON', total: (n: number) => `${n} ports are praxiswache scan's default (without -p).` },
} as const;

export function register(program: Command): void {
  addFormatOptions(
    program
      .command('ports')
      .description("print the default port set with the reason for each port (nmap's top 1000 plus practice ports)"),
  )
    .option('--lang <lang>', `language of the reasons: ${LANG_HELP}`)
    .addHelpText('after', '\nJSON: [{ "port", "service", "reason" }], one entry per port.\n')
    .action((opts: { json?: boolean; format?: string; lang?: string }) => {
      const lang = resolveLang(opts.lang);
      const format = outputFormat(opts);
      exitQuietlyOnClosedStdout();
      if (format === 'json') {
        const rows = DEFAULT_PORTS.map((p) => ({ port: p.port, service: p.service, reason: p.reasons[lang] }));
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const h = HEADINGS[lang];
      const serviceWidth = Math.max(h.service.length, ...DEFAULT_PORTS.map((p) => p.service.length));
      const lines = [`${h.port.padEnd(6)} ${h.service.padEnd(serviceWidth)}  ${h.reason}`];
      for (const p of DEFAULT_PORTS) lines.push(`${String(p.port).padEnd(6)} ${p.service.padEnd(serviceWidth)}  ${p.reasons[lang]}`);
      lines.push('', h.total(DEFAULT_PORTS.length));
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
