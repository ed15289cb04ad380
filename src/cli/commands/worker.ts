import type { Command } from 'commander';
import { assertRedisReachable, resolveRedisUrl } from '../../distributed/connection.js';
import { startScanWorker } from '../../distributed/scan-worker.js';
import { maskUrl } from '../../store/mask.js';
import { addStoreOptions, withStore } from '../../store/cli-options.js';
import type { StoreOptions } from '../../store/open.js';
import { addDeliveryOptions, notifierFromFlags, positiveInt, type DeliveryFlags } from '../../watch/delivery-flags.js';
import { parseDuration } from '../../watch/duration.js';

interface WorkerFlags extends StoreOptions, DeliveryFlags {
  redis?: string;
  concurrency: string;
  lockDuration: string;
  maxRate?: string;
  timeout?: string;
  safe?: boolean;
}

export function register(program: Command): void {
  addStoreOptions(
    addDeliveryOptions(
      program
        .command('worker')
        .description('take site rounds from the job queue, scan, store into the shared database and alert (distributed scanning)')
        .option('--redis <url>', 'Redis of the job queue (default $PRAXISWACHE_REDIS or redis://127.0.0.1:6379)')
        .option('--concurrency <n>', 'site rounds this worker runs at the same time', '1')
        .option('--lock-duration <duration>', 'a job whose worker is silent this long goes to another worker', '30s'),
    ),
  )
    .option('--max-rate <n>', 'connects per second per scan')
    .option('--timeout <duration>', 'connect timeout per port')
    .option('--safe', 'skip intrusive checks (no login attempts)')
    .addHelpText(
      'after',
      '\nRuns until SIGTERM or Ctrl-C: running scans are then stopped, stored as interrupted and their rounds\n' +
        'handed back to the queue. A worker killed outright loses nothing either: after --lock-duration another\n' +
        'worker takes its round over and marks the cut-off scan interrupted. Use PostgreSQL (--db) when workers\n' +
        'run on more than one machine; an SQLite store only works for workers on the same machine.\n' +
        'Examples:\n' +
        '  praxiswache worker --redis redis://queue.example:6379 --db postgres://pw:SECRET@db.example/praxiswache\n' +
        '  praxiswache worker --concurrency 4 --max-rate 200 --smtp smtps://alerts:SECRET@mail.example:465\n' +
        '\nExit codes: 0 stopped by a signal, 2 bad flags, 3 Redis or the database not reachable.\n',
    )
    .action(async (flags: WorkerFlags) => {
      const concurrency = positiveInt('--concurrency', flags.concurrency);
      const lockDurationMs = parseDuration(flags.lockDuration);
      const scanDefaults = {
        ...(flags.maxRate ? { maxRate: positiveInt('--max-rate', flags.maxRate) } : {}),
        ...(flags.timeout ? { timeoutMs: parseDuration(flags.timeout) } : {}),
        ...(flags.safe ? { safe: true } : {}),
      };
      const notifier = notifierFromFlags(flags);
      const redisUrl = resolveRedisUrl(flags.redis);
      const log = (line: string): void => void process.stderr.write(`${new Date().toISOString()} ${line}\n`);
      await assertRedisReachable(redisUrl);
      await withStore(flags, async (store) => {
        if (store.kind === 'sqlite') log(`store is SQLite (${store.location}): only workers on this machine share it; use --db postgres://… across machines`);
        const running = await startScanWorker({ redisUrl, store, notifier, concurrency, lockDurationMs, scanDefaults, log });
        log(`worker ready: queue on ${maskUrl(redisUrl)}, store ${store.location}, concurrency ${concurrency}`);
        await new Promise<void>((resolve) => {
          const stop = (signal: string): void => {
            log(`${signal}: stopping; running rounds are handed back to the queue`);
            resolve();
          };
          process.once('SIGTERM', () => stop('SIGTERM'));
          process.once('SIGINT', () => stop('SIGINT'));
        });
        await running.close();
        log('worker stopped');
      });
    });
}
