/** evaluateSite: reminders after the interval, and a failed delivery is tried again. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryOutcome } from '../../src/store/alerts.js';
import { openStore, type Store } from '../../src/store/index.js';
import { evaluateSite, type WatchContext } from '../../src/watch/cycle.js';
import type { AlertMessage } from '../../src/watch/messages.js';
import { report } from '../store/reports.js';

const HOST = '127.14.10.1';
const HOUR = 3_600_000;

describe('evaluateSite', () => {
  let dir: string;
  let store: Store;
  let now: number;
  let sent: AlertMessage[];
  let deliverOk: boolean;
  let ctx: WatchContext;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'praxiswache-cycle-'));
    store = await openStore({ data: dir });
    now = Date.parse('2025-03-10T12:00:00.000Z');
    sent = [];
    deliverOk = true;
    ctx = {
      store,
      scan: () => Promise.reject(new Error('not used')),
      notifier: {
        deliver: (_site, message): Promise<DeliveryOutcome[]> => {
          sent.push(message as AlertMessage);
          return Promise.resolve([{ channel: 'webhook', target: 'http://127.14.10.2/', ok: deliverOk, attempts: 1 }]);
        },
      },
      now: () => new Date(now),
      log: () => {},
    };
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reminds once the interval has passed and retries a delivery that failed', async () => {
    const site = await store.sites.add({
      name: 'praxis', land: 'SN', targets: [HOST], ports: '443,3389', contacts: { emails: [], webhooks: [] },
      language: 'en', schedule: 'every 1h', remindAfterHours: 24,
    });
    const base = await store.saveScan(site.id, report({ ports: { [HOST]: [443] } }));
    await store.baselines.approve(site.id, base, 'test');
    const exposed = (): Promise<number> => store.saveScan(site.id, report({ ports: { [HOST]: [443, 3389] } }));

    deliverOk = false;
    expect((await evaluateSite(ctx, site, await exposed())).sent.map((s) => s.kind)).toEqual(['change']);
    deliverOk = true;
    now += HOUR; // nobody heard it: tried again in the next round, as a reminder
    expect((await evaluateSite(ctx, site, await exposed())).sent.map((s) => s.kind)).toEqual(['reminder']);
    now += HOUR;
    expect((await evaluateSite(ctx, site, await exposed())).sent).toEqual([]);
    now += 24 * HOUR;
    expect((await evaluateSite(ctx, site, await exposed())).sent.map((s) => s.kind)).toEqual(['reminder']);
    expect(sent.at(-1)?.text).toContain(`${HOST}:3389`);
    const alerts = await store.alerts.list(site.id);
    expect(alerts.map((a) => [a.kind, a.delivered])).toEqual([['change', 0], ['reminder', 1], ['reminder', 1]]);
  });
});
