import type { ServiceInfo } from '../core/types.js';
import { exchange, type ExchangeResult } from './exchange.js';
import { bannerOf, matchReply } from './match.js';
import type { Probe } from './probe-types.js';
import { LIKELY_TLS_PORTS, PROBES } from './probes/index.js';

export interface IdentifyOptions {
  /** Time limit of each single exchange (connect + send + reply). */
  timeoutMs: number;
  /** Byte limit of each reply. */
  maxBytes: number;
  signal?: AbortSignal;
  /** Probe set; defaults to PROBES. Tests and later issues pass their own. */
  probes?: readonly Probe[];
  /** Time limit of the whole identification (default 3 × timeoutMs): the probe list may grow, this does not. */
  budgetMs?: number;
}

type Transport = 'plain' | 'tls';

const MAX_SILENT_ASKS = 2;

/** Probes for a transport, the ones whose likely ports include this port first (stable otherwise). */
export function orderProbes(probes: readonly Probe[], port: number, transport: Transport): Probe[] {
  const usable = probes.filter((p) => p.transports.includes(transport));
  const hinted = usable.filter((p) => p.likelyPorts.includes(port));
  return [...hinted, ...usable.filter((p) => !hinted.includes(p))];
}

/**
 * The exchanges to try, in order. Listening comes before the TLS handshake (a greeting service
 * would be misread otherwise), and the handshake before anything we send in clear: an HTTPS
 * server may answer a plain GET with a plain "400". Where the port suggests TLS, the handshake
 * goes first; where it suggests a service we must ask (HTTP on 80), that question goes first,
 * because some plain servers wait silently on a ClientHello until our time limit. Everything
 * is tried whatever the port; the reply decides.
 */
export function planSteps(probes: readonly Probe[], port: number): { probe: Probe; transport: Transport }[] {
  const plain = orderProbes(probes, port, 'plain').map((probe) => ({ probe, transport: 'plain' as const }));
  const tls = orderProbes(probes, port, 'tls').map((probe) => ({ probe, transport: 'tls' as const }));
  if (LIKELY_TLS_PORTS.has(port)) return [...tls, ...plain];
  const first = plain[0];
  if (first && first.probe.payload !== null && first.probe.likelyPorts.includes(port)) return [first, ...tls, ...plain.slice(1)];
  const firstAsk = plain.findIndex((s) => s.probe.payload !== null);
  const at = firstAsk === -1 ? plain.length : firstAsk;
  return [...plain.slice(0, at), ...tls, ...plain.slice(at)];
}

/** How long the NULL probe listens alone; a service that greets within this time costs one connection. */
export const NULL_HEAD_START_MS = 250;

/**
 * What speaks on host:port, identified inside TLS when a handshake succeeds. Never throws for
 * network trouble: a dead, silent or hostile port comes back as name 'unknown'.
 *
 * Where the plan starts by listening (no port hint), the first questions do not wait for the
 * listening to end: after a short head start they go out on connections of their own, and the
 * replies are still judged in plan order. A silent port then costs about one time limit instead
 * of three; a service that greets late (up to the NULL probe's wait) is still read from its greeting.
 * The price: a service that is silent for the head start sees up to two extra connections (a
 * ClientHello, a GET), all reset before we return. Judging in order also means a web server on an
 * odd port still waits for the listening to end; only the silent case got cheaper.
 */
export async function identify(host: string, port: number, opts: IdentifyOptions): Promise<ServiceInfo> {
  const steps = planSteps(opts.probes ?? PROBES, port);
  const deadline = Date.now() + (opts.budgetMs ?? 3 * opts.timeoutMs);
  const stopAll = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stopAll.signal]) : stopAll.signal;
  const started = new Map<number, Promise<ExchangeResult>>();
  const start = (index: number): Promise<ExchangeResult> | undefined => {
    const remainingMs = deadline - Date.now();
    const step = steps[index];
    if (!started.has(index) && step && remainingMs >= 50 && !opts.signal?.aborted) {
      started.set(index, send(step.probe, host, port, step.transport, { ...opts, signal, timeoutMs: Math.min(opts.timeoutMs, remainingMs) }));
    }
    return started.get(index);
  };
  try {
    if (steps[0]?.probe.payload === null) await openingWave(steps, start);
    return await judgeInOrder(steps, start, opts.probes ?? PROBES);
  } finally {
    // Nothing we started may outlive the answer: cancel what still runs and wait for its sockets.
    stopAll.abort();
    await Promise.allSettled(started.values());
  }
}

