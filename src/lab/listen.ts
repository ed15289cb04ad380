import type { AddressInfo, Server } from 'node:net';

/**
 * Binds a server to exactly one address (never a wildcard: a lab must not expose fake patient
 * data to the practice's LAN). Without the right to bind ports below 1024 (a normal user on
 * Debian), the lab moves such a port up by 8000 (443 → 8443, 22 → 8022) and says so.
 */
export async function listenOn(server: Server, host: string, port: number): Promise<number> {
  try {
    return await listenExactly(server, host, port);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' && port < 1024) return listenExactly(server, host, port + 8000);
    if (code === 'EADDRINUSE') throw new Error(`${host}:${port} is already in use (is another "praxiswache lab up" or demo running?)`);
    throw err;
  }
}

function listenExactly(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Closes a server and every connection still open on it. */
export function closeServer(server: Server & { closeAllConnections?: () => void }): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}
