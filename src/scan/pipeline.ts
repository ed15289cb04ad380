// The scan as one flow (DESIGN.md §3): targets → discovery → identification → checks → report.
// Stages are passed in, so tests can drive the flow with their own; src/scan/index.ts wires the
// real ones. Ports stream through: each open port is identified and checked as soon as discovery
// reports it, while discovery goes on.

import type { Finding, HostTarget, Lang, OpenPort, PortResult, ScanReport, ServiceInfo } from '../core/types.js';
import { UsageError } from '../core/types.js';
import { VERSION } from '../core/version.js';
import type { CheckContext, CheckTarget } from '../checks/types.js';
import type { RunChecksResult } from '../checks/runner.js';
import { asTargets, findLiveHosts, HOST_DISCOVERY_PORTS, wantsHostDiscovery, type HostDiscoveryMode } from '../discovery/live-hosts.js';
import type { DiscoveryOptions } from '../discovery/types.js';
import { countTargets, defaultPortList, expandTargets, parsePorts, parseTargets, resolveNames } from '../targets/index.js';
import { graceAfterAbort, Limiter } from './limiter.js';
import { ReportBuilder } from './report-builder.js';

export interface ScanOptions {
  /** Raw target tokens (CLI args). */
  targets: string[];
  /** nmap syntax; default: the curated default set. */
  ports?: string;
  /** Discovery only: no identification, no checks (service recorded as 'unknown'). */
  portsOnly?: boolean;
  /** Skip intrusive checks. */
  safe?: boolean;
  /** Language of finding titles (default 'en'). */
  lang?: Lang;
  maxRate?: number;
  concurrency?: number;
  /** Connect timeout of discovery and per-exchange limit of identification and checks. */
  timeoutMs?: number;
  retries?: number;
  /** Ports where HTTPS is expected; default [443, 8443]. */
  expectedHttpsPorts?: number[];
  /** Leave out addresses that answer on none of a few common ports: auto = only for ranges over 256 addresses. */
  hostDiscovery?: HostDiscoveryMode;
  signal?: AbortSignal;
}

export interface ScanEvents {
  onOpenPort?(p: OpenPort): void;
  onService?(host: string, port: PortResult): void;
  onFinding?(f: Finding): void;
  onProgress?(p: { phase: 'hosts' | 'discovery' | 'identify' | 'checks'; done: number; total: number }): void;
}

export interface ScanStages {
  discover(hosts: AsyncIterable<HostTarget> | Iterable<HostTarget>, opts: DiscoveryOptions): AsyncIterable<OpenPort>;
  identify(host: string, port: number, opts: { timeoutMs: number; maxBytes: number; signal?: AbortSignal }): Promise<ServiceInfo>;
  runChecks(target: CheckTarget, ctx: CheckContext, opts: { safe: boolean; lang: Lang }): Promise<RunChecksResult>;
  /** Host name resolver; default dns.lookup (all addresses). */
  resolve?: (name: string) => Promise<string[]>;
}

/** Thrown when a stage fails for reasons other than the user's input; carries what was found. */
export class ScanFailedError extends Error {
  override name = 'ScanFailedError';
  constructor(
    message: string,
    readonly partial: ScanReport,
  ) {
    super(message);
  }
}

export const SCAN_DEFAULTS = {
  /** Ports identified and checked at the same time. */
  serviceConcurrency: 32,
  serviceTimeoutMs: 5000,
  identifyMaxBytes: 16 * 1024,
  checkMaxBytes: 1024 * 1024,
  expectedHttpsPorts: [443, 8443],
  /** After an abort, how long finished-soon work may still land in the report. */
  abortGraceMs: 1500,
} as const;

const UNIDENTIFIED: ServiceInfo = { name: 'unknown', tls: false };

