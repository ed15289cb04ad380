/**
 * Benchmark: how the queue side scales with the number of practices. N sites (default 2000) in
 * a fresh store, a redis-server of its own on 127.62.0.3, then:
 *   1. `queue add --all` work (enqueueRounds) into an empty queue, and again (all already queued);
 *   2. `queue status` (queueCounts) with N jobs waiting;
 *   3. two workers (concurrency 4 each) draining the queue, every round a real one-port scan of
 *      an SSH-like banner this process serves on 127.62.100.1, results into the store.
 *
 *   node node_modules/vite-node/vite-node.mjs bench/distributed/rounds.ts [--sites N] [--db postgres://… | --pg]
 *
 * --pg starts a throwaway PostgreSQL cluster (test/support/postgres.ts) instead of SQLite.
 *
 * Sends traffic only to 127.62.0.3 (Redis) and 127.62.100.1 (its own listener).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { enqueueRounds, openScanQueue, queueCounts } from '../../src/distributed/scan-queue.js';
import { startScanWorker } from '../../src/distributed/scan-worker.js';
import { openStore } from '../../src/store/index.js';
import { createNotifier } from '../../src/watch/notify.js';
import { startRedis } from '../../test/distributed/processes.js';
import { startPostgres } from '../../test/support/postgres.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SITES = Number(arg('--sites') ?? 2000);
const throwawayPg = process.argv.includes('--pg') ? await startPostgres() : undefined;
const DB = throwawayPg?.url ?? arg('--db');
const BANNER_HOST = '127.62.100.1';

const seconds = (since: number): string => ((performance.now() - since) / 1000).toFixed(2);

const dir = mkdtempSync(join(tmpdir(), 'praxiswache-bench-dist-'));
const banner = createServer((s) => {
  s.on('error', () => {}); // identification resets its sockets
  s.end('SSH-2.0-OpenSSH_9.2\r\n');
});
await new Promise<void>((resolve) => banner.listen(0, BANNER_HOST, resolve));
const port = (banner.address() as { port: number }).port;
const redis = await startRedis('127.62.0.3');
const redisUrl = `redis://${redis.host}:${redis.port}`;
const store = await openStore(DB ? { db: DB } : { data: dir });
const queue = openScanQueue(redisUrl);
try {
  console.log(`load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}; store ${store.kind}; ${SITES} sites`);
  for (let i = 0; i < SITES; i++) {
    await store.sites.add({
      name: `bench-praxis-${i}`, land: 'BE', targets: [BANNER_HOST], ports: String(port),
      contacts: { emails: [], webhooks: [] }, language: 'de', schedule: 'every 24h', remindAfterHours: 24,
    });
  }
  const sites = await store.sites.list();
  let t = performance.now();
  const first = await enqueueRounds(queue, store, sites, { now: new Date() });
  console.log(`enqueue into an empty queue: ${seconds(t)} s, ${first.filter((o) => o.result === 'added').length} added`);
  t = performance.now();
  const again = await enqueueRounds(queue, store, sites, { now: new Date() });
  console.log(`enqueue again: ${seconds(t)} s, ${again.filter((o) => o.result === 'already queued').length} already queued`);
  t = performance.now();
  const counts = await queueCounts(queue);
  console.log(`queue status: ${seconds(t)} s, waiting ${counts.waiting}`);

  const log = (): void => {};
  const notifier = createNotifier({});
  t = performance.now();
  const workers = await Promise.all(
    [0, 1].map(() => startScanWorker({ redisUrl, store, notifier, concurrency: 4, lockDurationMs: 30_000, scanDefaults: { timeoutMs: 2_000 }, log })),
  );
  for (;;) {
    const c = await queueCounts(queue);
    if (c.completed + c.failed >= SITES) {
      console.log(`drained by 2 workers × 4: ${seconds(t)} s, ${c.completed} completed, ${c.failed} failed, ${(SITES / ((performance.now() - t) / 1000)).toFixed(1)} rounds/s`);
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await Promise.all(workers.map((w) => w.close()));
  const finished = await store.scans.list({ status: 'finished', limit: SITES + 10 });
  console.log(`finished scans in the store: ${finished.length}; load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  await queue.close();
  await store.close();
  await throwawayPg?.stop();
  await redis.stop();
  banner.close();
  rmSync(dir, { recursive: true, force: true });
}
