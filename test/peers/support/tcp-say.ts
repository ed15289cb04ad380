import net from 'node:net';

/** Sends raw bytes to a peer and returns what it answered within `waitMs` (test seeding only). */
export function say(host: string, port: number, payload: string | Buffer, waitMs = 500): Promise<string> {
  return new Promise((resolve, reject) => {
    let reply = '';
    const socket = net.connect({ host, port }, () => socket.write(payload));
    socket.on('data', (d: Buffer) => (reply += d.toString('latin1')));
    socket.on('error', reject);
    setTimeout(() => {
      socket.destroy();
      resolve(reply);
    }, waitMs);
  });
}
