/**
 * `praxiswache incident remind [--once] [--dry-run] [--site S …]`: the Art. 33 deadline
 * reminders without `watch`, for practices that run praxiswache from cron.
 *
 *   crontab, every 10 minutes: praxiswache incident remind --once --smtp smtps://alerts:…@mail.example:465
 */
import type { Command } from 'commander';
import { EXIT } from '../cli/exit-codes.js';
import { addStoreOptions, withStore } from '../store/cli-options.js';
import { addDeliveryOptions, notifierFromFlags, type DeliveryFlags } from '../watch/delivery-flags.js';
import { parseDuration } from '../watch/duration.js';
import { describeOutcome, runIncidentReminders, type ReminderOutcome } from '../watch/incident-reminders.js';
import { collect, type StoreFlags } from './cli-support.js';

interface RemindFlags extends StoreFlags, DeliveryFlags {
  once?: boolean;
  dryRun?: boolean;
  site?: string[];
  every: string;
}

function print(outcomes: readonly ReminderOutcome[], dryRun: boolean): void {
  for (const o of outcomes) {
    process.stdout.write(`${describeOutcome(o)}\n`);
    if (!dryRun) continue;
    process.stdout.write(`  Subject: ${o.message.subject}\n${o.message.text.trimEnd().replace(/^/gm, '  | ')}\n\n`);
  }
}

export function registerRemind(incident: Command): void {
  addDeliveryOptions(addStoreOptions(incident.command('remind')))
    .description('send the Art. 33 deadline reminders of open incidents to their sites\' e-mail and webhook contacts (each step once)')
    .option('--once', 'check once and exit (for cron); default: keep checking')
    .option('--dry-run', 'print what would be sent; send and record nothing')
    .option('--site <site>', 'only incidents of this site (repeatable)', collect)
    .option('--every <duration>', 'how often to check when not --once', '5m')
    .addHelpText(
      'after',
      '\nReminders go out 24 h after awareness, 12 h and 2 h before the 72-hour deadline, and once it has passed,\n' +
        'for every open incident whose authority notification is not recorded (not for register-only decisions).\n' +
        '`praxiswache watch` sends the same reminders each cycle; both may run, a step is still sent once.\n',
    )
    .action(async (o: RemindFlags) => {
      const notifier = notifierFromFlags(o);
      const intervalMs = parseDuration(o.every);
      const dryRun = o.dryRun === true;
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        await withStore(o, async (store) => {
          for (const site of o.site ?? []) await store.sites.require(site);
          const ctx = { store, notifier, now: () => new Date(), log: (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`) };
          do {
            const outcomes = await runIncidentReminders(ctx, { dryRun, ...(o.site ? { sites: o.site } : {}) });
            print(outcomes, dryRun);
            if (outcomes.some((r) => r.status === 'failed')) process.exitCode = EXIT.runtime;
            if (o.once || dryRun) break;
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, intervalMs);
              controller.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
            });
          } while (!controller.signal.aborted);
        });
      } finally {
        process.removeListener('SIGINT', stop);
        process.removeListener('SIGTERM', stop);
      }
    });
}
