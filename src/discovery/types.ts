// Shared shapes of the discovery stage: the public options, the probe outcome codes that both
// engines (native addon and pure JS) report, and the small executor contract the scheduler drives.
import type { HostTarget } from '../core/types.js';

export type EngineName = 'js' | 'native';

export interface DiscoveryOptions {
  ports: readonly number[];
  /** Upper bound of simultaneous connects; the adaptive window stays below it. */
  concurrency?: number;
  /** Global connects per second (--max-rate). */
  maxRate?: number;
  /** Connect timeout per attempt. */
  timeoutMs?: number;
  /** Re-tries for silent (timed out) ports; default 1. */
  retries?: number;
  /** Abort = stop quickly; the iterator then ends. */
  signal?: AbortSignal;
  onProgress?: (p: { probed: number; total: number; open: number }) => void;
  /** Cap of simultaneous probes against one host (fairness). */
  perHostConcurrency?: number;
  /** Which engine runs the connects; default: env PRAXISWACHE_ENGINE, else native when built. */
  engine?: EngineName;
  /**
   * Also yield ports that answered with a refusal (RST): for host discovery, where any answer
   * means the host is up. The items are then answered ports, not open ports.
   */
  answered?: boolean;
}

/** Outcome of one probe after its retries; the numbers are shared with native/engine.h. */
export const ProbeStatus = {
  closed: 0,
  open: 1,
  timeout: 2,
  selfConnect: 3,
  /** Local resource shortage (EMFILE, EADDRNOTAVAIL, ENOBUFS): says nothing about the port. */
  resource: 4,
  unreachable: 5,
} as const;
export type ProbeStatus = (typeof ProbeStatus)[keyof typeof ProbeStatus];

/** One host as the executors see it; `native` caches the addon's packed address. */
export interface ProbeHost {
  readonly target: HostTarget;
  native?: Buffer | null;
}

export type ResultSink = (id: number, status: ProbeStatus) => void;

/** Runs connects; the scheduler decides what and how many, the executor how. */
export interface ProbeExecutor {
  readonly name: EngineName;
  /** Queue one probe; `id` comes back through the sink exactly once. */
  add(id: number, host: ProbeHost, port: number): void;
  /** Hand queued probes over (the native engine batches them). */
  flush(): void;
  /** Stop everything now; no results are delivered afterwards. */
  close(): void;
}

export interface ExecutorSettings {
  timeoutMs: number;
  retries: number;
  maxRate: number | undefined;
  /** Hard ceiling of probes outstanding at once. */
  maxInFlight: number;
}
