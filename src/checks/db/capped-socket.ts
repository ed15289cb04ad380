import net from 'node:net';

/**
 * A TCP socket for a database driver that destroys itself once the peer has sent more than
 * maxBytes: drivers buffer whole packets, so a hostile server announcing a huge result must not
 * get to fill our memory. The driver sees an ordinary connection error.
 */
export function cappedSocket(maxBytes: number, connect?: { host: string; port: number }): net.Socket {
  const socket = connect ? net.connect({ host: connect.host, port: connect.port }) : new net.Socket();
  let received = 0;
  socket.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > maxBytes) socket.destroy(new Error(`peer sent more than ${maxBytes} bytes`));
  });
  return socket;
}

/** The error text of a failed login, printable and short, for skipped-check reasons. */
export function reasonOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/[^\x20-\x7e]+/g, ' ').slice(0, 120);
}
