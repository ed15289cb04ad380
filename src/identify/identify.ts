import type { ServiceInfo } from '../core/types.js';
import { exchange, type ExchangeResult } from './exchange.js';
import { bannerOf, matchReply, type ServiceMatch } from './match.js';
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
interface Step {
  probe: Probe;
  transport: Transport;
}

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
export function planSteps(probes: readonly Probe[], port: number): Step[] {
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
 * Swept probes that talk to one port at once (besides the opening wave). Enough for every binary
 * probe in one round today; further probes queue behind them, each still with its own window.
 */
export const SWEEP_PARALLEL = 8;

/** How long a step ahead in the plan may still answer once a later step has decided. */
export const DECIDED_GRACE_MS = 300;

/** What a step started after the budget was spent or the caller aborted "returns". */
const NOT_STARTED: ExchangeResult = { reply: Buffer.alloc(0), end: 'aborted', connected: false, elapsedMs: 0 };

/**
 * What speaks on host:port, identified inside TLS when a handshake succeeds. Never throws for
 * network trouble: a dead, silent or hostile port comes back as name 'unknown'.
 *
 * Where the plan starts by listening (no port hint), the first questions do not wait for the
 * listening to end: after a short head start they go out on connections of their own, and the
 * replies are still judged in plan order. A silent port then costs about one time limit instead
 * of three; a service that greets late (up to the NULL probe's wait) is still read from its greeting.
 *
 * Many services (SMB, RDP, DICOM, MLLP, Redis, PostgreSQL, MongoDB…) say nothing, not even an
 * error, until they receive a complete frame of their own protocol. So once the port has shown
 * nothing decisive — the listening ended without a greeting and no TLS session came up, or a
 * question went unanswered — the remaining probes of that transport are swept: each on its own
 * connection, SWEEP_PARALLEL at a time, each with half the time limit (a service answers its own
 * frame at once). The first decisive reply in plan order wins, so ports only order the probes.
 * The price: a port that stays silent sees one connection per probe, all reset before we return;
 * a web or greeting service that answers the opening wave sees none of them.
 */
export async function identify(host: string, port: number, opts: IdentifyOptions): Promise<ServiceInfo> {
  return new Identification(host, port, opts).run();
}

/** One reply as the judge reads it: a service, a pointer to the TLS step, or nothing decisive. */
type Reading = ServiceMatch | 'tls-hint' | 'nothing';

class Identification {
  private readonly probes: readonly Probe[];
  private readonly steps: Step[];
  private readonly deadline: number;
  private readonly stopAll = new AbortController();
  private readonly signal: AbortSignal;
  private readonly started = new Map<number, Promise<ExchangeResult>>();
  private readonly settled = new Map<number, ExchangeResult>();
  /** The highest step whose reply decided, and who waits to hear of the next decision. */
  private decidedUpTo = -1;
  private firstDecisionAt = 0;
  private wakeJudge: (() => void) | undefined;
  private handshakeDone = false;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly opts: IdentifyOptions,
  ) {
    this.probes = opts.probes ?? PROBES;
    this.steps = planSteps(this.probes, port);
    this.deadline = Date.now() + (opts.budgetMs ?? 3 * opts.timeoutMs);
    this.signal = opts.signal ? AbortSignal.any([opts.signal, this.stopAll.signal]) : this.stopAll.signal;
  }

  async run(): Promise<ServiceInfo> {
    try {
      if (this.steps[0]?.probe.payload === null) await this.openingWave();
      return await this.judgeInOrder();
    } finally {
      // Nothing we started may outlive the answer: cancel what still runs (and what still
      // queues in a sweep) and wait for its sockets.
      this.stopAll.abort();
      await Promise.allSettled(this.started.values());
    }
  }

  /**
   * Starts the NULL probe; unless it has its answer within the head start, starts beside it the
   * first TLS handshake and the first question in clear: the steps a silent port would reach next
   * (a failed handshake skips the other TLS steps).
   */
  private async openingWave(): Promise<void> {
    const listening = this.start(0);
    let timer: NodeJS.Timeout | undefined;
    const headStartOver = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), NULL_HEAD_START_MS)));
    const overBeforeAnswer = await Promise.race([listening.then(() => false), headStartOver]);
    clearTimeout(timer);
    if (!overBeforeAnswer) return;
    const firstHandshake = this.steps.findIndex((s) => s.transport === 'tls');
    const firstQuestion = this.steps.findIndex((s) => s.transport === 'plain' && s.probe.payload !== null);
    for (const index of [firstHandshake, firstQuestion]) if (index > 0) void this.start(index);
  }

  /** The replies, one step at a time in plan order, whether they were started early or are started now. */
  private async judgeInOrder(): Promise<ServiceInfo> {
    let banner: string | undefined;
    let tlsSeen = false;
    let tlsFailed = false;
    const askedInVain = new Set<Transport>();
    for (const [index, step] of this.steps.entries()) {
      const { probe, transport } = step;
      if (transport === 'tls' && tlsFailed) continue;
      // Once the port speaks TLS, probes in clear would only cost time.
      if (transport === 'plain' && tlsSeen) break;
      if (askedInVain.has(transport)) this.sweep(index, transport);
      const result = await this.resultOf(index);
      if (result === 'overtaken') {
        tlsFailed ||= transport === 'tls' && !tlsSeen;
        continue;
      }
      if (result.end === 'refused' || result.end === 'aborted') break; // nothing listens, budget spent or aborted
      if (transport === 'tls' && !result.connected) {
        // The first handshake decides whether the port speaks TLS; a later one may just have been unlucky.
        tlsFailed ||= !tlsSeen;
        continue;
      }
      tlsSeen ||= transport === 'tls';
      const reading = this.read(step, result);
      if (typeof reading === 'object') return { ...reading, tls: transport === 'tls', ...withBanner(bannerOf(result.reply)) };
      // Nothing decisive, or "you spoke plain HTTP to an HTTPS port": a pointer to the TLS step, not the answer.
      banner ??= bannerOf(result.reply);
      if (probe.payload !== null) askedInVain.add(transport);
      else this.sweepUnlessDecided(index);
    }
    return unknown(tlsSeen, banner);
  }

  /**
   * After the listening ended without a decision: unless a TLS session came up or the opening
   * wave's question has already decided, the service waits for a frame of its own — ask the rest.
   */
  private sweepUnlessDecided(listening: number): void {
    if (this.handshakeDone) return;
    for (const [index, result] of this.settled) {
      const step = this.steps[index];
      if (step && result.connected && this.read(step, result) !== 'nothing') return;
    }
    this.sweep(listening + 1, 'plain');
  }

  /**
   * Starts every step of `transport` from `from` on that has not started yet, SWEEP_PARALLEL at a
   * time in plan order, each with a reply window of half the time limit.
   */
  private sweep(from: number, transport: Transport): void {
    const windowMs = Math.ceil(this.opts.timeoutMs / 2);
    const lanes: Promise<unknown>[] = [];
    let queued = 0;
    for (const [index, step] of this.steps.entries()) {
      if (index < from || step.transport !== transport || this.started.has(index)) continue;
      const lane = queued++ % SWEEP_PARALLEL;
      const turn = (lanes[lane] ?? Promise.resolve()).then(() => this.launch(step, windowMs));
      lanes[lane] = turn;
      void this.track(index, turn);
    }
  }

  /** Step `index`, started now with the full time limit unless it was started (or queued) before. */
  private start(index: number): Promise<ExchangeResult> {
    const known = this.started.get(index);
    if (known) return known;
    const step = this.steps[index];
    return this.track(index, step ? this.launch(step, Infinity) : Promise.resolve(NOT_STARTED));
  }

  private track(index: number, pending: Promise<ExchangeResult>): Promise<ExchangeResult> {
    this.started.set(index, pending);
    void pending.then((result) => {
      this.settled.set(index, result);
      const step = this.steps[index];
      if (step && (step.transport === 'plain' || result.connected) && typeof this.read(step, result) === 'object') {
        if (this.decidedUpTo < 0) this.firstDecisionAt = Date.now();
        this.decidedUpTo = Math.max(this.decidedUpTo, index);
        this.wakeJudge?.();
      }
    });
    return pending;
  }

  /**
   * The result of step `index` in plan order. Steps still silent when a later step has already
   * decided get DECIDED_GRACE_MS from that decision, not the rest of their time limit: a service
   * that answered one protocol's frame is that service, and replies arriving together still go by plan order.
   */
  private async resultOf(index: number): Promise<ExchangeResult | 'overtaken'> {
    if (!this.started.has(index) && this.decidedUpTo > index) return 'overtaken';
    const pending = this.start(index);
    const decidedLater = new Promise<void>((resolve) => {
      this.wakeJudge = () => this.decidedUpTo > index && resolve();
      this.wakeJudge();
    });
    const first = await Promise.race([pending, decidedLater]);
    this.wakeJudge = undefined;
    if (first) return first;
    let timer: NodeJS.Timeout | undefined;
    const graceLeftMs = this.firstDecisionAt + DECIDED_GRACE_MS - Date.now();
    const grace = new Promise<'overtaken'>((resolve) => (timer = setTimeout(() => resolve('overtaken'), Math.max(0, graceLeftMs))));
    return Promise.race([pending, grace]).finally(() => clearTimeout(timer));
  }

  private launch(step: Step, windowMs: number): Promise<ExchangeResult> {
    const remainingMs = this.deadline - Date.now();
    if (remainingMs < 50 || this.signal.aborted) return Promise.resolve(NOT_STARTED);
    const { probe, transport } = step;
    return exchange({
      host: this.host,
      port: this.port,
      tls: transport === 'tls',
      payload: probe.payload ? probe.payload({ host: this.host, port: this.port }) : null,
      timeoutMs: Math.min(this.opts.timeoutMs, probe.waitMs ?? Infinity, remainingMs, windowMs),
      maxBytes: this.opts.maxBytes,
      idleMs: 300,
      // Without a rule of its own, a probe has read enough once its reply matches.
      enough: probe.enough ?? ((reply) => matchReply(reply, probe, this.probes) !== null),
      signal: this.signal,
      ...(transport === 'tls' ? { onConnected: () => (this.handshakeDone = true) } : {}),
    });
  }

  private read(step: Step, result: ExchangeResult): Reading {
    const found = matchReply(result.reply, step.probe, this.probes);
    if (!found) return 'nothing';
    if (step.transport === 'plain' && step.probe.tlsRequired?.test(result.reply.toString('latin1'))) return 'tls-hint';
    return found;
  }
}

function withBanner(banner: string | undefined): { banner?: string } {
  return banner ? { banner } : {};
}

function unknown(tls: boolean, banner: string | undefined): ServiceInfo {
  return { name: 'unknown', tls, ...withBanner(banner) };
}
