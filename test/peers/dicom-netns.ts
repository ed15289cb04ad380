/**
 * Peers that cannot bind one address (Debian's Orthanc 1.10 and dcmqrscp listen on every
 * interface) run inside a network namespace this suite creates. The scan stays in the test
 * process: a forwarder on our own 127.22.x.y address carries each connection over a unix socket
 * (file system, so it crosses the namespace boundary) to socat inside the namespace, which
 * connects to 127.0.0.1 there. No traffic leaves loopback, nothing listens on a wildcard of the
 * host, and the namespace is deleted on stop — and on process exit.
 */
import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { freePort, startDaemon, type RunningDaemon } from './support/daemon.js';
import { associateRequest } from '../../src/identify/probes/dicom.js';
import { exchange } from '../../src/identify/exchange.js';

export interface Netns {
  name: string;
  remove(): void;
}

export function createNetns(tag: string): Netns {
  const name = `pw-catmed-${tag}-${process.pid}`;
  execFileSync('ip', ['netns', 'add', name]);
  const remove = (): void => {
    try {
      // Whatever still runs in our namespace is ours (a relay whose daemon died first, say).
      const pids = execFileSync('ip', ['netns', 'pids', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split(/\s+/).filter(Boolean);
      for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // namespace or processes already gone
    }
    try {
      execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  };
  process.once('exit', remove);
  try {
    execFileSync('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
  } catch (err) {
    remove();
    throw err;
  }
  return { name, remove };
}

/** Host side of a forwarding: host:port → unix socket (its path is known once the daemon's dir exists). */
export async function startForwarder(host: string, socketPath: () => string | undefined): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const path = socketPath();
    if (!path) return client.destroy();
    const inner = net.connect({ path });
    sockets.add(inner);
    inner.on('close', () => sockets.delete(inner));
    inner.on('error', () => client.destroy());
    client.on('close', () => inner.destroy());
    inner.on('close', () => client.destroy());
    client.pipe(inner).pipe(client);
  });
  const port = await freePort(host);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, resolve);
  });
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface NamespacedPeer {
  daemon: RunningDaemon;
  /** host:port on our address per forwarded inner port. */
  endpoints: Map<number, { host: string; port: number }>;
  /**
   * Runs a command inside the namespace (e.g. storescu to 127.0.0.1); resolves with stdout and
   * stderr. Asynchronous on purpose: our forwarders live in this event loop, and a blocked loop
   * keeps half-closed relay connections open, which stalls the peer's DICOM server.
   */
  exec(command: string, args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts `command` inside a fresh namespace with socat relays for `innerPorts`, and host-side
 * forwarders on `host`. `ready` is polled against the first forwarded endpoint.
 */
export async function startNamespacedPeer(opts: {
  name: string;
  tag: string;
  host: string;
  innerPorts: number[];
  command: (dir: string) => string[];
  prepare?: (dir: string) => void;
  ready: (endpoint: { host: string; port: number }) => Promise<boolean>;
  logFile?: string;
}): Promise<NamespacedPeer> {
  const ns = createNetns(opts.tag);
  let dir: string | undefined;
  const forwarders: { inner: number; port: number; close(): Promise<void> }[] = [];
  try {
    for (const inner of opts.innerPorts) {
      const fw = await startForwarder(opts.host, () => (dir ? join(dir, `relay-${inner}.sock`) : undefined));
      forwarders.push({ inner, ...fw });
    }
    const first = forwarders[0];
    if (!first) throw new Error('no port to forward');
    const daemon = await startDaemon({
      name: opts.name,
      binary: 'sh',
      host: opts.host,
      port: first.port,
      prepare: (ctx) => {
        dir = ctx.dir;
        opts.prepare?.(ctx.dir);
        const relays = opts.innerPorts
          .map((p) => `ip netns exec ${ns.name} socat UNIX-LISTEN:${join(ctx.dir, `relay-${p}.sock`)},fork TCP:127.0.0.1:${p} &`)
          .join('\n');
        const main = opts.command(ctx.dir).map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
        writeFileSync(join(ctx.dir, 'run.sh'), `${relays}\nexec ip netns exec ${ns.name} ${main}\n`);
      },
      args: (ctx) => [join(ctx.dir, 'run.sh')],
      ready: () => opts.ready({ host: opts.host, port: first.port }),
      readyTimeoutMs: 40_000,
      ...(opts.logFile ? { logFile: opts.logFile } : {}),
    });
    return {
      daemon,
      endpoints: new Map(forwarders.map((f) => [f.inner, { host: opts.host, port: f.port }])),
      exec: (command, args) =>
        new Promise((resolve, reject) => {
          execFile('ip', ['netns', 'exec', ns.name, command, ...args], { encoding: 'utf8', timeout: 30_000 }, (err, stdout, stderr) => {
            const output = `${stdout}${stderr}`;
            if (err) reject(new Error(`${opts.name}: ${command} failed (${err.message}): ${output}\n--- peer log ---\n${daemon.logTail()}`));
            else resolve(output);
          });
        }),
      stop: async () => {
        await daemon.stop();
        await Promise.all(forwarders.map((f) => f.close()));
        ns.remove();
      },
    };
  } catch (err) {
    await Promise.all(forwarders.map((f) => f.close()));
    ns.remove();
    throw err;
  }
}

/** True once a DICOM upper layer answers an A-ASSOCIATE-RQ (accept, reject or abort). */
export async function dicomAnswers(endpoint: { host: string; port: number }): Promise<boolean> {
  const r = await exchange({ ...endpoint, tls: false, payload: associateRequest('ANY-SCP', 'READY-CHECK'), timeoutMs: 1000, maxBytes: 4096, enough: (b) => b.length >= 6 });
  return r.reply.length >= 6 && [2, 3, 7].includes(r.reply[0] ?? 0);
}

/** A synthetic CR image (fake patient) written with dcmtk's dump2dcm. */
export function writeSyntheticDicom(dir: string, patient: { family: string; given: string; id: string }): string {
  const dump = [
    '(0008,0016) UI [1.2.840.10008.5.1.4.1.1.1]',
    '(0008,0018) UI [1.2.826.0.1.3680043.10.1977.9.1.1]',
    '(0008,0020) DA [20190304]',
    '(0008,0060) CS [CR]',
    `(0010,0010) PN [${patient.family}^${patient.given}]`,
    `(0010,0020) LO [${patient.id}]`,
    '(0010,0030) DA [19610203]',
    '(0010,0040) CS [F]',
    '(0020,000d) UI [1.2.826.0.1.3680043.10.1977.9.1]',
    '(0020,000e) UI [1.2.826.0.1.3680043.10.1977.9.1.0]',
    '(0020,0010) SH [1]',
    '(0020,0011) IS [1]',
    '(0020,0013) IS [1]',
    '(0028,0002) US 1',
    '(0028,0004) CS [MONOCHROME2]',
    '(0028,0010) US 2',
    '(0028,0011) US 2',
    '(0028,0100) US 8',
    '(0028,0101) US 8',
    '(0028,0102) US 7',
    '(0028,0103) US 0',
    '(7fe0,0010) OB 00\\00\\00\\00',
  ].join('\n');
  const dumpFile = join(dir, 'synthetic.dump');
  const file = join(dir, 'synthetic.dcm');
  writeFileSync(dumpFile, `${dump}\n`);
  execFileSync('dump2dcm', [dumpFile, file]);
  return file;
}
