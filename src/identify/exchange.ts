import net from 'node:net';
import tls from 'node:tls';

/**
 * One request/reply exchange over a fresh TCP (optionally TLS) connection, with hard limits:
 * the reply never grows past `maxBytes`, and the whole exchange (connect, handshake, reply)
 * ends by `timeoutMs`. Hostile peers (endless banners, silence, garbage, half replies) end
 * as a result value, never as an exception or a hang.
 */
export interface ExchangeOptions {
  host: string;
  port: number;
  tls: boolean;
  /** Bytes sent right after connecting (or after the TLS handshake); null = just listen. */
  payload: Buffer | null;
  timeoutMs: number;
  maxBytes: number;
  /** Stop this long after the last received byte: talkative services keep connections open. */
  idleMs?: number;
  /** Stop as soon as the reply so far is enough (e.g. the end of HTTP headers). */
  enough?: (reply: Buffer) => boolean;
  /** Called once the connection (and, for TLS, the handshake) is up, while the exchange goes on. */
  onConnected?: () => void;
  signal?: AbortSignal;
}

export type ExchangeEnd =
  | 'closed' // peer closed after (or without) replying
  | 'limit' // maxBytes reached
  | 'idle' // peer went quiet after sending something
  | 'enough' // the caller's enough() said so
  | 'timeout' // overall deadline
  | 'refused' // nothing listens
  | 'error' // reset, TLS failure, unreachable…
  | 'aborted';

export interface ExchangeResult {
  reply: Buffer;
  end: ExchangeEnd;
  /** True once the TCP connection (and, for TLS, the handshake) succeeded. */
  connected: boolean;
  errorCode?: string;
  /** Peer certificate of a TLS exchange (DER), for later TLS checks. */
  peerCertificate?: Buffer;
  elapsedMs: number;
}

export function exchange(opts: ExchangeOptions): Promise<ExchangeResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    // One buffer grown by doubling: no per-chunk copies of everything received so far.
    let buffer = Buffer.alloc(Math.min(opts.maxBytes, 4096));
    let size = 0;
    let checkedAt = 0;
    let connected = false;
    let done = false;
    let idleTimer: NodeJS.Timeout | undefined;
    let peerCertificate: Buffer | undefined;

    const { raw, socket } = openConnection(opts);

    const finish = (end: ExchangeEnd, errorCode?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      clearTimeout(idleTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('data');
      const reply = Buffer.from(buffer.subarray(0, size));
      const result: ExchangeResult = {
        reply,
        end,
        connected,
        elapsedMs: Date.now() - started,
        ...(errorCode ? { errorCode } : {}),
        ...(peerCertificate ? { peerCertificate } : {}),
      };
      // Resolve only once the connection is gone, so that a caller's "done" means "nothing left open".
      void closeConnection(raw, socket, end !== 'closed').then(() => resolve(result));
    };

    const onAbort = (): void => finish('aborted');
    const deadline = setTimeout(() => finish('timeout'), opts.timeoutMs);
    if (opts.signal?.aborted) {
      finish('aborted');
      return;
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const onReady = (): void => {
      connected = true;
      if (socket instanceof tls.TLSSocket) {
        const cert = socket.getPeerCertificate();
        if (cert && Buffer.isBuffer(cert.raw)) peerCertificate = cert.raw;
      }
      if (opts.payload && opts.payload.length > 0) socket.write(opts.payload);
      opts.onConnected?.();
    };
    socket.once(opts.tls ? 'secureConnect' : 'connect', onReady);

    socket.on('data', (chunk: Buffer) => {
      const kept = chunk.subarray(0, opts.maxBytes - size);
      if (size + kept.length > buffer.length) {
        const grown = Buffer.alloc(Math.min(opts.maxBytes, Math.max(buffer.length * 2, size + kept.length)));
        buffer.copy(grown, 0, 0, size);
        buffer = grown;
      }
      kept.copy(buffer, size);
      size += kept.length;
      if (size >= opts.maxBytes) return finish('limit');
      // A peer trickling single bytes must not make us re-examine the whole reply per byte.
      if (opts.enough && (size - checkedAt >= 64 || kept.includes(0x0a))) {
        checkedAt = size;
        if (opts.enough(buffer.subarray(0, size))) return finish('enough');
      }
      if (opts.idleMs !== undefined) {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => finish('idle'), opts.idleMs);
      }
    });
    const onError = (err: NodeJS.ErrnoException): void => {
      if (err.code === 'ECONNREFUSED') return finish('refused', err.code);
      // A peer that replied and then reset still gave us its reply.
      finish(size > 0 && connected ? 'closed' : 'error', err.code ?? err.message);
    };
    for (const s of new Set([raw, socket])) {
      s.on('end', () => finish('closed'));
      s.on('close', () => finish('closed'));
      s.on('error', onError);
    }
  });
}

/**
 * The TCP socket and the stream we talk over: the same socket in clear; for TLS, a TLS socket
 * wrapping a TCP socket we created ourselves, so that we can reset the TCP connection underneath.
 */
function openConnection(opts: ExchangeOptions): { raw: net.Socket; socket: net.Socket } {
  const raw = net.connect({ host: opts.host, port: opts.port });
  if (!opts.tls) return { raw, socket: raw };
  const socket = tls.connect({
    socket: raw,
    // Practices run self-signed certificates; identification must see them, not reject them.
    rejectUnauthorized: false,
    ...(net.isIP(opts.host) ? {} : { servername: opts.host }),
  });
  return { raw, socket };
}

/** Longest wait for the 'close' events after destroy; they normally come within one loop turn. */
const CLOSE_WAIT_MS = 1000;

/**
 * Ends the connection and waits until both sockets report 'close'. When we end the conversation
 * (timeout, abort, enough read), the TCP connection is reset rather than closed with a FIN: a
 * silent or non-reading peer would otherwise hold its end open (CLOSE-WAIT) and ours would linger
 * in FIN-WAIT-2 for a minute, thousands of times over in a scan. A connection still being set up
 * is simply destroyed (resetting it would wait for a connect that may never come).
 */
function closeConnection(raw: net.Socket, socket: net.Socket, reset: boolean): Promise<void> {
  const sockets = [...new Set([raw, socket])];
  const closed = sockets.map((s) => (s.closed ? Promise.resolve() : new Promise<void>((r) => s.once('close', () => r()))));
  for (const s of sockets) s.on('error', () => undefined); // late errors after destroy must not crash us
  if (reset && !raw.destroyed && !raw.connecting) raw.resetAndDestroy();
  for (const s of sockets) s.destroy();
  let timer: NodeJS.Timeout | undefined;
  const capped = new Promise<void>((r) => {
    timer = setTimeout(r, CLOSE_WAIT_MS);
    timer.unref();
  });
  return Promise.race([Promise.all(closed).then(() => undefined), capped]).finally(() => clearTimeout(timer));
}
