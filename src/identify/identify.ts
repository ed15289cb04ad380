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

/**
 * What speaks on host:port, identified inside TLS when a handshake succeeds. Never throws for
 * network trouble: a dead, silent or hostile port comes back as name 'unknown'.
 */
export async function identify(host: string, port: number, opts: IdentifyOptions): Promise<ServiceInfo> {
  const probes = opts.probes ?? PROBES;
  let banner: string | undefined;
  let tlsSeen = false;
  let tlsFailed = false;
  let silentAsks = 0;
  const deadline = Date.now() + (opts.budgetMs ?? 3 * opts.timeoutMs);

  for (const { probe, transport } of planSteps(probes, port)) {
    const remainingMs = deadline - Date.now();
    if (opts.signal?.aborted || remainingMs < 50) break;
    if (transport === 'tls' && tlsFailed) continue;
    // Once the port speaks TLS, probes in clear would only cost time.
    if (transport === 'plain' && tlsSeen) break;
    const result = await send(probe, host, port, transport, { ...opts, timeoutMs: Math.min(opts.timeoutMs, remainingMs) });
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
