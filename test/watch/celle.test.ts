/**
 * The Celle case end to end (issue 4): a practice with 443 only, baseline approved; the router
 * "reboots" and re-opens ports from 440–449; the next watch round raises exactly one alert naming
 * the new ports and the document-listing finding; the ports close; the next round sends the
 * all-clear. Real lab servers, real scans, real SMTP and webhook receivers, both back ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type RunningLab, type ScenarioInstance } from '../../src/lab/index.js';
import { runScan } from '../../src/scan/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { approveBaseline } from '../../src/watch/approve.js';
import type { WatchContext } from '../../src/watch/cycle.js';
import type { AlertPayload } from '../../src/watch/messages.js';
import { createNotifier } from '../../src/watch/notify.js';
import { runWatch } from '../../src/watch/watcher.js';
import { BACKENDS } from '../store/backends.js';
import { startSmtpReceiver, startWebhookReceiver, type SmtpReceiver, type WebhookReceiver } from './receivers.js';

// The lab moved into this test's own 127.14 range, so a `praxiswache lab up` or another lab test
// running meanwhile cannot collide with it.
const LAB_PREFIX = '127.14';
const LAB_HOST = `${LAB_PREFIX}.1.1`;

/** Quoted-printable body → text, so assertions do not depend on line wrapping. */
function decodeMail(raw: string): string {
  const body = raw.replace(/=\r?\n/g, '');
  return Buffer.from(body.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
}

describe.each(BACKENDS.map((b, i) => ({ ...b, index: i })))('Celle on $name', (backend) => {
  let lab: RunningLab;
  let router: ScenarioInstance;
  let store: Store;
  let stopDb: () => Promise<void>;
  let smtp: SmtpReceiver;
  let hook: WebhookReceiver;
  let ctx: WatchContext;
  const log: string[] = [];

  beforeAll(async () => {
    const db = await backend.start();
    stopDb = db.stop;
    store = await openStore(db.options);
    lab = await startLab(['router-portforward'], { addressPrefix: LAB_PREFIX });
    router = lab.scenarios[0]!;
    await router.closeExtraPorts(); // the practice fixed it: 443 only
    smtp = await startSmtpReceiver(`127.14.3.${backend.index + 1}`, 'celle-smtp-pass');
    hook = await startWebhookReceiver(`127.14.4.${backend.index + 1}`);
    ctx = {
      store,
      scan: (opts) => runScan(opts),
      notifier: createNotifier({
        smtp: { url: smtp.url, from: 'praxiswache@praxis.example', ca: smtp.ca, timeoutMs: 5_000 },
        webhook: { attempts: 2, backoffMs: 50, timeoutMs: 5_000 },
      }),
      now: () => new Date(),
      log: (line) => log.push(line),
      scanDefaults: { timeoutMs: 1_000 },
    };
  });

  afterAll(async () => {
    await lab?.stop();
    await smtp?.stop();
    await hook?.stop();
    await store?.close();
    await stopDb?.();
  });

  it('raises one alert when 440–449 re-open and an all-clear when they close', async () => {
    const site = await store.sites.add({
      name: 'praxis-celle',
      land: 'NI',
      targets: [LAB_HOST],
      ports: '440-449',
      contacts: { emails: ['it@praxis-celle.example'], webhooks: [{ url: hook.url, secret: 'celle-hook-secret' }] },
      language: 'de',
      schedule: 'every 24h',
      remindAfterHours: 168,
    });

    // Round 1: the fixed state; the practice approves it.
    const first = await runWatch(ctx, { once: true });
    expect(first.rounds).toHaveLength(1);
    const baselineScan = first.rounds[0]!.scanId;
    const baseSnap = await store.snapshot(baselineScan);
    expect(baseSnap?.scan.status).toBe('finished');
    expect(baseSnap?.ports.map((p) => p.port)).toEqual([443]);
    await approveBaseline(store, site, baselineScan, 'praxis-inhaberin');
    expect(await store.alerts.openItems(site.id)).toEqual([]);
    const mailsBefore = smtp.mails.length;
    const hooksBefore = hook.hooks.length;

    // The firmware update: the router forwards ports from 440–449 again.
    await router.openExtraPorts();
    const reopened = router.services.map((s) => s.port).filter((p) => p !== 443).sort((a, b) => a - b);
    expect(reopened.length).toBeGreaterThan(0);
    const second = await runWatch(ctx, { once: true });
    expect(second.rounds[0]?.sent.map((s) => s.kind)).toEqual(['change']);
    expect(smtp.mails.length - mailsBefore).toBe(1);
    expect(hook.hooks.length - hooksBefore).toBe(1);

    const payload = JSON.parse(hook.hooks.at(-1)!.body) as AlertPayload;
    expect(payload.kind).toBe('change');
    const openedPorts = payload.items.filter((i) => i.kind === 'port-opened').map((i) => i.port).sort((a, b) => a - b);
    expect(openedPorts).toEqual(reopened);
    const listings = payload.items.filter((i) => i.kind === 'finding-new' && i.checkId === 'http.document-listing');
    expect(listings.map((l) => l.port).sort((a, b) => a - b)).toEqual(reopened);
    const stored = await store.listFindings({ siteId: site.id, open: true });
    const storedListings = stored.filter((f) => f.checkId === 'http.document-listing');
    expect(payload.findingIds).toEqual(expect.arrayContaining(storedListings.map((f) => f.id)));

    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toEqual(['it@praxis-celle.example']);
    const text = decodeMail(mail.raw);
    expect(text).toContain('Was sich geändert hat');
    for (const port of reopened) expect(text).toContain(`${LAB_HOST}:${port}`);
    expect(text).toContain('http.document-listing');
    for (const f of storedListings) expect(text).toContain(`Befund #${f.id}`);
    // Evidence (counts and masked names) stays in the store, never in an alert.
    for (const f of stored) expect(text).not.toContain(f.evidence);

    // Still open in the next round: no second alert for the same change.
    const third = await runWatch(ctx, { once: true });
    expect(third.rounds[0]?.sent).toEqual([]);
    expect(smtp.mails.length - mailsBefore).toBe(1);

    // The practice closes the ports again: all clear.
    await router.closeExtraPorts();
    const fourth = await runWatch(ctx, { once: true });
    expect(fourth.rounds[0]?.sent.map((s) => s.kind)).toEqual(['all-clear']);
    expect(smtp.mails.length - mailsBefore).toBe(2);
    expect(hook.hooks.length - hooksBefore).toBe(2);
    const clear = JSON.parse(hook.hooks.at(-1)!.body) as AlertPayload;
    expect(clear.kind).toBe('all-clear');
    expect(clear.items.map((i) => i.key).sort()).toEqual(payload.items.map((i) => i.key).sort());
    expect(decodeMail(smtp.mails.at(-1)!.raw)).toContain('Entwarnung');
    expect(await store.alerts.openItems(site.id)).toEqual([]);
    expect(await store.listFindings({ siteId: site.id, open: true })).toEqual([]);
  });
});
