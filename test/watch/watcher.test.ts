/**
 * The scheduler with a controlled clock and an in-process scan function: catch-up after downtime
 * without a burst, jitter, one scan per site at a time, retries after an interrupted scan.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanOptions } from '../../src/scan/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { WatchContext } from '../../src/watch/cycle.js';
import { runWatch } from '../../src/watch/watcher.js';
import { report } from '../store/reports.js';

const T0 = Date.parse('2025-03-10T12:00:00.000Z');
const MIN = 60_000;

describe('runWatch scheduling', () => {
  let dir: string;
  let store: Store;
  let now: number;
  let scans: string[];
  let ctx: WatchContext;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'praxiswache-watch-'));
    store = await openStore({ data: dir });
    now = T0;
    scans = [];
    ctx = {
      store,
      scan: (opts: ScanOptions) => {
        scans.push(opts.targets[0] ?? '');
        return Promise.resolve(report({ ports: { [opts.targets[0] ?? '']: [443] }, at: new Date(now).toISOString() }));
      },
      notifier: { deliver: () => Promise.resolve([]) },
      now: () => new Date(now),
      log: () => {},
    };
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function addSite(name: string, host: string, lastScanHoursAgo?: number): Promise<number> {
    const site = await store.sites.add(
      { name, land: 'BY', targets: [host], ports: '443', contacts: { emails: [], webhooks: [] }, language: 'de', schedule: 'every 1h', remindAfterHours: 24 },
      new Date(T0 - 48 * 3_600_000),
    );
    if (lastScanHoursAgo !== undefined) {
      await store.saveScan(site.id, report({ ports: { [host]: [443] }, at: new Date(T0 - lastScanHoursAgo * 3_600_000).toISOString() }));
    }
    return site.id;
  }

  /** Runs the loop until `check` holds (or fails after 3 s of real time), advancing nothing itself. */
  async function runUntil(controller: AbortController, check: () => boolean): Promise<void> {
    const deadline = Date.now() + 3_000;
    while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(check()).toBe(true);
  }

  it('after 5 hours of downtime scans each site once, after the jitter and one at a time', async () => {
    await addSite('a', '127.14.7.1', 5);
    await addSite('b', '127.14.7.2', 5);
    await addSite('c', '127.14.7.3', 5);
    let active = 0;
    let maxActive = 0;
    const realScan = ctx.scan;
    ctx.scan = async (opts) => {
      maxActive = Math.max(maxActive, ++active);
      await new Promise((r) => setTimeout(r, 30));
      active--;
      return realScan(opts);
    };
    const controller = new AbortController();
    const loop = runWatch(ctx, { tickMs: 5, jitterMs: 10 * MIN, random: () => 0.5, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 200));
    expect(scans).toEqual([]); // all overdue, but each waits for its jitter (5 of 10 min): no burst at start-up
    now = T0 + 5 * MIN;
    await runUntil(controller, () => scans.length === 3);
    await new Promise((r) => setTimeout(r, 200));
    controller.abort();
    await loop;
    expect(scans.sort()).toEqual(['127.14.7.1', '127.14.7.2', '127.14.7.3']); // once each, not once per missed hour
    expect(maxActive).toBe(1);
  });

  it('does not start a site whose scan is running elsewhere, and retries an interrupted one early', async () => {
    const busy = await addSite('busy', '127.14.7.4');
    const cut = await addSite('cut', '127.14.7.5');
    // Running for 2 hours in a process on another machine: not ours to judge, so not started again.
    const other = await store.scans.begin(busy, ['127.14.7.4'], new Date(T0 - 120 * MIN).toISOString());
    await store.db.updateTable('scans').set({ runner: 'other-host:4242' }).where('id', '=', other).execute();
    await store.saveScan(cut, report({ ports: { '127.14.7.5': [443] }, interrupted: true, at: new Date(T0 - 20 * MIN).toISOString() }));
    const controller = new AbortController();
    const loop = runWatch(ctx, { tickMs: 5, jitterMs: 0, signal: controller.signal });
    // The interrupted scan of "cut" (20 min ago) is retried after 15 min, not after the 1 h interval.
    await runUntil(controller, () => scans.includes('127.14.7.5'));
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    await loop;
    expect(scans).toEqual(['127.14.7.5']);
    expect((await store.scans.get(other))?.status).toBe('running');
  });

  it('a scan left running by a failed round of this process is marked interrupted and retried', async () => {
    const site = await addSite('stuck', '127.14.7.8');
    const stuck = await store.scans.begin(site, ['127.14.7.8'], new Date(T0 - 30 * MIN).toISOString());
    const controller = new AbortController();
    const loop = runWatch(ctx, { tickMs: 5, jitterMs: 0, signal: controller.signal });
    await runUntil(controller, () => scans.includes('127.14.7.8'));
    controller.abort();
    await loop;
    expect(await store.scans.get(stuck)).toMatchObject({ status: 'interrupted', note: expect.stringMatching(/round failed/) as unknown });
  });

  it('--once scans every selected site now, regardless of schedule', async () => {
    await addSite('fresh', '127.14.7.6', 0);
    await addSite('other', '127.14.7.7', 0);
    const summary = await runWatch(ctx, { once: true, sites: ['fresh'] });
    expect(scans).toEqual(['127.14.7.6']);
    expect(summary.rounds).toMatchObject([{ siteName: 'fresh', status: 'finished' }]);
  });
});
