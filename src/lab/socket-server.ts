import net from 'node:net';
import type { RunningServer } from './document-server.js';
import { closeServer, listenOn } from './listen.js';

/**
 * A raw TCP lab server bound to exactly one address: every accepted socket goes to `onSocket`,
 * stray errors never crash the lab, and close() also ends connections still open.
 */
export async function startSocketServer(host: string, port: number, onSocket: (socket: net.Socket) => void): Promise<RunningServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    onSocket(socket);
  });
  const bound = await listenOn(server, host, port);
  return {
    host,
    port: bound,
    close: () => {
      for (const s of sockets) s.destroy();
      return closeServer(server);
    },
  };
}
