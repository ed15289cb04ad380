import type { Command } from 'commander';
import { SCENARIOS, startLab, type RunningLab } from '../../lab/index.js';
import { LANG_HELP, resolveLang } from '../options.js';

export function register(program: Command): void {
  const lab = program
    .command('lab')
    .description('a simulated practice network on 127.77.x.y (in-process servers with synthetic documents)');

  lab
    .command('list')
    .description('list the lab scenarios')
    .option('--lang <lang>', LANG_HELP)
    .action((opts: { lang?: string }) => {
      const lang = resolveLang(opts.lang);
      const width = Math.max(...SCENARIOS.map((s) => s.name.length));
      for (const s of SCENARIOS) process.stdout.write(`${s.name.padEnd(width)}  ${s.description[lang]}\n`);
    });

  lab
    .command('up')
    .description('start scenarios (default: all) and serve until Ctrl-C')
    .argument('[SCENARIO...]', 'scenario names from "praxiswache lab list"')
    .addHelpText(
      'after',
      '\nEvery scenario binds its own 127.77.x.y address, so nothing else on the machine is scanned.\n' +
        'Examples:\n  praxiswache lab up                       all scenarios\n  praxiswache lab up router-portforward     only the Celle router (127.77.1.1)\n',
    )
    .action(async (names: string[]) => {
      const running = await startLab(names);
      process.stdout.write(describeLab(running));
      process.stdout.write('\nServing until Ctrl-C.\n');
      await untilInterrupted();
      await running.stop();
      process.stdout.write('Lab stopped.\n');
    });
}

/** What the lab serves and how to scan it; shared with `praxiswache demo`. */
export function describeLab(running: RunningLab): string {
  const lines: string[] = [];
  for (const instance of running.scenarios) {
    lines.push(`${instance.name}:`);
    for (const s of instance.services) lines.push(`  ${`${s.host}:${s.port}`.padEnd(20)} ${s.description}`);
  }
  lines.push('', `Scan it: praxiswache scan ${running.hosts.join(' ')} -p ${running.ports.join(',')}`);
  return `${lines.join('\n')}\n`;
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
