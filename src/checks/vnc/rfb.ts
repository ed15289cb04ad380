import net from 'node:net';

/**
 * The first two steps of the RFB (VNC) handshake, RFC 6143 §7.1: the server's version, then its
 * list of security types. Nothing is authenticated and no framebuffer is requested; the socket
 * closes as soon as the list is read. Every read is capped (a hostile server cannot make us
 * buffer more than MAX_BYTES) and the whole dialogue ends by the time limit.
 */
export const SECURITY_NONE = 1;
export const SECURITY_VNC_AUTH = 2;

export type RfbResult =
  | { ok: true; version: string; securityTypes: number[] }
  | { ok: false; version?: string; reason: string };

const MAX_BYTES = 1024;

export function rfbSecurityTypes(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<RfbResult> {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    let version: string | undefined;
    let rfb33 = false;
    let done = false;
    const socket = net.connect({ host, port });
    const finish = (result: RfbResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(result);
    };
    const fail = (reason: string): void => finish({ ok: false, ...(version ? { version } : {}), reason });
    const onAbort = (): void => fail('aborted');
    const timer = setTimeout(() => fail('timeout'), timeoutMs);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });

    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length > MAX_BYTES) return fail('reply too long');
      if (version === undefined) {
        if (buffer.length < 12) return;
        const m = /^RFB (\d{3})\.(\d{3})\n$/.exec(buffer.subarray(0, 12).toString('latin1'));
        if (!m) return fail('not RFB');
        version = `${Number(m[1])}.${Number(m[2])}`;
        buffer = buffer.subarray(12);
        // We answer with the highest version we speak that the server offers (3.3, 3.7 or 3.8).
        const minor = Number(m[1]) > 3 ? 8 : Math.min(Number(m[2]), 8);
        const ours = minor >= 8 ? '008' : minor >= 7 ? '007' : '003';
        socket.write(`RFB 003.${ours}\n`);
        version = `3.${Number(ours)}${Number(m[1]) > 3 || Number(m[2]) > 8 ? ` (server ${version})` : ''}`;
        rfb33 = ours === '003';
      }
      const list = readSecurityTypes(buffer, rfb33);
      if (list === null) return;
      if (typeof list === 'string') return fail(list);
      finish({ ok: true, version, securityTypes: list });
    });
    socket.on('error', (err: NodeJS.ErrnoException) => fail(err.code ?? err.message));
    socket.on('close', () => fail('closed'));
  });
}

/** RFB 3.3: the server picks one type (u32). 3.7+: a count (u8) and that many types; 0 = refusal with a reason. */
/** null: not all bytes are here yet; a string: the server refused. */
function readSecurityTypes(buffer: Buffer, rfb33: boolean): number[] | string | null {
  if (rfb33) {
    if (buffer.length < 4) return null;
    const type = buffer.readUInt32BE(0);
    return type === 0 ? 'server refused the connection' : [type];
  }
  if (buffer.length < 1) return null;
  const count = buffer[0] ?? 0;
  if (count === 0) return 'server refused the connection';
  if (buffer.length < 1 + count) return null;
  return [...buffer.subarray(1, 1 + count)];
}
