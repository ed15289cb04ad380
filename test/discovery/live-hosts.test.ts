// Host discovery with real connects: refused ports count as answers (loopback), and in a namespace
// of its own with iptables dropping most of a /24, only the hosts that answer are port-scanned.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover } from '../../src/discovery/index.js';
import type { EngineName } from '../../src/discovery/types.js';
import { closedPorts, collect, keys } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');
const ns = `pw-live-${process.pid}`;
const canDrop = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v ip && command -v iptables']).status === 0;
if (!canDrop) console.warn('skipping the host-discovery namespace test: needs root, iproute2 and iptables');

describe.each<EngineName>(['native', 'js'])('answered mode with the %s engine', (engine) => {
  it('yields refused ports as answers, and nothing without it', async () => {
    const host = '127.11.7.1';
    const closed = await closedPorts(host, 3);
    const target = [{ address: host, family: 4 as const }];
    expect(await collect(discover(target, { ports: closed, engine }))).toEqual([]);
    const answered = await collect(discover(target, { ports: closed, engine, answered: true }));
    expect(keys(answered)).toEqual(keys(closed.map((port) => ({ host, port }))));
  });
});

describe.skipIf(!canDrop)('host discovery in a namespace where most of a /24 is silent', () => {
  beforeAll(() => {
    execFileSync('ip', ['netns', 'add', ns]);
    execFileSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    const rule = (...args: string[]): void => void execFileSync('ip', ['netns', 'exec', ns, 'iptables', '-A', 'INPUT', ...args]);
    // .10 has a service, .20 only refuses, .30 forwards one port but drops the discovery ports
    rule('-d', '127.5.0.10', '-j', 'ACCEPT');
    rule('-d', '127.5.0.20', '-j', 'ACCEPT');
    rule('-d', '127.5.0.30', '-p', 'tcp', '--dport', '4242', '-j', 'ACCEPT');
    rule('-d', '127.5.0.0/24', '-p', 'tcp', '--syn', '-j', 'DROP');
  });
  afterAll(() => {
    spawnSync('ip', ['netns', 'del', ns]);
  });

  function scan(job: object): { found: string[]; hostDiscovery: { ports: number[]; addresses: number; live: number } | null } {
    const out = execFileSync(
      'ip',
      ['netns', 'exec', ns, join(root, 'node_modules/.bin/vite-node'), join(import.meta.dirname, 'fixtures/ns-live.ts'), JSON.stringify(job)],
      { encoding: 'utf8', timeout: 110_000, cwd: root },
    );
    return JSON.parse(out.trim().split('\n').pop() ?? '') as ReturnType<typeof scan>;
  }
  const listenAt = [['127.5.0.10', 4242], ['127.5.0.30', 4242]];

  it.each<EngineName>(['native', 'js'])('always (%s): two of 256 answer; only they are port-scanned', (engine) => {
    const r = scan({ targets: ['127.5.0.0/24'], listenAt, ports: '4242', hostDiscovery: 'always', engine });
    expect(r.hostDiscovery).toEqual({ ports: [80, 443, 22, 445, 3389], addresses: 256, live: 2 });
    // .30 drops every discovery port: the documented blind spot of host discovery
    expect(r.found).toEqual(['127.5.0.10:4242']);
  }, 120_000);

  it('never (like nmap -Pn) finds the host that hides from discovery', () => {
    const r = scan({ targets: ['127.5.0.0/24'], listenAt, ports: '4242', hostDiscovery: 'never', engine: 'native' });
    expect(r.hostDiscovery).toBeNull();
    expect(r.found).toEqual(['127.5.0.10:4242', '127.5.0.30:4242']);
  }, 120_000);
});
