// Tests that need a network of their own: full-range (-p-) scans and a filtered (DROP) port.
// Each creates its own namespace; skipped with a message when not root or without `ip`.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineName } from '../../src/discovery/types.js';

const root = join(import.meta.dirname, '..', '..');
const ns = `pw-t11-${process.pid}`;

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}
const canNetns = process.getuid?.() === 0 && has('ip');
const canDrop = canNetns && has('iptables');
if (!canNetns) console.warn('skipping namespace discovery tests: need root and iproute2 (ip netns)');
else if (!canDrop) console.warn('skipping filtered-port tests: iptables not installed (apt-get install iptables)');

interface ScanResult {
  open: number[];
  found: string[];
  elapsedMs: number;
  probed: number;
}

function scanInNamespace(job: object): ScanResult {
  const out = execFileSync(
    'ip',
    ['netns', 'exec', ns, join(root, 'node_modules/.bin/vite-node'), join(import.meta.dirname, 'fixtures/ns-scan.ts'), JSON.stringify(job)],
    { encoding: 'utf8', timeout: 110_000, cwd: root },
  );
  const line = out.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as ScanResult;
}

function dropPacketCount(port: number): number {
  const listing = execFileSync('ip', ['netns', 'exec', ns, 'iptables', '-L', 'INPUT', '-v', '-n', '-x'], { encoding: 'utf8' });
  const row = listing.split('\n').find((l) => l.includes('DROP') && l.includes(`dpt:${port}`));
  return Number(row?.trim().split(/\s+/)[0] ?? NaN);
}

describe.skipIf(!canNetns)('discovery in a namespace of its own', () => {
  beforeAll(() => {
    execFileSync('ip', ['netns', 'add', ns]);
    execFileSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
  });
  afterAll(() => {
    spawnSync('ip', ['netns', 'del', ns]);
  });

  // ports spread over the whole range, including the ephemeral range where self-connects happen
  const listen = [1, 22, 443, 445, 8042, 11112, 33000, 40000, 51234, 60999, 65535];

  it.each<EngineName>(['native', 'js'])('-p- with the %s engine finds exactly the listeners', (engine) => {
    const r = scanInNamespace({ listen, host: '127.0.0.1', ports: 'all', engine });
    expect(r.open).toEqual(listen);
    expect(r.probed).toBe(65535);
  }, 120_000);

  // The native engine reuses the socket of a refused probe for the next one: many hosts, few
  // listeners each, so most probes run on a reused socket and open ports come right after refused ones.
  it.each<EngineName>(['native', 'js'])('254 hosts x 300 ports with the %s engine find exactly the listeners', (engine) => {
    const ports = Array.from({ length: 300 }, (_, k) => 1 + ((k * 217) % 65535));
    const hosts = Array.from({ length: 254 }, (_, i) => `127.0.1.${i + 1}`);
    // two different listeners per host (4i+5 is odd, so never 0 mod 300)
    const listenAt = hosts.flatMap((h, i): [string, number][] => [
      [h, ports[(i * 7) % 300]!],
      [h, ports[(i * 11 + 5) % 300]!],
    ]);
    const r = scanInNamespace({ listen: [], host: hosts[0], hosts, listenAt, ports, engine });
    expect(r.found).toEqual(listenAt.map(([h, p]) => `${h}:${p}`).sort());
    expect(r.probed).toBe(254 * 300);
  }, 120_000);

  describe.skipIf(!canDrop)('a filtered (silently dropped) port', () => {
    const dropped = 9999;
    beforeAll(() => {
      execFileSync('ip', ['netns', 'exec', ns, 'iptables', '-A', 'INPUT', '-p', 'tcp', '--syn', '--dport', String(dropped), '-j', 'DROP']);
    });

    it.each<[EngineName, number]>([
      ['native', 1],
      ['js', 1],
      ['native', 0],
    ])('with the %s engine times out and is tried 1 + %i times', (engine, retries) => {
      const before = dropPacketCount(dropped);
      const r = scanInNamespace({ listen: [22], host: '127.0.0.1', ports: [22, dropped], engine, timeoutMs: 300, retries });
      expect(r.open).toEqual([22]);
      expect(r.probed).toBe(2);
      // SYNs that reached the DROP rule: one per attempt (kernel retransmits come after 1 s)
      expect(dropPacketCount(dropped) - before).toBe(1 + retries);
      expect(r.elapsedMs).toBeGreaterThanOrEqual(300 * (1 + retries) - 20);
    }, 60_000);

    it.each<EngineName>(['native', 'js'])('abort ends a %s scan of filtered ports quickly', (engine) => {
      const r = scanInNamespace({ listen: [], host: '127.0.0.1', ports: [dropped], engine, timeoutMs: 20_000, abortAfterMs: 300 });
      expect(r.open).toEqual([]);
      expect(r.elapsedMs).toBeLessThan(2000);
    }, 60_000);
  });
});
