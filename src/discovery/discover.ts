// discover(): TCP connect discovery as specified in notes/interfaces.md. Picks the engine,
// validates options, and streams open ports from the scheduler to the caller.
import type { HostTarget, OpenPort } from '../core/types.js';
import { JsExecutor } from './js-executor.js';
import { loadNativeAddon } from './native-addon.js';
import { NativeExecutor } from './native-executor.js';
import { DiscoveryScheduler } from './scheduler.js';
import type { DiscoveryOptions, EngineName, ExecutorSettings, ProbeExecutor, ResultSink } from './types.js';

export const DISCOVERY_DEFAULTS = {
  concurrency: 2048,
  perHostConcurrency: 1024,
  timeoutMs: 1000,
  retries: 1,
  hostWindow: 256,
} as const;

/** The engine discover() will use for these options (env PRAXISWACHE_ENGINE=js|native). */
export function discoveryEngine(requested?: EngineName): EngineName {
  const wanted = requested ?? process.env.PRAXISWACHE_ENGINE;
  if (wanted === 'js') return 'js';
  return loadNativeAddon() !== null ? 'native' : 'js';
}

function positiveInt(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`discovery option ${name} must be an integer from 1 to ${max}, got ${value}`);
  }
  return value;
}

function checkedPorts(ports: readonly number[]): number[] {
  const unique = [...new Set(ports)];
  for (const p of unique) {
    if (!Number.isInteger(p) || p < 1 || p > 65535) throw new RangeError(`not a TCP port: ${p}`);
  }
  return unique;
}

export async function* discover(
  hosts: AsyncIterable<HostTarget> | Iterable<HostTarget>,
  opts: DiscoveryOptions,
): AsyncIterable<OpenPort> {
  const ports = checkedPorts(opts.ports);
  const concurrency = positiveInt('concurrency', opts.concurrency, DISCOVERY_DEFAULTS.concurrency, 60000);
  const settings: ExecutorSettings = {
    timeoutMs: positiveInt('timeoutMs', opts.timeoutMs, DISCOVERY_DEFAULTS.timeoutMs, 600_000),
    retries: opts.retries === undefined ? DISCOVERY_DEFAULTS.retries : Math.max(0, Math.min(10, Math.floor(opts.retries))),
    maxRate: opts.maxRate === undefined ? undefined : positiveInt('maxRate', opts.maxRate, 1, 10_000_000),
    maxInFlight: concurrency,
  };
  const signal = opts.signal;
  if (signal?.aborted === true || ports.length === 0) return;

  const engine = discoveryEngine(opts.engine);
  const makeExecutor = (sink: ResultSink): ProbeExecutor => {
    const addon = engine === 'native' ? loadNativeAddon() : null;
    return addon !== null ? new NativeExecutor(addon, settings, sink) : new JsExecutor(settings, sink);
  };
  const scheduler = new DiscoveryScheduler(
    hosts,
    {
      ports,
      concurrency,
      perHostConcurrency: Math.min(
        concurrency,
        positiveInt('perHostConcurrency', opts.perHostConcurrency, DISCOVERY_DEFAULTS.perHostConcurrency, 60000),
      ),
      hostWindow: DISCOVERY_DEFAULTS.hostWindow,
      timeoutMs: settings.timeoutMs,
      onProgress: opts.onProgress,
      answered: opts.answered === true,
    },
    makeExecutor,
  );
  const onAbort = (): void => scheduler.stop();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    scheduler.start();
    for (;;) {
      const open = await scheduler.next();
      if (open === null) return;
      yield open;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    scheduler.stop();
  }
}
