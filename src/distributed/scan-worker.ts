/**
 * The worker's side: take a site round from the queue, run it with the watch cycle's own
 * `scanSite` + `evaluateSite` (scan → store → baseline diff → alerts) and report progress on
 * the job. Every job carries only a site id; targets and ports come from the shared store, so
 * a queue entry can never widen a scan beyond what the site is configured for.
 *
 * A worker that dies (SIGKILL, power cut) stops renewing its job lock; BullMQ's stalled check
 * in another worker puts the job back and that worker runs the round again. The job's progress
 * names the runner that had it, so the new worker marks the dead one's scan interrupted.
 * A worker that is asked to stop aborts its scans (stored as interrupted) and hands the jobs
 * back to the queue at once.
 */
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { ScanReport } from '../core/types.js';
import { runScan, type ScanEvents, type ScanOptions } from '../scan/index.js';
import { currentRunner } from '../store/scans.js';
import type { Store } from '../store/store.js';
import { evaluateSite, scanSite, type WatchContext } from '../watch/cycle.js';
import type { Notifier } from '../watch/notify.js';
import { SCAN_QUEUE, connectionOptions, parseRedisUrl } from './connection.js';
import type { ScanJobData } from './rounds.js';

export interface RoundProgress {
  /** host:pid of the worker process running the round (as in scans.runner). */
  runner: string;
  phase: 'starting' | 'hosts' | 'discovery' | 'identify' | 'checks' | 'alerts';
  done?: number;
  total?: number;
}

export interface RoundResult {
  siteId: number;
  siteName: string;
  scanId: number;
  status: 'finished' | 'interrupted';
  deviations: number;
  alerts: number;
  runner: string;
  /** Scans of a worker that died with this round, marked interrupted when it was taken over. */
  tookOverFrom?: { runner: string; scanIds: number[] };
}

export interface ScanWorkerOptions {
  redisUrl: string;
  store: Store;
  notifier: Notifier;
  concurrency: number;
  /** How long a job stays locked without renewal; also how often dead workers' jobs are looked for. */
  lockDurationMs: number;
  scanDefaults?: Partial<ScanOptions>;
  log: (line: string) => void;
  now?: () => Date;
  scan?: (opts: ScanOptions, events: ScanEvents) => Promise<ScanReport>;
}

export interface RunningScanWorker {
  readonly worker: Worker<ScanJobData, RoundResult>;
  /** Aborts running scans, hands their jobs back, waits until they are back in the queue. */
  close(): Promise<void>;
}

const PROGRESS_EVERY_MS = 1_000;

export async function startScanWorker(opts: ScanWorkerOptions): Promise<RunningScanWorker> {
  const orphans = await opts.store.scans.markOrphansInterrupted();
  if (orphans.length) opts.log(`marked ${orphans.length} scan(s) of a process of this machine that died as interrupted: ${orphans.join(', ')}`);
  const worker = new Worker<ScanJobData, RoundResult>(SCAN_QUEUE, (job, token, signal) => runRound(opts, job, token, signal), {
    // a worker must keep waiting for Redis instead of failing its blocking reads
    connection: connectionOptions(parseRedisUrl(opts.redisUrl), { maxRetriesPerRequest: null }),
    concurrency: opts.concurrency,
    lockDuration: opts.lockDurationMs,
    stalledInterval: opts.lockDurationMs,
    // one death is bad luck; a round that kills its worker three times is failed, not retried for ever
    maxStalledCount: 2,
    autorun: false,
  });
  worker.on('error', (err) => opts.log(`queue connection: ${err.message}`));
  worker.on('failed', (job, err) => {
    if (job) opts.log(`job ${job.id} (site ${job.data.siteName}) failed: ${err.message}`);
  });
  worker.on('stalled', (jobId) => opts.log(`job ${jobId}: its worker stopped answering, the job goes back to the queue`));
  void worker.run().catch((err: unknown) => opts.log(`worker stopped: ${(err as Error).message}`));
  await worker.waitUntilReady();
  return {
    worker,
    async close() {
      // close() first stops fetching; then the running scans are told to stop and hand back
      const closed = worker.close();
      worker.cancelAllJobs('the worker is shutting down');
      await closed;
    },
  };
}

