import type { Command } from 'commander';
import { UsageError } from '../../core/types.js';
import { assertRedisReachable, resolveRedisUrl } from '../../distributed/connection.js';
import { enqueueRounds, openScanQueue, queueCounts, type ScanQueue } from '../../distributed/scan-queue.js';
import { addStoreOptions, withStore } from '../../store/cli-options.js';
import type { StoreOptions } from '../../store/open.js';
import type { Site } from '../../store/sites.js';
import { addFormatOptions, outputFormat } from '../options.js';

interface RedisFlags {
  redis?: string;
}

interface AddFlags extends StoreOptions, RedisFlags {
  all?: boolean;
  due?: boolean;
  format?: string;
  json?: boolean;
}

const REDIS_HELP = 'Redis of the job queue (default $PRAXISWACHE_REDIS or redis://127.0.0.1:6379)';

async function withQueue<T>(flags: RedisFlags, fn: (queue: ScanQueue) => Promise<T>): Promise<T> {
  const url = resolveRedisUrl(flags.redis);
  await assertRedisReachable(url);
  const queue = openScanQueue(url);
  queue.on('error', () => {}); // failures surface as rejected calls below
  try {
    return await fn(queue);
  } finally {
    await queue.close();
  }
}

/** Sites named on the command line, all sites, or (--due) all sites for the due filter. */
function chooseSites(names: string[], flags: AddFlags): 'all' | string[] {
  if (names.length > 0 && (flags.all || flags.due)) throw new UsageError('name sites or give --all/--due, not both');
  if (names.length === 0 && !flags.all && !flags.due) throw new UsageError('name at least one site, or give --all or --due');
  return names.length > 0 ? names : 'all';
}

export function register(program: Command): void {
  const queue = program
    .command('queue')
    .description('put site rounds on the job queue that `praxiswache worker` processes (distributed scanning)');

  addFormatOptions(
    addStoreOptions(
      queue
        .command('add [sites...]')
        .description('enqueue one scan round per site; a round already queued is not queued again')
        .option('--all', 'every site in the database')
        .option('--due', 'every site whose schedule says a scan is due and that nobody is scanning (for a cron or timer)')
        .option('--redis <url>', REDIS_HELP),
    ),
  )
    .addHelpText(
      'after',
      '\nThe job carries only the site id; workers read targets and ports from the shared database.\n' +
        'Job ids are site + schedule slot, so running this twice (or on two machines) queues each round once;\n' +
        'a round that failed for good is tried again.\n' +
        'Examples:\n' +
        '  praxiswache queue add praxis-celle --redis redis://queue.example:6379 --db postgres://pw@db.example/praxiswache\n' +
        '  praxiswache queue add --all\n' +
        '  praxiswache queue add --due          # every few minutes from a systemd timer or cron\n' +
        '\nExit codes: 0 done, 2 bad input (unknown site), 3 Redis or the database not reachable.\n',
    )
    .action(async (names: string[], flags: AddFlags) => {
      const format = outputFormat(flags);
      const chosen = chooseSites(names, flags);
      await withStore(flags, async (store) => {
        const sites: Site[] = chosen === 'all' ? await store.sites.list() : await Promise.all(chosen.map((n) => store.sites.require(n)));
        const outcomes = await withQueue(flags, (q) => enqueueRounds(q, store, sites, { now: new Date(), dueOnly: flags.due === true }));
        if (format === 'json') {
          process.stdout.write(`${JSON.stringify(outcomes, null, 2)}\n`);
          return;
        }
        for (const o of outcomes) process.stdout.write(`${o.site}: ${o.result} (job ${o.jobId}, due ${o.slot})\n`);
        const count = (result: string): number => outcomes.filter((o) => o.result === result).length;
        const [added, retried] = [count('added'), count('retried')];
        process.stdout.write(`${added} round(s) added, ${retried} failed round(s) retried, ${outcomes.length - added - retried} left as they were\n`);
      });
    });

  addFormatOptions(queue.command('status').description('count the jobs: waiting, active, completed, failed, stalled').option('--redis <url>', REDIS_HELP))
    .addHelpText(
      'after',
      '\n"stalled" are active jobs whose worker stopped answering; another worker takes them over at its next check.\n' +
        'Examples:\n  praxiswache queue status\n  praxiswache queue status --json --redis redis://queue.example:6379\n',
    )
    .action(async (flags: RedisFlags & { format?: string; json?: boolean }) => {
      const format = outputFormat(flags);
      const counts = await withQueue(flags, queueCounts);
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(counts)}\n`);
        return;
      }
      const { waiting, delayed, active, completed, failed, stalled, workers } = counts;
      process.stdout.write(
        `waiting ${waiting}, delayed ${delayed}, active ${active}, completed ${completed}, failed ${failed}, stalled ${stalled}; ${workers} worker connection(s)\n`,
      );
    });
}
