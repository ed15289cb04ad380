import net from 'node:net';

/**
 * A bounded line-protocol conversation (SMTP, IMAP, POP3): wait for a complete reply, send a
 * command, wait again. Every wait has the session's time budget and the reply buffer a byte cap;
 * a peer that stalls, floods or hangs up ends the session with a null reply, never a throw.
 */
export interface LineSession {
  /** Waits until `complete(text)` says the reply so far is whole; null on limit, stall or close. */
  reply(complete: (text: string) => boolean): Promise<string | null>;
  send(line: string): void;
  close(): void;
}

export function openLineSession(host: string, port: number, opts: { timeoutMs: number; maxBytes: number; signal: AbortSignal }): LineSession {
  const socket = net.connect({ host, port });
  let buffer = '';
  let received = 0;
  let ended = false;
  let waiter: (() => void) | undefined;
  const wake = (): void => waiter?.();
  const close = (): void => {
    ended = true;
    socket.destroy();
    wake();
  };
  socket.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > opts.maxBytes) return close();
    buffer += chunk.toString('latin1');
    wake();
  });
  socket.on('error', close);
  socket.on('close', close);
  opts.signal.addEventListener('abort', close, { once: true });

  return {
    reply(complete) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => finish(null), opts.timeoutMs);
        const finish = (text: string | null): void => {
          clearTimeout(timer);
          waiter = undefined;
          resolve(text);
        };
        waiter = () => {
          if (complete(buffer)) {
            const text = buffer;
            buffer = '';
            finish(text);
          } else if (ended) finish(null);
        };
        waiter();
      });
    },
    send(line) {
      if (!ended) socket.write(`${line}\r\n`, 'latin1');
    },
    close() {
      opts.signal.removeEventListener('abort', close);
      close();
    },
  };
}
