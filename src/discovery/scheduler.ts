// The heart of discovery: interleaves hosts round-robin (fairness), caps probes per host and in
// total (adaptive window), re-queues probes that failed for local reasons, and turns executor
// results into a stream of open ports. Engines only run connects; all policy lives here.
import type { HostTarget, OpenPort } from '../core/types.js';
import { ConcurrencyController } from './congestion.js';
import { Fifo } from './fifo.js';
import { HostFeeder } from './host-feeder.js';
import { ProbeStatus, type ProbeExecutor, type ProbeHost, type ResultSink } from './types.js';

/** Probe ids are (host slot << 16) | port, so no per-probe bookkeeping is needed. */
const MAX_HOST_SLOTS = 0x10000;
/** A probe that keeps hitting local resource limits is given up after this many tries. */
const MAX_RESOURCE_TRIES = 8;
/** Stop issuing while this many open ports wait for a slow consumer. */
const OUTPUT_HIGH_WATER = 4096;

export interface SchedulerSettings {
  ports: readonly number[];
  concurrency: number;
  perHostConcurrency: number;
  hostWindow: number;
  timeoutMs: number;
  onProgress?: (p: { probed: number; total: number; open: number }) => void;
  /** Refused ports are results too (host discovery). */
  answered?: boolean;
}

class ActiveHost implements ProbeHost {
  nextPort = 0;
  inFlight = 0;
  /** Some port of this host answered (open or refused): its timeouts are news about the path. */
  answered = false;
  /** Ports to try again, as port + 65536 × tries so far. */
  readonly again: number[] = [];
  native?: Buffer | null;
  constructor(
    readonly slot: number,
    readonly target: HostTarget,
  ) {}
}

export class DiscoveryScheduler {
  private readonly slots: (ActiveHost | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private active: ActiveHost[] = [];
  private cursor = 0;
  private inFlight = 0;
  private hostsSeen = 0;
  private probed = 0;
  private open = 0;
  private readonly output = new Fifo<OpenPort>();
  private waiter: ((v: OpenPort | null) => void) | undefined;
  private failWaiter: ((err: unknown) => void) | undefined;
  private pumpQueued = false;
  private pauseTimer: NodeJS.Timeout | undefined;
  private lastProgress = 0;
  private stopped = false;
  private finalProgressSent = false;
  private readonly congestion: ConcurrencyController;
  private readonly feeder: HostFeeder;
  private readonly executor: ProbeExecutor;

  constructor(
    hosts: AsyncIterable<HostTarget> | Iterable<HostTarget>,
    private readonly s: SchedulerSettings,
    makeExecutor: (sink: ResultSink) => ProbeExecutor,
  ) {
    this.congestion = new ConcurrencyController(s.concurrency, s.timeoutMs);
    this.feeder = new HostFeeder(hosts, Math.min(s.hostWindow, MAX_HOST_SLOTS), () => this.schedulePump());
    this.executor = makeExecutor((id, status) => this.onResult(id, status));
  }

  get engine(): string {
    return this.executor.name;
  }

  start(): void {
    this.feeder.fill();
    this.pump();
  }

  /** Next open port, or null when the scan is over (finished or stopped). */
  next(): Promise<OpenPort | null> {
    const item = this.output.shift();
    if (item !== undefined) {
      if (this.output.length === OUTPUT_HIGH_WATER - 1) this.schedulePump();
      return Promise.resolve(item);
    }
    if (this.stopped || this.isFinished()) {
      this.reportFinalProgress();
      return this.finalResult();
    }
    return new Promise((resolve, reject) => {
      this.waiter = resolve;
      this.failWaiter = reject;
    });
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.pauseTimer !== undefined) clearTimeout(this.pauseTimer);
    this.executor.close();
    this.feeder.stop();
    this.output.clear();
    this.settle();
  }

  private finalResult(): Promise<OpenPort | null> {
    const failure = this.feeder.failure;
    if (failure === undefined) return Promise.resolve(null);
    return Promise.reject(failure instanceof Error ? failure : new Error('host source failed', { cause: failure }));
  }

  private isFinished(): boolean {
    return this.inFlight === 0 && this.active.length === 0 && this.feeder.exhausted;
  }

  private settle(): void {
    const resolve = this.waiter;
    const reject = this.failWaiter;
    if (resolve === undefined || reject === undefined) return;
    const item = this.output.shift();
    if (item !== undefined) {
      this.waiter = this.failWaiter = undefined;
      resolve(item);
    } else if (this.stopped || this.isFinished()) {
      this.waiter = this.failWaiter = undefined;
      this.reportFinalProgress();
      this.finalResult().then(resolve, reject);
    }
  }

