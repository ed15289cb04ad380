/**
 * `watch` killed with SIGKILL in the middle of a scan, then started again: the scan that had
 * finished is intact, the one cut off is marked interrupted (never a clean "nothing found").
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { BACKENDS } from '../store/backends.js';
import { runCli, spawnCli } from './cli.js';
import { until } from '../support/until.js';

const QUICK_HOST = '127.14.6.1';
/** Accepts connections and never says a word: identification waits for its time limit. */
const TARPIT_HOST = '127.14.6.2';

async function listen(host: string, onConnection: (s: Socket) => void): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    onConnection(s);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0, sockets };
}

describe.each(BACKENDS)('watch killed mid-scan on $name', (backend) => {
  let quick: Awaited<ReturnType<typeof listen>>;
  let tarpit: Awaited<ReturnType<typeof listen>>;
  let cliArgs: string[];
  let stopDb: () => Promise<void>;
  let store: Store;

  beforeAll(async () => {
    quick = await listen(QUICK_HOST, (s) => s.end('SSH-2.0-OpenSSH_9.2\r\n'));
    tarpit = await listen(TARPIT_HOST, () => {});
    const db = await backend.start();
    cliArgs = db.cliArgs;
    stopDb = db.stop;
    store = await openStore(db.options);
  });
  afterAll(async () => {
    for (const l of [quick, tarpit]) {
      for (const s of l?.sockets ?? []) s.destroy();
      l?.server.close();
    }
    await store?.close();
    await stopDb?.();
  });

  it('loses no finished scan and marks the cut-off one interrupted', { timeout: 120_000 }, async () => {
    for (const [name, host, port] of [['a-quick', QUICK_HOST, quick.port], ['b-slow', TARPIT_HOST, tarpit.port]] as const) {
      await store.sites.add({
        name, land: 'BE', targets: [host], ports: String(port), contacts: { emails: [], webhooks: [] },
        language: 'de', schedule: 'every 1h', remindAfterHours: 24,
      });
    }
    const quickSite = (await store.getSite('a-quick'))!;
    const slowSite = (await store.getSite('b-slow'))!;

    const watch = spawnCli(['watch', '--tick', '1s', '--jitter', '1s', ...cliArgs]);
    try {
      const slowScan = await until('the slow scan to be running after the quick one finished', async () => {
        const [done] = await store.scans.list({ siteId: quickSite.id, status: 'finished' });
        const [running] = await store.scans.list({ siteId: slowSite.id, status: 'running' });
        return done && running && tarpit.sockets.size > 0 ? running : undefined;
      }, 60_000);
      watch.kill('SIGKILL');
      await new Promise((r) => watch.once('exit', r));
      expect((await store.scans.get(slowScan.id))?.status).toBe('running'); // nobody has looked yet

      // Restart (here as a single round for the quick site): it cleans up first.
      const again = await runCli(['watch', '--once', 'a-quick', ...cliArgs]);
      expect(again.output).toMatch(/marked 1 scan\(s\).*interrupted/);
      const cutOff = await store.scans.get(slowScan.id);
      expect(cutOff).toMatchObject({ status: 'interrupted', note: expect.stringMatching(/ended before the scan finished/) as unknown });

      const quickScans = await store.scans.list({ siteId: quickSite.id });
      expect(quickScans.map((s) => s.status)).toEqual(['finished', 'finished']);
      const firstSnap = await store.snapshot(quickScans[1]!.id);
      expect(firstSnap?.ports).toMatchObject([{ host: QUICK_HOST, port: quick.port }]);
    } finally {
      watch.kill('SIGKILL');
    }
  });

  it.runIf(backend.name === 'sqlite')('Ctrl-C stores the partial scan as interrupted', { timeout: 60_000 }, async () => {
    const slowSite = (await store.getSite('b-slow'))!;
    const before = new Set((await store.scans.list({ siteId: slowSite.id })).map((s) => s.id));
    const watch = spawnCli(['watch', '--once', 'b-slow', ...cliArgs]);
    const exited = new Promise<number | null>((resolve) => watch.once('exit', resolve));
    try {
      const running = await until('the scan to be running', async () => {
        const [scan] = await store.scans.list({ siteId: slowSite.id, status: 'running' });
        return scan && !before.has(scan.id) && tarpit.sockets.size > 0 ? scan : undefined;
      }, 60_000);
      watch.kill('SIGINT');
      expect(await exited).toBe(3);
      const stored = await store.scans.get(running.id);
      expect(stored).toMatchObject({ status: 'interrupted', note: expect.stringMatching(/stopped before the end/) as unknown });
      expect((await store.snapshot(running.id))?.ports).toMatchObject([{ host: TARPIT_HOST, port: tarpit.port }]);
    } finally {
      watch.kill('SIGKILL');
    }
  });
});
