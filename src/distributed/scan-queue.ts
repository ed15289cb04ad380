/**
 * The dispatcher's side: one job per site round (id from `rounds.ts`, so a round is never queued
 * twice) and the queue's counts for `queue status`.
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { Site } from '../store/sites.js';
import type { Store } from '../store/store.js';
import { SCAN_QUEUE, parseRedisUrl, shortLivedConnection } from './connection.js';
import { planRound, type ScanJobData } from './rounds.js';

export type ScanQueue = Queue<ScanJobData>;

/**
 * A failed round is tried again (a worker died twice, the database was away): three attempts,
 * a minute apart and growing. Finished jobs stay long enough to keep their ids blocking a
 * duplicate of the same round, then are dropped so Redis does not grow with every round.
 */
export const SCAN_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 60_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export function openScanQueue(redisUrl: string): ScanQueue {
  return new Queue<ScanJobData>(SCAN_QUEUE, { connection: shortLivedConnection(parseRedisUrl(redisUrl)) });
}

export interface EnqueueOutcome {
  site: string;
  jobId: string;
  slot: string;
  result: 'added' | 'already queued' | 'retried' | 'not due' | 'running';
}

/**
 * Enqueues the current round of each site. With `dueOnly`, sites whose slot lies ahead or that
 * a worker is scanning right now are left out (that is what a periodic dispatcher wants).
 */
export async function enqueueRounds(queue: ScanQueue, store: Store, sites: readonly Site[], opts: { now: Date; dueOnly?: boolean }): Promise<EnqueueOutcome[]> {
  const outcomes: EnqueueOutcome[] = [];
  for (const site of sites) {
    const round = await planRound(store, site, opts.now);
    const base = { site: site.name, jobId: round.jobId, slot: round.data.slot };
    if (opts.dueOnly && (!round.due || round.running)) {
      outcomes.push({ ...base, result: round.running ? 'running' : 'not due' });
      continue;
    }
    const existing = await queue.getJob(round.jobId);
    if (existing) {
      // The round failed for good before any scan ended (database away, attempts used up):
      // asking for it again means trying it again, not being told it is queued.
      const failed = await existing.isFailed();
      if (failed) await existing.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      outcomes.push({ ...base, result: failed ? 'retried' : 'already queued' });
      continue;
    }
    // Two dispatchers racing past the look-up still make one job: BullMQ keeps an id's first job.
    await queue.add('scan-site', round.data, { ...SCAN_JOB_OPTIONS, jobId: round.jobId });
    outcomes.push({ ...base, result: 'added' });
  }
  return outcomes;
}

export interface QueueCounts {
  waiting: number;
  delayed: number;
  active: number;
  completed: number;
  failed: number;
  /** Active jobs whose worker stopped renewing the lock: handed over at the next stalled check. */
  stalled: number;
  workers: number;
}

export async function queueCounts(queue: ScanQueue): Promise<QueueCounts> {
  const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed', 'paused');
  const active = await queue.getActive();
  const client = await queue.client;
  let stalled = 0;
  for (const job of active) {
    if (job.id && (await client.get(`${queue.toKey(job.id)}:lock`)) === null) stalled++;
  }
  return {
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.paused ?? 0),
    delayed: counts.delayed ?? 0,
    active: counts.active ?? 0,
    completed: counts.completed ?? 0,
    failed: counts.failed ?? 0,
    stalled,
    workers: await queue.getWorkersCount(),
  };
}