async function runRound(opts: ScanWorkerOptions, job: Job<ScanJobData, RoundResult>, token: string | undefined, signal: AbortSignal | undefined): Promise<RoundResult> {
  const { store, log } = opts;
  const runner = currentRunner();
  const site = await store.sites.get(job.data.siteId);
  if (!site) throw new UnrecoverableError(`site #${job.data.siteId} ("${job.data.siteName}") no longer exists: nothing to scan`);
  if (site.name !== job.data.siteName) log(`job ${job.id}: site #${site.id} is now called "${site.name}" (queued as "${job.data.siteName}")`);
  const tookOverFrom = await takeOverFromDeadRunner(store, job, site.id, runner);
  if (tookOverFrom) log(`site ${site.name}: took over job ${job.id} from ${tookOverFrom.runner}; marked scan(s) ${tookOverFrom.scanIds.join(', ') || '(none)'} interrupted`);

  const progress = progressReporter(job, runner);
  await progress.force({ runner, phase: 'starting' });
  const scan = opts.scan ?? runScan;
  const ctx: WatchContext = {
    store,
    notifier: opts.notifier,
    now: opts.now ?? (() => new Date()),
    log: (line) => log(`[job ${job.id}] ${line}`),
    ...(opts.scanDefaults ? { scanDefaults: opts.scanDefaults } : {}),
    scan: (scanOpts) => scan(scanOpts, { onProgress: (p) => progress.report({ runner, ...p, phase: p.phase }) }),
  };
  const scanId = await scanSite(ctx, site, signal);
  // A stop that came after the scan was complete still lets the round finish (alerts only).
  if (signal?.aborted && (await store.scans.get(scanId))?.status !== 'finished') {
    // Stopped by shutdown: the partial scan is stored as interrupted; the round goes back whole.
    log(`site ${site.name}: scan ${scanId} stopped by shutdown, job ${job.id} handed back to the queue`);
    await job.moveToWait(token);
    throw new WaitingError();
  }
  await progress.force({ runner, phase: 'alerts' });
  const round = await evaluateSite(ctx, site, scanId);
  const result: RoundResult = {
    siteId: site.id,
    siteName: site.name,
    scanId,
    status: round.status,
    deviations: round.deviations,
    alerts: round.sent.length,
    runner,
    ...(tookOverFrom ? { tookOverFrom } : {}),
  };
  // An interrupted round (target unreachable, scan failed) is retried with the job's backoff.
  if (round.status === 'interrupted') throw new Error(`scan ${scanId} of site ${site.name} was interrupted; the round will be tried again`);
  log(`site ${site.name}: scan ${scanId} finished, ${round.deviations} deviation(s) from baseline, ${round.sent.length} alert(s)`);
  return result;
}

/**
 * A job that comes back after a stall still carries the progress its last worker wrote. That
 * worker is gone (its lock expired), so its scan of this site that still says "running" never
 * ends: mark it interrupted before scanning again.
 */
async function takeOverFromDeadRunner(store: Store, job: Job<ScanJobData>, siteId: number, runner: string): Promise<RoundResult['tookOverFrom']> {
  const previous = job.progress as Partial<RoundProgress> | number | undefined;
  const previousRunner = typeof previous === 'object' && previous !== null ? previous.runner : undefined;
  if (!previousRunner || previousRunner === runner) return undefined;
  const running = await store.scans.list({ siteId, status: 'running', limit: 100 });
  const theirs = running.filter((s) => s.runner === previousRunner).map((s) => s.id);
  for (const id of theirs) await store.scans.markInterrupted(id, `the worker ${previousRunner} stopped before the scan finished; the round was handed to ${runner}`);
  return { runner: previousRunner, scanIds: theirs };
}

/** Progress to the job at most once a second (a scan reports per port). */
function progressReporter(job: Job<ScanJobData>, runner: string): { report(p: RoundProgress): void; force(p: RoundProgress): Promise<void> } {
  let last = 0;
  const write = (p: RoundProgress): Promise<void> => job.updateProgress({ ...p, runner }).catch(() => {});
  return {
    report(p) {
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      void write(p);
    },
    force: (p) => {
      last = Date.now();
      return write(p);
    },
  };
}
