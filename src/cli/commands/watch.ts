import type { Command } from 'commander';
import { runScan } from '../../scan/index.js';
import { addStoreOptions, withStore } from '../../store/cli-options.js';
import type { StoreOptions } from '../../store/open.js';
import type { Store } from '../../store/store.js';
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

/** Alerts of the site that had channels and reached none of them ("[]": no contacts, nothing to reach). */
async function undeliveredAlerts(store: Store, siteId: number): Promise<Set<number>> {
  const rows = await store.alerts.list(siteId);
  return new Set(rows.filter((a) => a.delivered === 0 && a.delivery_json !== '[]').map((a) => a.id));
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
        '\nA restart continues the schedule from the stored scans; a scan cut off by a crash is marked interrupted.\n' +
          'Each cycle also sends the Art. 33 deadline reminders of open incidents (see: praxiswache incident remind).\n' +
          'Examples:\n  praxiswache watch --smtp smtps://alerts:SECRET@mail.example:465\n  praxiswache watch --once praxis-celle        # from cron\n' +
          '\nExit codes (--once): 0 every scan finished and every alert reached a channel, 2 bad input (unknown site),\n' +
          '3 a scan was interrupted or an alert or reminder reached no channel (it is sent again next round).\n',
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
        let undelivered = 0;
        for (const r of summary.rounds) {
          const failed = await undeliveredAlerts(store, r.siteId);
          const alerts = r.sent.map((s) => `${s.kind} #${s.alertId}${failed.has(s.alertId) ? ' NOT delivered' : ''}`).join(', ') || 'no alert';
          undelivered += r.sent.filter((s) => failed.has(s.alertId)).length;
          process.stdout.write(`site ${r.siteName}: scan ${r.scanId} ${r.status}, ${r.deviations} deviation(s) from baseline, ${alerts}\n`);
        }
        for (const r of summary.reminders) process.stdout.write(`${describeOutcome(r)}\n`);
        // From cron, an alert nobody received must not look like a quiet night (it is retried next round).
        if (summary.rounds.some((r) => r.status === 'interrupted') || undelivered > 0 || summary.reminders.some((r) => r.status === 'failed')) {
          process.exitCode = EXIT.runtime;
        }
      });
    } finally {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
    }
  });
}
