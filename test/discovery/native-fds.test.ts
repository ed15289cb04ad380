// The native engine gives back every file descriptor it opened: sockets of finished, refused and
// aborted probes, and each worker's epoll and event fd. Counted in /proc/self/fd (Linux only;
// vitest runs each test file in a process of its own, so nothing else opens fds meanwhile).
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover } from '../../src/discovery/index.js';
import { loadNativeAddon } from '../../src/discovery/native-addon.js';
import { closedPorts, collect, openListeners, type Listeners } from './helpers.js';

const HOST = '127.11.3.1';
const openFds = (): number => readdirSync('/proc/self/fd').length;
const native = process.platform === 'linux' ? loadNativeAddon() : null;

describe.skipIf(native === null)('native engine file descriptors', () => {
  let l: Listeners;
  let closed: number[];

  beforeAll(async () => {
    l = await openListeners(HOST, 4);
    closed = await closedPorts(HOST, 200);
  });
  afterAll(async () => {
    await l.close();
  });

  it('engines that are created and closed leave no epoll or event fd behind', () => {
    const before = openFds();
    for (let i = 0; i < 30; i++) {
      const engine = native!.createEngine({ threads: 3, maxInFlight: 64, timeoutMs: 1000, retries: 1, maxRate: 0 }, () => undefined);
      expect(openFds()).toBe(before + 6);
      native!.close(engine);
      native!.close(engine); // idempotent
      expect(openFds()).toBe(before);
    }
  });

  it('finished and aborted scans leave no socket behind', async () => {
    const before = openFds();
    const ports = [...l.open, ...closed];
    for (let i = 0; i < 5; i++) {
      const found = await collect(discover([{ address: HOST, family: 4 }], { ports, engine: 'native' }));
      expect(found).toHaveLength(l.open.length);
      const ac = new AbortController();
      // aborted as soon as the first open port arrives, with probes still in flight
      const scan = discover([{ address: HOST, family: 4 }], { ports, engine: 'native', signal: ac.signal });
      for await (const open of scan) {
        expect(open.host).toBe(HOST);
        ac.abort();
      }
    }
    // the hang-up listeners' server side closes on its own event loop turn
    await new Promise((r) => setTimeout(r, 100));
    expect(openFds()).toBe(before);
  });
});
