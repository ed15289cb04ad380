import type { Command } from 'commander';
import { runScan } from '../../scan/index.js';
import { addStoreOptions, withStore } from '../../store/cli-options.js';
import type { StoreOptions } from '../../store/open.js';
import { parseDuration } from '../../watch/duration.js';
import { addDeliveryOptions, notifierFromFlags, positiveInt, type DeliveryFlags } from '../../watch/delivery-flags.js';
import { describeOutcome } from '../../watch/incident-reminders.js';
import { runWatch } from '../../watch/watcher.js';
import { EXIT } from '../exit-codes.js';

interface WatchFlags extends StoreOptions, DeliveryFlags {
  once?: boolean;
  maxConcurrent: string;
  jitter?: string;
  tick: string;
  maxRate?: string;
  timeout?: string;
  safe?: boolean;
}

export function register(program: Command): void {
  addStoreOptions(
    addDeliveryOptions(program
      .command('watch [sites...]')
      .description('scan every site on its schedule, store the scans, compare with the approved baseline and alert on changes')
      .option('--once', 'scan the sites once now, alert, and exit (for cron and tests)')
      .option('--max-concurrent <n>', 'sites scanned at the same time', '1')
      .option('--jitter <duration>', 'random delay up to this long before each scheduled scan (default 10% of the period, max 15m)')
      .option('--tick <duration>', 'how often to look for due sites', '15s'))
      .option('--max-rate <n>', 'connects per second per scan')
      .option('--timeout <duration>', 'connect timeout per port')
      .option('--safe', 'skip intrusive checks (no login attempts)')
      .addHelpText(
        'after',
        '\nA restart continues the schedule from the stored scans; a scan cut off by a crash is marked interrupted.\nEach cycle also sends the Art. 33 deadline reminders of open incidents (see: praxiswache incident remind).\nExamples:\n  praxiswache watch --smtp smtps://alerts:SECRET@mail.example:465\n  praxiswache watch --once praxis-celle        # from cron\n',
      ),
  ).action(async (sites: string[], flags: WatchFlags) => {
    const notifier = notifierFromFlags(flags);
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await withStore(flags, async (store) => {
        for (const name of sites) await store.sites.require(name);
        const summary = await runWatch(
          {
            store,
            scan: (opts) => runScan(opts),
            notifier,
            now: () => new Date(),
            log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
            scanDefaults: {
              ...(flags.maxRate ? { maxRate: positiveInt('--max-rate', flags.maxRate) } : {}),
              ...(flags.timeout ? { timeoutMs: parseDuration(flags.timeout) } : {}),
              ...(flags.safe ? { safe: true } : {}),
            },
          },
          {
            ...(flags.once ? { once: true } : {}),
            sites,
            maxConcurrent: positiveInt('--max-concurrent', flags.maxConcurrent),
            ...(flags.jitter ? { jitterMs: parseDuration(flags.jitter) } : {}),
            tickMs: parseDuration(flags.tick),
            signal: controller.signal,
          },
        );
        for (const r of summary.rounds) {
          const alerts = r.sent.map((s) => `${s.kind} #${s.alertId}`).join(', ') || 'no alert';
          process.stdout.write(`site ${r.siteName}: scan ${r.scanId} ${r.status}, ${r.deviations} deviation(s) from baseline, ${alerts}\n`);
        }
        for (const r of summary.reminders) process.stdout.write(`${describeOutcome(r)}\n`);
        if (summary.rounds.some((r) => r.status === 'interrupted')) process.exitCode = EXIT.runtime;
      });
    } finally {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
    }
  });
}
