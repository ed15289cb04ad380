import { describe, expect, it } from 'vitest';
import { peerAvailable, portAccepts, startAll, startDaemon } from './daemon.js';

const redis = (host: string, extra: string[] = []) =>
  startDaemon({
    name: `redis ${host}`,
    binary: 'redis-server',
    host,
    user: 'nobody',
    args: ({ port }) => ['--bind', host, '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', '.', ...extra],
  });

describe.skipIf(!peerAvailable('redis-server'))('daemon harness', () => {
  it('starts, reports the port, stops and cleans up', async () => {
    const d = await redis('127.21.0.1');
    expect(await portAccepts(d.host, d.port)).toBe(true);
    await d.stop();
    expect(await portAccepts(d.host, d.port)).toBe(false);
  });

  it('a daemon that dies at start fails with its log tail; startAll stops the ones that did start', async () => {
    let survivor: { host: string; port: number } | undefined;
    const good = redis('127.21.0.2').then((d) => (survivor = d));
    const bad = redis('127.21.0.3', ['--no-such-option', 'x']);
    await expect(startAll([good, bad])).rejects.toThrow(/exited .*before accepting[\s\S]*no-such-option|Bad directive/i);
    expect(survivor).toBeDefined();
    expect(await portAccepts(survivor!.host, survivor!.port)).toBe(false);
  });
});
