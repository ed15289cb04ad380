import type { RunningDaemon } from '../../test/peers/support/daemon.js';
import { aliasPort } from './port-alias.js';
import type { StartedPeer } from './peer-types.js';

/** A daemon that already listens on the port the scanners are told about. */
export function daemonPeer(daemon: RunningDaemon): StartedPeer {
  return { ports: [daemon.port], stop: () => daemon.stop() };
}

/**
 * A peer whose helper picked random ports: each `usual port → real port` pair gets a relay on
 * the same address, and only the usual ports are handed to the scanners.
 */
export async function aliasedPeer(host: string, routes: readonly [usual: number, real: { host: string; port: number }][], stop: () => Promise<void>): Promise<StartedPeer> {
  const relays: { close(): Promise<void> }[] = [];
  try {
    for (const [usual, real] of routes) relays.push(await aliasPort(host, usual, real));
  } catch (err) {
    await Promise.all(relays.map((r) => r.close()));
    await stop();
    throw err;
  }
  return {
    ports: routes.map(([usual]) => usual),
    stop: async () => {
      await Promise.all(relays.map((r) => r.close()));
      await stop();
    },
  };
}
