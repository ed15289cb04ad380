import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConcurrencyController } from '../../src/discovery/congestion.js';
import { statusOfError } from '../../src/discovery/js-executor.js';
import { isSelfConnect } from '../../src/discovery/self-connect.js';
import { TokenBucket } from '../../src/discovery/token-bucket.js';
import { ProbeStatus } from '../../src/discovery/types.js';

describe('isSelfConnect', () => {
  it('is true only for the same address and port on both ends', () => {
    expect(isSelfConnect({ address: '127.0.0.1', port: 40000 }, { address: '127.0.0.1', port: 40000 })).toBe(true);
    expect(isSelfConnect({ address: '127.0.0.1', port: 40001 }, { address: '127.0.0.1', port: 40000 })).toBe(false);
    expect(isSelfConnect({ address: '127.0.0.2', port: 40000 }, { address: '127.0.0.1', port: 40000 })).toBe(false);
    expect(isSelfConnect({ address: '::1', port: 5000 }, { address: '::1', port: 5000 })).toBe(true);
    expect(isSelfConnect({ address: '::ffff:127.0.0.1', port: 5000 }, { address: '127.0.0.1', port: 5000 })).toBe(true);
    expect(isSelfConnect({ address: undefined, port: 5000 }, { address: '127.0.0.1', port: 5000 })).toBe(false);
  });

  it('recognises a real kernel self-connect (simultaneous open to its own port)', async () => {
    // find a free port on our own address, then connect from it to itself
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen({ host: '127.11.9.1', port: 0 }, r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const socket = net.connect({ host: '127.11.9.1', port, localAddress: '127.11.9.1', localPort: port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const local = { address: socket.localAddress, port: socket.localPort };
    const remote = { address: socket.remoteAddress, port: socket.remotePort };
    socket.resetAndDestroy();
    expect(isSelfConnect(local, remote)).toBe(true);
  });
});

describe('statusOfError', () => {
  it('maps refusals to closed, resets after accept to open, shortages to resource', () => {
    expect(statusOfError('ECONNREFUSED')).toBe(ProbeStatus.closed);
    expect(statusOfError('ECONNRESET')).toBe(ProbeStatus.open);
    expect(statusOfError('EMFILE')).toBe(ProbeStatus.resource);
    expect(statusOfError('EADDRNOTAVAIL')).toBe(ProbeStatus.resource);
    expect(statusOfError('EHOSTUNREACH')).toBe(ProbeStatus.unreachable);
  });
});

describe('TokenBucket', () => {
  it('grants about rate × time tokens', () => {
    const bucket = new TokenBucket(1000, 0);
    let granted = 0;
    for (let t = 0; t <= 1000; t += 1) while (bucket.tryTake(t)) granted++;
    // 1000/s for one second plus the initial burst of 10 ms worth
    expect(granted).toBeGreaterThanOrEqual(1000);
    expect(granted).toBeLessThanOrEqual(1011);
    expect(bucket.waitMs(1000)).toBeGreaterThan(0);
  });
});

describe('ConcurrencyController', () => {
  it('grows on answers up to the ceiling', () => {
    const c = new ConcurrencyController(1000, 500);
    const start = c.window;
    for (let i = 0; i < 20_000; i++) c.answered();
    expect(start).toBeLessThan(1000);
    expect(c.window).toBe(1000);
  });

  it('halves on resource shortage and pauses briefly', () => {
    const c = new ConcurrencyController(1000, 500);
    for (let i = 0; i < 20_000; i++) c.answered();
    c.resourceShortage(100);
    expect(c.window).toBe(500);
    expect(c.pauseMs(100)).toBeGreaterThan(0);
    expect(c.pauseMs(200)).toBe(0);
  });

  it('cuts at most once per timeout period on a burst of timeouts, never below the floor', () => {
    const c = new ConcurrencyController(1000, 500);
    for (let i = 0; i < 20_000; i++) c.answered();
    for (let i = 0; i < 100; i++) c.timedOut(1000, true);
    expect(c.window).toBe(750);
    for (let t = 2000; t < 100_000; t += 600) c.timedOut(t, true);
    expect(c.window).toBe(c.min);
  });

  it('ignores timeouts from addresses that never answered (an empty range is not congestion)', () => {
    const c = new ConcurrencyController(1000, 500);
    const start = c.window;
    for (let t = 0; t < 100_000; t += 600) c.timedOut(t, false);
    expect(c.window).toBe(start);
    c.timedOut(100_000, true);
    expect(c.window).toBe(Math.floor(start * 0.75));
  });
});
