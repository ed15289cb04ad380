// Real TCP listeners for the discovery tests, on the tests' own loopback addresses.
import net from 'node:net';

export interface Listeners {
  host: string;
  open: number[];
  close(): Promise<void>;
}

export type ListenerKind = 'silent' | 'reset';

/** Opens `count` listeners on `host` at kernel-chosen free ports; odd ones hang up at once. */
export async function openListeners(host: string, count: number): Promise<Listeners> {
  const servers: net.Server[] = [];
  const held = new Set<net.Socket>();
  for (let i = 0; i < count; i++) {
    const kind: ListenerKind = i % 2 === 0 ? 'silent' : 'reset';
    const server = net.createServer((socket) => {
      socket.on('error', () => undefined);
      if (kind === 'reset') socket.resetAndDestroy();
      else {
        // accepts and never sends: still an open port
        held.add(socket);
        socket.on('close', () => held.delete(socket));
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port: 0 }, resolve);
    });
    servers.push(server);
  }
  const open = servers.map((s) => (s.address() as net.AddressInfo).port);
  return {
    host,
    open,
    async close() {
      for (const s of held) s.destroy();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
}

/** Ports that were free on `host` a moment ago (bound, then released): closed ports to probe. */
export async function closedPorts(host: string, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen({ host, port: 0 }, resolve));
    out.push((server.address() as net.AddressInfo).port);
    await new Promise((r) => server.close(r));
  }
  return out;
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export function keys(ports: { host: string; port: number }[]): string[] {
  return ports.map((p) => `${p.host}:${p.port}`).sort();
}
