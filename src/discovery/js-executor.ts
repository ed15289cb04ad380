// Pure-JS engine: one net.Socket per attempt. Used when the native addon is not built, on
// non-Linux systems, or on request (PRAXISWACHE_ENGINE=js). Slower, same semantics.
import net from 'node:net';
import { Fifo } from './fifo.js';
import { isSelfConnect } from './self-connect.js';
import { TokenBucket } from './token-bucket.js';
import { ProbeStatus, type ExecutorSettings, type ProbeExecutor, type ProbeHost, type ResultSink } from './types.js';

interface Attempt {
  id: number;
  host: ProbeHost;
  port: number;
  tries: number;
  deadline: number;
  socket?: net.Socket;
}

const RESOURCE_CODES = new Set(['EMFILE', 'ENFILE', 'EADDRNOTAVAIL', 'ENOBUFS', 'ENOMEM', 'EAGAIN']);

export function statusOfError(code: string | undefined): ProbeStatus {
  if (code === 'ECONNREFUSED') return ProbeStatus.closed;
  // a reset can only follow a completed handshake: a listener that accepted and hung up at once
  if (code === 'ECONNRESET' || code === 'EPIPE') return ProbeStatus.open;
  if (code === 'ETIMEDOUT') return ProbeStatus.timeout;
  if (code !== undefined && RESOURCE_CODES.has(code)) return ProbeStatus.resource;
  return ProbeStatus.unreachable;
}

export class JsExecutor implements ProbeExecutor {
  readonly name = 'js';
  private readonly waiting = new Fifo<Attempt>();
  /** Insertion order = start order = deadline order, since every attempt has the same timeout. */
  private readonly running = new Set<Attempt>();
  private readonly bucket: TokenBucket | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private tokenTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly s: ExecutorSettings,
    private readonly sink: ResultSink,
  ) {
    this.bucket = s.maxRate !== undefined ? new TokenBucket(s.maxRate, performance.now()) : undefined;
  }

  add(id: number, host: ProbeHost, port: number): void {
    this.waiting.push({ id, host, port, tries: 0, deadline: 0 });
  }

  flush(): void {
    this.startWaiting();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.sweepTimer);
    clearTimeout(this.tokenTimer);
    for (const a of this.running) a.socket?.destroy();
    this.running.clear();
    this.waiting.clear();
  }

  private startWaiting(): void {
    while (!this.closed && this.waiting.length > 0) {
      const now = performance.now();
      if (this.bucket !== undefined && !this.bucket.tryTake(now)) {
        this.tokenTimer ??= setTimeout(() => {
          this.tokenTimer = undefined;
          this.startWaiting();
        }, this.bucket.waitMs(now));
        return;
      }
      const attempt = this.waiting.shift();
      if (attempt !== undefined) this.connect(attempt, now);
    }
  }

  private connect(a: Attempt, now: number): void {
    a.tries++;
    a.deadline = now + this.s.timeoutMs;
    const { address, family } = a.host.target;
    const socket = new net.Socket();
    a.socket = socket;
    this.running.add(a);
    this.sweepTimer ??= setInterval(() => this.sweep(), Math.max(5, Math.min(50, this.s.timeoutMs / 4)));
    socket.once('connect', () => {
      const self = isSelfConnect(
        { address: socket.localAddress, port: socket.localPort },
        { address: socket.remoteAddress, port: socket.remotePort },
      );
      // RST instead of FIN: no TIME_WAIT left behind, and the service sees no half-open session
      socket.resetAndDestroy();
      this.finish(a, self ? ProbeStatus.selfConnect : ProbeStatus.open);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      socket.destroy();
      this.finish(a, statusOfError(err.code));
    });
    socket.connect({ host: address, port: a.port, family });
  }

  private finish(a: Attempt, status: ProbeStatus): void {
    if (this.closed || !this.running.delete(a)) return;
    a.socket = undefined;
    this.sink(a.id, status);
  }

  private sweep(): void {
    const now = performance.now();
    for (const a of this.running) {
      if (a.deadline > now) break;
      this.running.delete(a);
      a.socket?.destroy();
      a.socket = undefined;
      if (a.tries <= this.s.retries) this.waiting.push(a);
      else this.sink(a.id, ProbeStatus.timeout);
    }
    if (this.running.size === 0) {
      clearInterval(this.sweepTimer);
      this.sweepTimer = undefined;
    }
    this.startWaiting();
  }
}
