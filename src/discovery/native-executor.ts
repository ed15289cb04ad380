// Native engine: batches probes into packed records for the C addon, whose epoll threads run
// the connects, the rate limit, timeouts, the retry and the self-connect check.
import { availableParallelism } from 'node:os';
import {
  PROBE_RECORD_SIZE,
  RESULT_RECORD_SIZE,
  type NativeAddon,
} from './native-addon.js';
import { ProbeStatus, type ExecutorSettings, type ProbeExecutor, type ProbeHost, type ResultSink } from './types.js';

const BATCH = 1024;

export function defaultNativeThreads(): number {
  const fromEnv = Number(process.env.PRAXISWACHE_THREADS);
  if (Number.isInteger(fromEnv) && fromEnv >= 1 && fromEnv <= 64) return fromEnv;
  return Math.max(1, Math.min(4, availableParallelism()));
}

export class NativeExecutor implements ProbeExecutor {
  readonly name = 'native';
  private readonly engine: unknown;
  private readonly batch = Buffer.alloc(BATCH * PROBE_RECORD_SIZE);
  private count = 0;
  private closed = false;
  private readonly rejected: [id: number, status: ProbeStatus][] = [];

  constructor(
    private readonly addon: NativeAddon,
    s: ExecutorSettings,
    private readonly sink: ResultSink,
  ) {
    this.engine = addon.createEngine(
      {
        threads: defaultNativeThreads(),
        maxInFlight: s.maxInFlight,
        timeoutMs: s.timeoutMs,
        retries: s.retries,
        maxRate: s.maxRate ?? 0,
      },
      (records) => this.deliver(records),
    );
  }

  add(id: number, host: ProbeHost, port: number): void {
    if (host.native === undefined) host.native = this.addon.parseAddress(host.target.address, host.target.family);
    if (host.native === null) {
      this.rejected.push([id, ProbeStatus.unreachable]);
      return;
    }
    const off = this.count * PROBE_RECORD_SIZE;
    const b = this.batch;
    b.writeUInt32LE(id, off);
    b.writeUInt16LE(port, off + 4);
    b[off + 6] = host.target.family;
    b[off + 7] = 0;
    host.native.copy(b, off + 8, 0, 20);
    if (++this.count === BATCH) this.flush();
  }

  flush(): void {
    if (this.closed) return;
    if (this.count > 0) {
      if (!this.addon.submit(this.engine, this.batch, this.count)) {
        // cannot happen while the scheduler keeps its window; hand them back to be re-queued
        for (let i = 0; i < this.count; i++) {
          this.rejected.push([this.batch.readUInt32LE(i * PROBE_RECORD_SIZE), ProbeStatus.resource]);
        }
      }
      this.count = 0;
    }
    if (this.rejected.length > 0) {
      const results = this.rejected.splice(0);
      queueMicrotask(() => {
        if (!this.closed) for (const [id, status] of results) this.sink(id, status);
      });
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.addon.close(this.engine);
  }

  private deliver(records: Buffer): void {
    if (this.closed) return;
    for (let off = 0; off + RESULT_RECORD_SIZE <= records.length; off += RESULT_RECORD_SIZE) {
      this.sink(records.readUInt32LE(off), records[off + 4] as ProbeStatus);
    }
  }
}
