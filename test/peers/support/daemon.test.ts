import { describe, expect, it } from 'vitest';
import { peerAvailable, portAccepts, startDaemon } from './daemon.js';

describe.skipIf(!peerAvailable('redis-server'))('daemon harness', () => {
  it('starts, reports the port, stops and cleans up', async () => {
    const d = await startDaemon({ name: 'redis', binary: 'redis-server', host: '127.21.0.1', user: 'nobody',
      args: ({ host, port }) => ['--bind', host, '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', '.'] });
    expect(await portAccepts(d.host, d.port)).toBe(true);
    await d.stop();
    expect(await portAccepts(d.host, d.port)).toBe(false);
  });
});
