// discover() against real listeners on this test's own loopback addresses (127.11.x.y, ::1),
// with both engines. Only ports these tests opened (or just released) are probed.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostTarget } from '../../src/core/types.js';
import { discover, discoveryEngine } from '../../src/discovery/index.js';
import { loadNativeAddon } from '../../src/discovery/native-addon.js';
import type { EngineName } from '../../src/discovery/types.js';
import { closedPorts, collect, keys, openListeners, type Listeners } from './helpers.js';

const v4 = (address: string): HostTarget => ({ address, family: 4 });

it('the native engine is built on Linux (npm run build)', () => {
  if (process.platform !== 'linux') return;
  expect(loadNativeAddon()).not.toBeNull();
  expect(discoveryEngine()).toBe('native');
});

describe.each<EngineName>(['native', 'js'])('discover() with the %s engine', (engine) => {
  let a: Listeners;
  let b: Listeners;
  let closedA: number[];
  let closedB: number[];

  beforeAll(async () => {
    a = await openListeners('127.11.1.1', 6);
    b = await openListeners('127.11.1.2', 3);
    closedA = await closedPorts('127.11.1.1', 20);
    closedB = await closedPorts('127.11.1.2', 20);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('finds exactly the open ports (silent and hang-up listeners), no closed ones', async () => {
    const found = await collect(
      discover([v4('127.11.1.1')], { ports: [...a.open, ...closedA], engine, timeoutMs: 2000 }),
    );
    expect(keys(found)).toEqual(keys(a.open.map((port) => ({ host: a.host, port }))));
  });

  it('scans several hosts with a shared port list and streams every result', async () => {
    // the kernel may hand out the same free port on both addresses: discover() probes each port once
    const ports = [...new Set([...a.open, ...b.open, ...closedA.slice(0, 5), ...closedB.slice(0, 5)])];
    const progress: { probed: number; total: number }[] = [];
    const found = await collect(
      discover([v4('127.11.1.1'), v4('127.11.1.2')], { ports, engine, onProgress: (p) => progress.push(p) }),
    );
    const want = [...a.open.map((port) => ({ host: a.host, port })), ...b.open.map((port) => ({ host: b.host, port }))];
    expect(keys(found)).toEqual(keys(want));
    expect(progress.at(-1)).toMatchObject({ probed: 2 * ports.length, total: 2 * ports.length, open: want.length });
  });

  it('respects the global rate limit', async () => {
    const ports = [...a.open, ...closedA];
    const started = performance.now();
    await collect(discover([v4('127.11.1.1'), v4('127.11.1.2')], { ports, engine, maxRate: 40 }));
    const seconds = (performance.now() - started) / 1000;
    // 52 connects at 40/s: at least ~1.3 s minus one burst; an unlimited run takes milliseconds
    expect(seconds).toBeGreaterThan((2 * ports.length - 2) / 40 - 0.1);
  });

  it('stops quickly on abort and ends the iterator', async () => {
    const controller = new AbortController();
    const ports = [...a.open, ...closedA];
    const started = performance.now();
    setTimeout(() => controller.abort(), 300);
    const found = await collect(discover([v4('127.11.1.1')], { ports, engine, maxRate: 5, signal: controller.signal }));
    const ms = performance.now() - started;
    // at 5/s the 26 probes would need 5 s
    expect(ms).toBeLessThan(1500);
    expect(found.length).toBeLessThan(a.open.length);
  });

  it('stops when the consumer stops reading', async () => {
    const it = discover([v4('127.11.1.1')], { ports: [...a.open, ...closedA], engine })[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.done).toBe(false);
    await it.return?.();
    expect((await it.next()).done).toBe(true);
  });

  it('scans IPv6 on ::1', async () => {
    const probe = net.createServer();
    const hasV6 = await new Promise<boolean>((resolve) => {
      probe.once('error', () => resolve(false));
      probe.listen({ host: '::1', port: 0 }, () => resolve(true));
    });
    await new Promise((r) => probe.close(r));
    if (!hasV6) {
      console.warn('skipping IPv6 test: ::1 not available');
      return;
    }
    const six = await openListeners('::1', 4);
    try {
      const closed = await closedPorts('::1', 10);
      const found = await collect(discover([{ address: '::1', family: 6 }], { ports: [...closed, ...six.open], engine }));
      expect(keys(found)).toEqual(keys(six.open.map((port) => ({ host: '::1', port }))));
    } finally {
      await six.close();
    }
  });
});

describe('discover() options', () => {
  it('rejects invalid ports and limits before any probe', async () => {
    await expect(collect(discover([v4('127.11.1.1')], { ports: [0] }))).rejects.toThrow(RangeError);
    await expect(collect(discover([v4('127.11.1.1')], { ports: [80], concurrency: 0 }))).rejects.toThrow(RangeError);
  });

  it('ends at once for an already aborted signal or no ports', async () => {
    expect(await collect(discover([v4('127.11.1.1')], { ports: [80], signal: AbortSignal.abort() }))).toEqual([]);
    expect(await collect(discover([v4('127.11.1.1')], { ports: [] }))).toEqual([]);
  });

  it('uses the JS engine when asked through PRAXISWACHE_ENGINE', () => {
    const before = process.env.PRAXISWACHE_ENGINE;
    process.env.PRAXISWACHE_ENGINE = 'js';
    try {
      expect(discoveryEngine()).toBe('js');
    } finally {
      if (before === undefined) delete process.env.PRAXISWACHE_ENGINE;
      else process.env.PRAXISWACHE_ENGINE = before;
    }
  });
});
