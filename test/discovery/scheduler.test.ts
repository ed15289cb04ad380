// The scheduler's policy (fairness, per-host cap, re-queueing, lazy host intake) checked with a
// recording executor; the real engines are exercised in loopback.test.ts and namespace.test.ts.
import { describe, expect, it } from 'vitest';
import type { HostTarget, OpenPort } from '../../src/core/types.js';
import { DiscoveryScheduler, type SchedulerSettings } from '../../src/discovery/scheduler.js';
import { ProbeStatus, type ProbeExecutor, type ProbeHost, type ResultSink } from '../../src/discovery/types.js';

interface Started {
  id: number;
  host: string;
  port: number;
}

/** Answers every probe a tick later via `answer`; records order and simultaneous probes per host. */
class RecordingExecutor implements ProbeExecutor {
  readonly name = 'js';
  readonly started: Started[] = [];
  readonly maxInFlightPerHost = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private pending: Started[] = [];
  constructor(
    private readonly sink: ResultSink,
    private readonly answer: (p: Started, attempt: number) => ProbeStatus,
  ) {}
  private readonly attempts = new Map<number, number>();
  add(id: number, host: ProbeHost, port: number): void {
    const p = { id, host: host.target.address, port };
    this.started.push(p);
    const n = (this.inFlight.get(p.host) ?? 0) + 1;
    this.inFlight.set(p.host, n);
    this.maxInFlightPerHost.set(p.host, Math.max(n, this.maxInFlightPerHost.get(p.host) ?? 0));
    this.pending.push(p);
  }
  flush(): void {
    const batch = this.pending;
    this.pending = [];
    setImmediate(() => {
      for (const p of batch) {
        this.inFlight.set(p.host, (this.inFlight.get(p.host) ?? 1) - 1);
        const attempt = (this.attempts.get(p.id) ?? 0) + 1;
        this.attempts.set(p.id, attempt);
        this.sink(p.id, this.answer(p, attempt));
      }
    });
  }
  close(): void {}
}

const settings = (over: Partial<SchedulerSettings>): SchedulerSettings => ({
  ports: [],
  concurrency: 64,
  perHostConcurrency: 64,
  hostWindow: 256,
  timeoutMs: 1000,
  ...over,
});

async function run(
  hosts: Iterable<HostTarget>,
  s: SchedulerSettings,
  answer: (p: Started, attempt: number) => ProbeStatus,
): Promise<{ open: OpenPort[]; exec: RecordingExecutor }> {
  let exec: RecordingExecutor | undefined;
  const scheduler = new DiscoveryScheduler(hosts, s, (sink) => (exec = new RecordingExecutor(sink, answer)));
  scheduler.start();
  const open: OpenPort[] = [];
  for (let o = await scheduler.next(); o !== null; o = await scheduler.next()) open.push(o);
  if (exec === undefined) throw new Error('no executor');
  return { open, exec };
}

const host = (address: string): HostTarget => ({ address, family: 4 });
const range = (n: number, from = 1): number[] => Array.from({ length: n }, (_, i) => from + i);

describe('DiscoveryScheduler', () => {
  it('interleaves hosts so a host with many ports does not starve the others', async () => {
    const { exec } = await run([host('h1'), host('h2'), host('h3')], settings({ ports: range(3000) }), () => ProbeStatus.closed);
    const first = exec.started.slice(0, 30).map((p) => p.host);
    expect(new Set(first)).toEqual(new Set(['h1', 'h2', 'h3']));
    // every host got a third of the first 300 probes (round robin)
    const counts = new Map<string, number>();
    for (const p of exec.started.slice(0, 300)) counts.set(p.host, (counts.get(p.host) ?? 0) + 1);
    expect([...counts.values()]).toEqual([100, 100, 100]);
  });

  it('never has more than the per-host cap in flight against one host', async () => {
    const { exec } = await run([host('big'), host('small')], settings({ ports: range(2000), perHostConcurrency: 8 }), () => ProbeStatus.closed);
    expect(exec.maxInFlightPerHost.get('big')).toBe(8);
    expect(exec.started.length).toBe(4000);
  });

  it('reports exactly the ports the engine found open, each once', async () => {
    const openSet = new Set(['h1:7', 'h2:99', 'h2:100']);
    const { open } = await run([host('h1'), host('h2')], settings({ ports: range(200) }), (p) =>
      openSet.has(`${p.host}:${p.port}`) ? ProbeStatus.open : ProbeStatus.closed,
    );
    expect(open.map((o) => `${o.host}:${o.port}`).sort()).toEqual([...openSet].sort());
  });

  it('re-queues probes that hit a local resource shortage instead of losing them', async () => {
    const { open, exec } = await run([host('h1')], settings({ ports: range(50) }), (p, attempt) => {
      if (attempt === 1) return ProbeStatus.resource;
      return p.port === 42 ? ProbeStatus.open : ProbeStatus.closed;
    });
    expect(open).toEqual([{ host: 'h1', port: 42 }]);
    expect(exec.started.length).toBe(100);
  });

  it('gives up on a probe that never gets the resources after a bounded number of tries', async () => {
    const { open, exec } = await run([host('h1')], settings({ ports: [1, 2] }), () => ProbeStatus.resource);
    expect(open).toEqual([]);
    expect(exec.started.length).toBe(16);
  }, 10_000);

  it('pulls hosts lazily: never more than the host window ahead of the scan', async () => {
    let produced = 0;
    let maxAhead = 0;
    let finishedHosts = 0;
    function* hosts(): Generator<HostTarget> {
      for (let i = 0; i < 5000; i++) {
        produced++;
        maxAhead = Math.max(maxAhead, produced - finishedHosts);
        yield host(`h${i}`);
      }
    }
    const { exec } = await run(hosts(), settings({ ports: [1, 2], hostWindow: 16, concurrency: 8 }), (p) => {
      if (p.port === 2) finishedHosts++;
      return ProbeStatus.closed;
    });
    expect(exec.started.length).toBe(10_000);
    // window of active hosts plus the feeder's buffer of the same size
    expect(maxAhead).toBeLessThanOrEqual(16 * 2 + 8);
  });

  it('surfaces a failing host source as an error', async () => {
    function* hosts(): Generator<HostTarget> {
      yield host('h1');
      throw new Error('bad target list');
    }
    await expect(run(hosts(), settings({ ports: [1] }), () => ProbeStatus.closed)).rejects.toThrow('bad target list');
  });
});