  private schedulePump(): void {
    if (this.pumpQueued || this.stopped) return;
    this.pumpQueued = true;
    queueMicrotask(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  private admitHosts(): void {
    while (this.active.length < this.s.hostWindow) {
      if (this.freeSlots.length === 0 && this.slots.length >= MAX_HOST_SLOTS) return;
      const target = this.feeder.take();
      if (target === undefined) return;
      const slot = this.freeSlots.pop() ?? this.slots.length;
      const host = new ActiveHost(slot, target);
      this.slots[slot] = host;
      this.active.push(host);
      this.hostsSeen++;
    }
  }

  private nextPortOf(host: ActiveHost): number | undefined {
    if (host.inFlight >= this.s.perHostConcurrency) return undefined;
    const again = host.again.pop();
    if (again !== undefined) return again;
    if (host.nextPort < this.s.ports.length) return this.s.ports[host.nextPort++];
    return undefined;
  }

  private pump(): void {
    if (this.stopped) return;
    this.admitHosts();
    const now = performance.now();
    const pause = this.congestion.pauseMs(now);
    if (pause > 0) {
      this.pauseTimer ??= setTimeout(() => {
        this.pauseTimer = undefined;
        this.pump();
      }, pause);
    } else if (this.output.length < OUTPUT_HIGH_WATER) {
      this.issue(this.congestion.window - this.inFlight);
    }
    if (this.isFinished()) this.reportFinalProgress();
    else this.reportProgress(false);
    this.settle();
  }

  private issue(budget: number): void {
    let idle = 0;
    while (budget > 0 && this.active.length > 0 && idle < this.active.length) {
      if (this.cursor >= this.active.length) this.cursor = 0;
      const host = this.active[this.cursor++];
      if (host === undefined) break;
      const code = this.nextPortOf(host);
      if (code === undefined) {
        idle++;
        continue;
      }
      idle = 0;
      budget--;
      host.inFlight++;
      this.inFlight++;
      const port = code & 0xffff;
      const id = host.slot * 0x10000 + port;
      // a re-queued probe carries how often it was tried in the bits above the port
      if (code > 0xffff) this.tries.set(id, code >>> 16);
      this.executor.add(id, host, port);
    }
    this.executor.flush();
  }

  /** Earlier tries of re-queued probes in flight (only those: the common case costs nothing). */
  private readonly tries = new Map<number, number>();

  private onResult(id: number, status: ProbeStatus): void {
    if (this.stopped) return;
    const host = this.slots[Math.floor(id / 0x10000)];
    if (host === undefined) return;
    const port = id % 0x10000;
    host.inFlight--;
    this.inFlight--;
    let tries = 1;
    if (this.tries.size > 0) {
      const earlier = this.tries.get(id);
      if (earlier !== undefined) {
        tries += earlier;
        this.tries.delete(id);
      }
    }
    const now = performance.now();
    if (status === ProbeStatus.resource && tries < MAX_RESOURCE_TRIES) {
      this.congestion.resourceShortage(now);
      host.again.push(port + tries * 0x10000);
    } else {
      this.probed++;
      if (status === ProbeStatus.timeout) {
        this.congestion.timedOut(now, host.answered);
      } else {
        if (status === ProbeStatus.open || status === ProbeStatus.closed) host.answered = true;
        this.congestion.answered();
      }
      if (status === ProbeStatus.open) {
        this.open++;
        this.output.push({ host: host.target.address, port });
      } else if (status === ProbeStatus.closed && this.s.answered === true) {
        this.output.push({ host: host.target.address, port });
      }
    }
    if (host.inFlight === 0 && host.again.length === 0 && host.nextPort >= this.s.ports.length) this.retire(host);
    this.schedulePump();
  }

  private retire(host: ActiveHost): void {
    const i = this.active.indexOf(host);
    if (i >= 0) {
      this.active.splice(i, 1);
      if (this.cursor > i) this.cursor--;
    }
    this.slots[host.slot] = undefined;
    this.freeSlots.push(host.slot);
  }

  /** Once per finished scan, whoever notices the end first (pump or a reader), so the caller's last figure is the total. */
  private reportFinalProgress(): void {
    if (this.finalProgressSent || !this.isFinished()) return;
    this.finalProgressSent = true;
    this.reportProgress(true);
  }

  private reportProgress(final: boolean): void {
    const cb = this.s.onProgress;
    if (cb === undefined) return;
    const now = performance.now();
    if (!final && now - this.lastProgress < 100) return;
    this.lastProgress = now;
    cb({ probed: this.probed, total: this.hostsSeen * this.s.ports.length, open: this.open });
  }
}
