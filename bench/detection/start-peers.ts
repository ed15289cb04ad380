/**
 * Starts every bench peer inside the bench's network namespace (run.sh runs this with vite-node
 * under `ip netns exec`), writes the manifest for compare.ts and keeps the peers (and the relays
 * living in this process) up until SIGTERM. A peer whose Debian package is missing, or that fails
 * to start, is listed as skipped with the reason instead of failing the bench.
 *
 *   start-peers.ts <manifest.json>        PEERS=web,data,remote,med (default: all)
 */
import { existsSync, writeFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { findBinary } from '../../test/peers/support/daemon.js';
import type { Manifest, PeerSpec, StartedPeer } from './peer-types.js';
import { DATA_PEERS } from './peers-data.js';
import { MED_PEERS } from './peers-med.js';
import { REMOTE_PEERS } from './peers-remote.js';
import { WEB_PEERS } from './peers-web.js';

const GROUPS: Record<string, readonly PeerSpec[]> = { web: WEB_PEERS, data: DATA_PEERS, remote: REMOTE_PEERS, med: MED_PEERS };
const START_TIMEOUT_MS = 150_000;
const PARALLEL_STARTS = 4;

/** Catalogue exposures with no Debian server to prove them against (listed so the table is complete). */
const NO_DEBIAN_PEER: Manifest['skipped'] = [
  { name: 'HL7 MLLP listener', host: '-', role: 'exposed', expected: [{ check: 'hl7.mllp-open' }], reason: 'no Debian package ships an HL7 MLLP server' },
  { name: 'MongoDB without auth', host: '-', role: 'exposed', expected: [{ check: 'db.mongodb.no-auth' }], reason: 'MongoDB is not packaged in Debian' },
  { name: 'Elasticsearch open', host: '-', role: 'exposed', expected: [{ check: 'db.elasticsearch.open' }], reason: 'Elasticsearch is not packaged in Debian' },
  { name: 'router management interface', host: '-', role: 'exposed', expected: [{ check: 'admin.router-interface' }], reason: 'no router firmware as a Debian package' },
];

function missing(spec: PeerSpec): string | undefined {
  const absent = spec.needs.filter((n) => !(isAbsolute(n.binary) ? existsSync(n.binary) : findBinary(n.binary)));
  return absent.length ? `not installed: ${absent.map((n) => `${n.binary} (apt-get install -y ${n.debianPackage})`).join(', ')}` : undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not up after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

async function main(): Promise<void> {
  process.setMaxListeners(100); // one exit hook per daemon (the peer harness's last-resort cleanup)
  const manifestPath = process.argv[2];
  if (!manifestPath) throw new Error('usage: start-peers.ts <manifest.json>');
  const groups = (process.env.PEERS ?? Object.keys(GROUPS).join(',')).split(',');
  const specs = groups.flatMap((g) => GROUPS[g] ?? []);
  const manifest: Manifest = { peers: [], skipped: [...NO_DEBIAN_PEER] };
  const running: StartedPeer[] = [];

  const queue = [...specs];
  const worker = async (): Promise<void> => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) {
      const { name, host, role, expected } = spec;
      const absent = missing(spec);
      if (absent) {
        manifest.skipped.push({ name, host, role, expected, reason: absent });
        continue;
      }
      const began = Date.now();
      try {
        const peer = await withTimeout(spec.start(), START_TIMEOUT_MS, name);
        running.push(peer);
        manifest.peers.push({ name, host, role, ports: peer.ports, expected });
        process.stderr.write(`peer up: ${name} on ${host}:${peer.ports.join(',')} (${((Date.now() - began) / 1000).toFixed(1)} s)\n`);
      } catch (err) {
        const reason = `failed to start: ${(err instanceof Error ? err.message : String(err)).split('\n').slice(0, 3).join(' | ')}`;
        manifest.skipped.push({ name, host, role, expected, reason });
        process.stderr.write(`peer SKIPPED: ${name}: ${reason}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_STARTS }, worker));
  manifest.peers.sort((a, b) => a.host.localeCompare(b.host, undefined, { numeric: true }));

  let stopping = false;
  const stopAll = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await withTimeout(Promise.allSettled(running.map((p) => p.stop())), 30_000, 'stopping peers').catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stopAll());
  process.on('SIGINT', () => void stopAll());
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  process.stderr.write(`${manifest.peers.length} peers up, ${manifest.skipped.length} skipped; manifest ${manifestPath}\n`);
  // Stay alive: the relays live in this event loop.
  setInterval(() => undefined, 1 << 30);
}

main().catch((err: unknown) => {
  process.stderr.write(`start-peers: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(3);
});