export async function runPipeline(opts: ScanOptions, events: ScanEvents, stages: ScanStages): Promise<ScanReport> {
  // Everything the user typed is checked before the first packet.
  const specs = parseTargets(opts.targets);
  const ports = opts.ports === undefined ? defaultPortList() : parsePorts(opts.ports);
  validateNumbers(opts);
  const resolved = await resolveNames(specs, stages.resolve ? { resolve: stages.resolve } : {});

  const builder = new ReportBuilder({ name: 'praxiswache', version: VERSION }, opts.targets);
  const stop = new AbortController();
  const onUserAbort = (): void => stop.abort();
  if (opts.signal?.aborted) stop.abort();
  opts.signal?.addEventListener('abort', onUserAbort, { once: true });

  const serviceTimeoutMs = opts.timeoutMs ?? SCAN_DEFAULTS.serviceTimeoutMs;
  const ctx: CheckContext = {
    timeoutMs: serviceTimeoutMs,
    maxBytes: SCAN_DEFAULTS.checkMaxBytes,
    expectedHttpsPorts: new Set(opts.expectedHttpsPorts ?? SCAN_DEFAULTS.expectedHttpsPorts),
    signal: stop.signal,
  };
  const limiter = new Limiter(SCAN_DEFAULTS.serviceConcurrency);
  // After an abort, ports still waiting for identification are not started.
  stop.signal.addEventListener('abort', () => limiter.dropWaiting(), { once: true });
  const counts = { open: 0, identified: 0, checked: 0 };

  const examine = async (open: OpenPort): Promise<void> => {
    if (stop.signal.aborted) return; // already in the report as found open, unidentified
    const service = await stages
      .identify(open.host, open.port, { timeoutMs: serviceTimeoutMs, maxBytes: SCAN_DEFAULTS.identifyMaxBytes, signal: stop.signal })
      .catch((): ServiceInfo => UNIDENTIFIED);
    if (builder.closed) return;
    const portResult = builder.addPort(open.host, open.port, service);
    counts.identified++;
    events.onService?.(open.host, portResult);
    events.onProgress?.({ phase: 'identify', done: counts.identified, total: counts.open });
    if (stop.signal.aborted) return;
    const result = await stages
      .runChecks({ host: open.host, port: open.port, service }, ctx, { safe: opts.safe ?? false, lang: opts.lang ?? 'en' })
      .catch((err: unknown): RunChecksResult => ({ findings: [], skipped: [{ checkId: '*', reason: `checks failed: ${describeError(err)}` }] }));
    if (builder.closed) return;
    for (const f of result.findings) {
      builder.addFinding(f);
      events.onFinding?.(f);
    }
    builder.addSkipped(result.skipped);
    counts.checked++;
    events.onProgress?.({ phase: 'checks', done: counts.checked, total: counts.open });
  };

  const hostnames = new Map<string, string>();
  const hosts = rememberHostnames(expandTargets(resolved), hostnames);
  const discoveryOptions: DiscoveryOptions = {
    ports,
    signal: stop.signal,
    onProgress: (p) => events.onProgress?.({ phase: 'discovery', done: p.probed, total: p.total }),
    ...definedOnly({ concurrency: opts.concurrency, maxRate: opts.maxRate, timeoutMs: opts.timeoutMs, retries: opts.retries }),
  };

  let failure: unknown;
  try {
    let scanned: AsyncIterable<HostTarget> | Iterable<HostTarget> = hosts;
    const addresses = countTargets(resolved);
    if (wantsHostDiscovery(opts.hostDiscovery ?? 'auto', addresses)) {
      const live = await findLiveHosts((h, o) => stages.discover(h, o), hosts, {
        ...discoveryOptions,
        ports: HOST_DISCOVERY_PORTS,
        // five ports are their own retries: a lost SYN to one of them is made up by the others
        retries: opts.retries ?? 0,
        onProgress: (p) => events.onProgress?.({ phase: 'hosts', done: p.probed, total: p.total }),
      });
      builder.noteHostDiscovery({ ports: [...HOST_DISCOVERY_PORTS], addresses: Number(addresses), live: live.size });
      scanned = asTargets(live, hostnames);
    }
    for await (const open of stages.discover(scanned, discoveryOptions)) {
      counts.open++;
      builder.noteHost(open.host, hostnames.get(open.host));
      events.onOpenPort?.(open);
      // Recorded at once, so a port found open is in the report even if an abort comes before
      // it is identified; identification replaces the entry. Not inside the optional call
      // below: its arguments are skipped when no one listens.
      const portResult = builder.addPort(open.host, open.port, UNIDENTIFIED);
      if (opts.portsOnly) events.onService?.(open.host, portResult);
      else limiter.run(() => examine(open));
    }
  } catch (err) {
    failure = err;
    stop.abort();
  }
  // Work still running gets a short grace after an abort; what lands later is not reported.
  const grace = graceAfterAbort(stop.signal, SCAN_DEFAULTS.abortGraceMs);
  await Promise.race([limiter.idle(), grace.done]);
  grace.cancel();
  opts.signal?.removeEventListener('abort', onUserAbort);
  const report = builder.finish(stop.signal.aborted);
  if (failure !== undefined) {
    throw new ScanFailedError(describeError(failure), report);
  }
  return report;
}

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : typeof err === 'string' ? err : 'unknown error';
}

async function* rememberHostnames(hosts: AsyncIterable<HostTarget>, names: Map<string, string>): AsyncIterable<HostTarget> {
  for await (const h of hosts) {
    if (h.hostname !== undefined) names.set(h.address, h.hostname);
    yield h;
  }
}

function definedOnly<T extends Record<string, number | undefined>>(values: T): Partial<Record<keyof T, number>> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<Record<keyof T, number>>;
}

function validateNumbers(opts: ScanOptions): void {
  const rules: [string, number | undefined, number][] = [
    ['--max-rate', opts.maxRate, 1],
    ['--concurrency', opts.concurrency, 1],
    ['--timeout', opts.timeoutMs, 1],
    ['--retries', opts.retries, 0],
  ];
  for (const [flag, value, min] of rules) {
    if (value !== undefined && (!Number.isInteger(value) || value < min)) {
      throw new UsageError(`${flag} must be a whole number ≥ ${min}, got ${value}`);
    }
  }
}
