import type { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';

/**
 * One TLS handshake with a pinned protocol range, nothing sent after it. OpenSSL 3 refuses
 * TLS 1.0/1.1 at its default security level even when both sides could speak it (legacy SHA-1
 * signatures), so the probe lowers the level to 0: we want to learn what the SERVER accepts,
 * not what our own library would allow.
 */
export interface HandshakeResult {
  ok: boolean;
  protocol?: string;
  certificate?: X509Certificate;
  error?: string;
}

export interface HandshakeOptions {
  host: string;
  port: number;
  minVersion?: tls.SecureVersion;
  maxVersion?: tls.SecureVersion;
  timeoutMs: number;
  signal?: AbortSignal;
}

export function tlsHandshake(opts: HandshakeOptions): Promise<HandshakeResult> {
  return new Promise((resolve) => {
    let done = false;
    const socket = tls.connect({
      host: opts.host,
      port: opts.port,
      rejectUnauthorized: false,
      minVersion: opts.minVersion ?? 'TLSv1',
      maxVersion: opts.maxVersion ?? 'TLSv1.3',
      ciphers: 'ALL:@SECLEVEL=0',
      ...(net.isIP(opts.host) ? {} : { servername: opts.host }),
    });
    const finish = (result: HandshakeResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(result);
    };
    const onAbort = (): void => finish({ ok: false, error: 'aborted' });
    const timer = setTimeout(() => finish({ ok: false, error: 'timeout' }), opts.timeoutMs);
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerX509Certificate();
      finish({ ok: true, protocol: socket.getProtocol() ?? 'unknown', ...(certificate ? { certificate } : {}) });
    });
    socket.once('error', (err: NodeJS.ErrnoException) => finish({ ok: false, error: err.code ?? err.message }));
    socket.once('close', () => finish({ ok: false, error: 'closed' }));
  });
}
