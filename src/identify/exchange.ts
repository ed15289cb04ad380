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

    const socket: net.Socket = opts.tls
      ? tls.connect({
          host: opts.host,
          port: opts.port,
          // Practices run self-signed certificates; identification must see them, not reject them.
          rejectUnauthorized: false,
          ...(net.isIP(opts.host) ? {} : { servername: opts.host }),
        })
      : net.connect({ host: opts.host, port: opts.port });

    const finish = (end: ExchangeEnd, errorCode?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      clearTimeout(idleTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('data');
      socket.on('error', () => undefined); // late errors after destroy must not crash us
      socket.destroy();
      const reply = Buffer.from(buffer.subarray(0, size));
      resolve({
        reply,
        end,
        connected,
        elapsedMs: Date.now() - started,
        ...(errorCode ? { errorCode } : {}),
        ...(peerCertificate ? { peerCertificate } : {}),
      });
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
    socket.on('end', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') return finish('refused', err.code);
      // A peer that replied and then reset still gave us its reply.
      finish(size > 0 && connected ? 'closed' : 'error', err.code ?? err.message);
    });
  });
}
