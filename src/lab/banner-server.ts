import net from 'node:net';
import type { RunningServer } from './document-server.js';
import { listenOn } from './listen.js';

/**
 * A service that greets and then hangs up on anything it does not understand, like an SSH
 * daemon answering a stranger: enough for identification, no shell behind it.
 */
export async function startBannerServer(host: string, port: number, banner: string | Buffer, reply: string | Buffer = 'Protocol mismatch.\r\n'): Promise<RunningServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(10_000, () => socket.destroy());
    socket.write(banner);
    socket.once('data', () => socket.end(reply));
  });
  const bound = await listenOn(server, host, port);
  return {
    host,
    port: bound,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
