/**
 * Two worker processes (the built CLI) share one Redis queue and one PostgreSQL database and
 * scan lab practices on 127.62.x.y: each site is scanned exactly once per round, the results
 * land in PostgreSQL, a round is never queued twice, and a job whose site was removed fails
 * with a clear reason instead of scanning anything; a round that failed for good is retried by
 * the next `queue add`.
 */
import { UnrecoverableError, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCAN_QUEUE, connectionOptions, parseRedisUrl } from '../../src/distributed/connection.js';
import { openScanQueue, queueCounts, type ScanQueue } from '../../src/distributed/scan-queue.js';
import type { RoundResult } from '../../src/distributed/scan-worker.js';
import { findScenario, startLab, type RunningLab } from '../../src/lab/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { postgresTestsEnabled, startPostgres, type RunningPostgres } from '../support/postgres.js';
import { runBuiltCli, spawnBuiltCli, startRedis, type CliProcess } from '../distributed/processes.js';
import { until } from '../support/until.js';
import { peerAvailable, type RunningDaemon } from './support/daemon.js';

const SCENARIOS = ['router-portforward', 'profiler-leak', 'practice-software', 'hardened'];

describe.skipIf(!peerAvailable('redis-server') || !postgresTestsEnabled())('distributed: two workers, one queue, one PostgreSQL', () => {
  let redis: RunningDaemon;
  let pg: RunningPostgres;
  let lab: RunningLab;
  let store: Store;
  let queue: ScanQueue;
  let common: string[];
  const workers: CliProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis('127.62.0.1');
    pg = await startPostgres();
    lab = await startLab(SCENARIOS, { addressPrefix: '127.62' });
    store = await openStore({ db: pg.url });
    queue = openScanQueue(`redis://${redis.host}:${redis.port}`);
    common = ['--redis', `redis://${redis.host}:${redis.port}`, '--db', pg.url];
    for (const instance of lab.scenarios) {
      await store.sites.add({
        name: `praxis-${instance.name}`, land: 'NI', targets: instance.hosts, ports: instance.ports.join(','),
        contacts: { emails: [], webhooks: [] }, language: 'de', schedule: 'every 1h', remindAfterHours: 24,
      });
    }
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await queue?.close();
    await store?.close();
    await lab?.stop();
    await pg?.stop();
    await redis?.stop();
  });

  it('scans every site exactly once per round and stores the findings in PostgreSQL', { timeout: 240_000 }, async () => {
    const gone = await store.sites.add({
      name: 'praxis-closed', land: 'NI', targets: ['127.62.250.1'], ports: '1',
      contacts: { emails: [], webhooks: [] }, language: 'de', schedule: 'every 1h', remindAfterHours: 24,
    });
    // A round that failed for good (here: a worker whose database is away) is retried by the next add.
    const early = await runBuiltCli(['queue', 'add', 'praxis-hardened', ...common]);
    expect(early.output).toContain('1 round(s) added, 0 failed round(s) retried, 0 left as they were');
    const broken = new Worker(SCAN_QUEUE, () => Promise.reject(new UnrecoverableError('database not reachable (test)')), {
      connection: connectionOptions(parseRedisUrl(common[1]!), { maxRetriesPerRequest: null }),
    });
    await until('the round to fail', async () => ((await queueCounts(queue)).failed === 1 ? true : undefined), 120_000);
    await broken.close();

    const first = await runBuiltCli(['queue', 'add', '--all', ...common]);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/^praxis-hardened: retried \(job site-\d+-\d{8}T\d{6}Z, due /m);
    expect(first.output).toContain(`${SCENARIOS.length} round(s) added, 1 failed round(s) retried, 0 left as they were`);
    const again = await runBuiltCli(['queue', 'add', '--all', '--json', ...common]);
    expect(again.code, again.output).toBe(0);
    const outcomes = JSON.parse(again.output) as { result: string }[];
    expect(outcomes.map((o) => o.result)).toEqual(Array(SCENARIOS.length + 1).fill('already queued'));
    await store.sites.remove(gone.id); // the practice left before its round ran

    for (let i = 0; i < 2; i++) workers.push(spawnBuiltCli(['worker', '--concurrency', '2', '--timeout', '3s', ...common]));
    const logs = (): string => workers.map((w, i) => `--- worker ${i} ---\n${w.output()}`).join('\n');
    const counts = await until(
      'every round to end',
      async () => {
        const c = await queueCounts(queue);
        return c.completed + c.failed === SCENARIOS.length + 1 ? c : undefined;
      },
      200_000,
      logs,
    );
    expect(counts, logs()).toMatchObject({ completed: SCENARIOS.length, failed: 1, active: 0, waiting: 0 });

    const [failed] = await queue.getFailed();
    expect(failed?.failedReason).toMatch(/site #\d+ \("praxis-closed"\) no longer exists: nothing to scan/);
    expect(failed?.attemptsMade).toBe(1); // not retried: nothing can make the site come back

    const completed = await queue.getCompleted();
    const results = completed.map((j) => j.returnvalue as RoundResult);
    // progress on the job: who ran it and the last phase it reached
    for (const j of completed) expect(j.progress).toEqual({ runner: (j.returnvalue as RoundResult).runner, phase: 'alerts' });
    const runners = new Set(results.map((r) => r.runner));
    console.info(`rounds per worker process: ${[...runners].map((r) => `${r}=${results.filter((x) => x.runner === r).length}`).join(', ')}`);
    for (const name of SCENARIOS) {
      const site = (await store.sites.get(`praxis-${name}`))!;
      const scans = await store.scans.list({ siteId: site.id });
      expect(scans.map((s) => s.status), `${name}\n${logs()}`).toEqual(['finished']);
      expect(results.filter((r) => r.siteId === site.id).map((r) => r.scanId)).toEqual([scans[0]!.id]);
      const snapshot = (await store.snapshot(scans[0]!.id))!;
      const found = new Set(snapshot.findings.map((f) => f.checkId));
      for (const id of findScenario(name)!.expectedFindings) expect(found, `${name} should show ${id}`).toContain(id);
      if (name === 'hardened') expect(snapshot.findings).toEqual([]);
    }

    // The round has run: nothing is due within the hour, an explicit add starts the next round.
    const due = await runBuiltCli(['queue', 'add', '--due', '--json', ...common]);
    expect((JSON.parse(due.output) as { result: string }[]).map((o) => o.result)).toEqual(Array(SCENARIOS.length).fill('not due'));
    const status = await runBuiltCli(['queue', 'status', ...common.slice(0, 2)]);
    expect(status.output).toMatch(new RegExp(`^waiting 0, delayed 0, active 0, completed ${SCENARIOS.length}, failed 1, stalled 0; \\d+ worker connection`));

    for (const w of workers) w.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
  });
});
