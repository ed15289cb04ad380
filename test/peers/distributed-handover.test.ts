/**
 * A worker process killed with SIGKILL in the middle of a scan loses nothing: its job lock runs
 * out, `queue status` shows the job stalled, a second worker's stalled check takes the round
 * over and completes it, and the store has the cut-off scan marked interrupted AND a finished
 * one. A worker stopped with SIGTERM stores its partial scan as interrupted and hands the job
 * back to the queue. Real processes (the built CLI; the killed one under a host name of its own,
 * as on another machine), real redis-server, real PostgreSQL.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openScanQueue, type ScanQueue } from '../../src/distributed/scan-queue.js';
import type { RoundProgress, RoundResult } from '../../src/distributed/scan-worker.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { Site } from '../../src/store/sites.js';
import { postgresTestsEnabled, startPostgres, type RunningPostgres } from '../support/postgres.js';
import { runBuiltCli, spawnBuiltCli, startRedis, type CliProcess } from '../distributed/processes.js';
import { until } from '../support/until.js';
import { peerAvailable, type RunningDaemon } from './support/daemon.js';

/** Accepts and never says a word: identification waits for its time limit, so the scan takes a while. */
const TARPIT_HOST = '127.62.7.1';
const LOCK = ['--lock-duration', '4s'];

describe.skipIf(!peerAvailable('redis-server') || !postgresTestsEnabled())('distributed: a dead worker hands its round over', () => {
  let redis: RunningDaemon;
  let pg: RunningPostgres;
  let store: Store;
  let queue: ScanQueue;
  let common: string[];
  let site: Site;
  const tarpit = { server: undefined as Server | undefined, port: 0, sockets: new Set<Socket>(), accepted: 0 };
  const workers: CliProcess[] = [];
  const logs = (): string => workers.map((w, i) => `--- worker ${i} ---\n${w.output()}`).join('\n');

  beforeAll(async () => {
    redis = await startRedis('127.62.0.2');
    pg = await startPostgres();
    store = await openStore({ db: pg.url });
    const redisUrl = `redis://${redis.host}:${redis.port}`;
    queue = openScanQueue(redisUrl);
    common = ['--redis', redisUrl, '--db', pg.url];
    tarpit.server = createServer((s) => {
      tarpit.accepted++;
      tarpit.sockets.add(s);
      s.on('close', () => tarpit.sockets.delete(s));
      s.on('error', () => {});
    });
    await new Promise<void>((resolve) => tarpit.server!.listen(0, TARPIT_HOST, resolve));
    tarpit.port = (tarpit.server.address() as { port: number }).port;
    site = await store.sites.add({
      name: 'praxis-langsam', land: 'BE', targets: [TARPIT_HOST], ports: String(tarpit.port),
      contacts: { emails: [], webhooks: [] }, language: 'de', schedule: 'every 1h', remindAfterHours: 24,
    });
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    for (const s of tarpit.sockets) s.destroy();
    tarpit.server?.close();
    await queue?.close();
    await store?.close();
    await pg?.stop();
    await redis?.stop();
  });

  async function enqueue(): Promise<string> {
    const added = await runBuiltCli(['queue', 'add', site.name, '--json', ...common]);
    expect(added.code, added.output).toBe(0);
    const [outcome] = JSON.parse(added.output) as { jobId: string; result: string }[];
    expect(outcome?.result).toBe('added');
    return outcome!.jobId;
  }

  /** The new scan of the site, once it is running and has reached the tarpit. */
  async function runningScan(acceptedBefore: number, known: Set<number>): Promise<number> {
    return until('a scan of the site to be running at the tarpit', async () => {
      const [scan] = await store.scans.list({ siteId: site.id, status: 'running', limit: 1 });
      return scan && !known.has(scan.id) && tarpit.accepted > acceptedBefore ? scan.id : undefined;
    }, 120_000, logs);
  }

  it('SIGKILL mid-scan: the job stalls, another worker completes the round, the cut-off scan is interrupted', { timeout: 240_000 }, async () => {
    const jobId = await enqueue();
    // another machine's worker: the local orphan clean-up cannot tell whether it is alive
    const first = spawnBuiltCli(['worker', ...LOCK, ...common], { hostname: 'praxis-node-a' });
    workers.push(first);
    const cutOff = await runningScan(0, new Set());
    const progress = await until('the job to name its runner', async () => {
      const p = (await queue.getJob(jobId))?.progress as Partial<RoundProgress> | undefined;
      return typeof p === 'object' && p.runner ? p.runner : undefined;
    }, 120_000);
    expect(progress).toBe(`praxis-node-a:${first.pid}`);
    first.kill('SIGKILL');
    await first.exited;
    expect((await store.scans.get(cutOff))?.status).toBe('running'); // nobody knows yet

    // No worker is alive: the job sits active without a lock, and status says so.
    const stalled = await until('queue status to report the job stalled', async () => {
      const status = await runBuiltCli(['queue', 'status', '--json', ...common.slice(0, 2)]);
      const counts = JSON.parse(status.output) as { active: number; stalled: number };
      return counts.stalled === 1 ? counts : undefined;
    }, 60_000);
    expect(stalled).toMatchObject({ active: 1, stalled: 1, waiting: 0, workers: 0 });

    const second = spawnBuiltCli(['worker', ...LOCK, ...common]);
    workers.push(second);
    const done = await until('the round to be completed by the second worker', async () => {
      const job = await queue.getJob(jobId);
      return job && (await job.getState()) === 'completed' ? job : undefined;
    }, 180_000, logs);
    const result = done.returnvalue as RoundResult;
    expect(result.runner).toMatch(new RegExp(`:${second.pid}$`));
    expect(result.tookOverFrom).toEqual({ runner: progress, scanIds: [cutOff] });
    expect(result.status).toBe('finished');

    const scans = await store.scans.list({ siteId: site.id });
    expect(scans.map((s) => [s.id, s.status])).toEqual([[result.scanId, 'finished'], [cutOff, 'interrupted']]);
    expect(scans[1]?.note).toMatch(/^the worker \S+ stopped before the scan finished; the round was handed to \S+$/);
    expect((await store.snapshot(result.scanId))?.ports).toMatchObject([{ host: TARPIT_HOST, port: tarpit.port }]);
    expect(second.output()).toMatch(/took over job site-\d+-\S+ from \S+; marked scan\(s\) \d+ interrupted/);
  });

  it('SIGTERM mid-scan: the partial scan is stored interrupted and the job goes back to the queue', { timeout: 180_000 }, async () => {
    const worker = workers.at(-1)!;
    const known = new Set((await store.scans.list({ siteId: site.id })).map((s) => s.id));
    const acceptedBefore = tarpit.accepted;
    const jobId = await enqueue(); // the last round finished: this is the next slot
    const scanId = await runningScan(acceptedBefore, known);
    worker.kill('SIGTERM');
    expect(await worker.exited, logs()).toBe(0);

    const stored = await store.scans.get(scanId);
    expect(stored).toMatchObject({ status: 'interrupted', note: expect.stringMatching(/stopped before the end/) as unknown });
    const job = await queue.getJob(jobId);
    expect(await job?.getState()).toBe('waiting');
    expect(job?.attemptsMade).toBe(0); // handed back, not counted as a failed attempt
    expect(worker.output()).toContain(`scan ${scanId} stopped by shutdown, job ${jobId} handed back to the queue`);
  });
});
