import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../core/types.js';
import { runScan } from '../../scan/index.js';
import { addStoreOptions, withStore } from '../../store/cli-options.js';
import type { StoreOptions } from '../../store/open.js';
import { parseDuration } from '../../watch/duration.js';
import type { SmtpSettings } from '../../watch/email.js';
import { createNotifier } from '../../watch/notify.js';
import { runWatch } from '../../watch/watcher.js';
import { EXIT } from '../exit-codes.js';

interface WatchFlags extends StoreOptions {
  once?: boolean;
  maxConcurrent: string;
  jitter?: string;
  tick: string;
  smtp?: string;
  smtpFrom?: string;
  smtpStarttls: string;
  smtpCa?: string;
  webhookAttempts: string;
  webhookTimeout: string;
  maxRate?: string;
  timeout?: string;
  safe?: boolean;
}

function positiveInt(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${flag} ${text}: a positive whole number`);
  return Number(text);
}

function smtpSettings(flags: WatchFlags): SmtpSettings | undefined {
  const url = flags.smtp ?? process.env.PRAXISWACHE_SMTP_URL;
  if (!url) return undefined;
  if (!/^smtps?:\/\//i.test(url)) throw new UsageError('--smtp: smtp://user:pass@host:587 (STARTTLS) or smtps://…:465 (TLS)');
  const starttls = flags.smtpStarttls;
  if (starttls !== 'required' && starttls !== 'opportunistic' && starttls !== 'off') throw new UsageError('--smtp-starttls: required, opportunistic or off');
  return {
    url,
    from: flags.smtpFrom ?? process.env.PRAXISWACHE_SMTP_FROM ?? 'praxiswache@localhost',
    starttls,
    ...(flags.smtpCa ? { ca: readFileSync(flags.smtpCa, 'utf8') } : {}),
  };
}

export function register(program: Command): void {
  addStoreOptions(
    program
      .command('watch [sites...]')
      .description('scan every site on its schedule, store the scans, compare with the approved baseline and alert on changes')
      .option('--once', 'scan the sites once now, alert, and exit (for cron and tests)')
      .option('--max-concurrent <n>', 'sites scanned at the same time', '1')
      .option('--jitter <duration>', 'random delay up to this long before each scheduled scan (default 10% of the period, max 15m)')
      .option('--tick <duration>', 'how often to look for due sites', '15s')
      .option('--smtp <url>', 'SMTP server for alert e-mail, smtp://user:pass@host:587 or smtps://…:465 (or $PRAXISWACHE_SMTP_URL)')
      .option('--smtp-from <address>', 'sender address (or $PRAXISWACHE_SMTP_FROM)')
      .option('--smtp-starttls <mode>', 'required | opportunistic | off (smtp:// only)', 'required')
      .option('--smtp-ca <file>', 'PEM file of a CA to trust for the SMTP server')
      .option('--webhook-attempts <n>', 'attempts per webhook delivery', '4')
      .option('--webhook-timeout <duration>', 'time limit per webhook attempt', '10s')
      .option('--max-rate <n>', 'connects per second per scan')
      .option('--timeout <duration>', 'connect timeout per port')
      .option('--safe', 'skip intrusive checks (no login attempts)')
      .addHelpText(
        'after',
        '\nA restart continues the schedule from the stored scans; a scan cut off by a crash is marked interrupted.\nExamples:\n  praxiswache watch --smtp smtps://alerts:SECRET@mail.example:465\n  praxiswache watch --once praxis-celle        # from cron\n',
      ),
  ).action(async (sites: string[], flags: WatchFlags) => {
    const notifier = createNotifier({
      ...(smtpSettings(flags) ? { smtp: smtpSettings(flags) } : {}),
      webhook: { attempts: positiveInt('--webhook-attempts', flags.webhookAttempts), timeoutMs: parseDuration(flags.webhookTimeout) },
    });
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
        if (summary.rounds.some((r) => r.status === 'interrupted')) process.exitCode = EXIT.runtime;
      });
    } finally {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
    }
  });
}