/**
 * Starts the NULL probe; unless it has its answer within the head start, starts beside it the
 * first TLS handshake and the first question in clear: the steps a silent port would reach next
 * (a failed handshake skips the other TLS steps).
 */
async function openingWave(
  steps: readonly { probe: Probe; transport: Transport }[],
  start: (index: number) => Promise<ExchangeResult> | undefined,
): Promise<void> {
  const listening = start(0);
  if (!listening) return;
  let timer: NodeJS.Timeout | undefined;
  const headStartOver = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), NULL_HEAD_START_MS)));
  const overBeforeAnswer = await Promise.race([listening.then(() => false), headStartOver]);
  clearTimeout(timer);
  if (!overBeforeAnswer) return;
  const firstHandshake = steps.findIndex((s) => s.transport === 'tls');
  const firstQuestion = steps.findIndex((s) => s.transport === 'plain' && s.probe.payload !== null);
  for (const index of [firstHandshake, firstQuestion]) if (index > 0) void start(index);
}

/** The replies, one step at a time in plan order, whether they were started early or are started now. */
async function judgeInOrder(
  steps: readonly { probe: Probe; transport: Transport }[],
  start: (index: number) => Promise<ExchangeResult> | undefined,
  probes: readonly Probe[],
): Promise<ServiceInfo> {
  let banner: string | undefined;
  let tlsSeen = false;
  let tlsFailed = false;
  let silentAsks = 0;
  for (const [index, { probe, transport }] of steps.entries()) {
    if (transport === 'tls' && tlsFailed) continue;
    // Once the port speaks TLS, probes in clear would only cost time.
    if (transport === 'plain' && tlsSeen) break;
    const pending = start(index);
    if (!pending) break; // budget spent or aborted
    const result = await pending;
    if (result.end === 'refused' || result.end === 'aborted') break;
    // A port that let two questions time out without a byte will not answer a third: most
    // services answer even a wrong question with an error, so the remaining probes only cost time.
    const silent = probe.payload !== null && result.reply.length === 0 && result.end === 'timeout';
    if (transport === 'tls') {
      tlsSeen ||= result.connected;
      tlsFailed = !result.connected;
    }
    if (silent && ++silentAsks >= MAX_SILENT_ASKS) break;
    if (tlsFailed && transport === 'tls') continue;
    const found = matchReply(result.reply, probe, probes);
    // "You spoke plain HTTP to an HTTPS port": not the answer, a pointer to the TLS step.
    if (found && transport === 'plain' && probe.tlsRequired?.test(result.reply.toString('latin1'))) {
      banner ??= bannerOf(result.reply);
      continue;
    }
    if (found) return { ...found, tls: transport === 'tls', ...withBanner(bannerOf(result.reply)) };
    banner ??= bannerOf(result.reply);
  }
  return unknown(tlsSeen, banner);
}

function send(probe: Probe, host: string, port: number, transport: Transport, opts: IdentifyOptions): Promise<ExchangeResult> {
  const probes = opts.probes ?? PROBES;
  return exchange({
    host,
    port,
    tls: transport === 'tls',
    payload: probe.payload ? probe.payload({ host, port }) : null,
    timeoutMs: Math.min(opts.timeoutMs, probe.waitMs ?? opts.timeoutMs),
    maxBytes: opts.maxBytes,
    idleMs: 300,
    // Without a rule of its own, a probe has read enough once its reply matches.
    enough: probe.enough ?? ((reply) => matchReply(reply, probe, probes) !== null),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

function withBanner(banner: string | undefined): { banner?: string } {
  return banner ? { banner } : {};
}

function unknown(tls: boolean, banner: string | undefined): ServiceInfo {
  return { name: 'unknown', tls, ...withBanner(banner) };
}
