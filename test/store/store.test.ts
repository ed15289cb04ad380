import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { BACKENDS } from './backends.js';
import { report } from './reports.js';

const HOST = '127.14.9.1';

describe.each(BACKENDS)('store on $name', (backend) => {
  let store: Store;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const started = await backend.start();
    stop = started.stop;
    store = await openStore(started.options);
  });
  afterAll(async () => {
    await store?.close();
    await stop?.();
  });

  it('migrates idempotently: opening twice keeps the data', async () => {
    expect(store.kind).toBe(backend.name);
    const site = await store.sites.add({
      name: 'praxis-idem',
      land: 'NI',
      targets: [HOST],
      ports: '443',
      contacts: { emails: ['it@praxis.example'], webhooks: [] },
      language: 'de',
      schedule: 'every 24h',
      remindAfterHours: 168,
    });
    expect((await store.getSite('praxis-idem'))?.land).toBe('NI');
    expect((await store.getSite(String(site.id)))?.contacts.emails).toEqual(['it@praxis.example']);
  });

  it('keeps finding history across scans: first seen, last seen, resolved, re-opened', async () => {
    const site = await store.sites.add({
      name: 'praxis-history', land: 'BY', targets: [HOST], ports: null,
      contacts: { emails: [], webhooks: [] }, language: 'en', schedule: 'every 1h', remindAfterHours: 24,
    });
    const listing = { checkId: 'http.document-listing', port: 441, key: '/docs/' };
    const s1 = await store.saveScan(site.id, report({ ports: { [HOST]: [443, 441] }, findings: [listing], at: '2025-01-01T00:00:00.000Z' }));
    const s2 = await store.saveScan(site.id, report({ ports: { [HOST]: [443, 441] }, findings: [{ ...listing, severity: 'high' }], at: '2025-01-02T00:00:00.000Z' }));
    const [f] = await store.listFindings({ siteId: site.id });
    expect(f).toMatchObject({ firstScanId: s1, lastScanId: s2, firstSeenAt: '2025-01-01T00:00:00.000Z', lastSeenAt: '2025-01-02T00:00:00.000Z', resolvedAt: null, severity: 'high', personalData: true });
    expect((await store.listFindings({ scanId: s1 }))[0]?.severity).toBe('critical');

    // An interrupted scan that did not see the finding proves nothing.
    const s3 = await store.saveScan(site.id, report({ ports: { [HOST]: [443] }, interrupted: true, at: '2025-01-03T00:00:00.000Z' }));
    expect((await store.getFinding(f!.id))?.resolvedAt).toBeNull();
    expect((await store.scans.get(s3))?.status).toBe('interrupted');

    const s4 = await store.saveScan(site.id, report({ ports: { [HOST]: [443] }, at: '2025-01-04T00:00:00.000Z' }));
    expect(await store.getFinding(f!.id)).toMatchObject({ resolvedAt: '2025-01-04T00:00:00.000Z', resolvedScanId: s4 });
    expect(await store.listFindings({ siteId: site.id, open: true })).toHaveLength(0);

    await store.saveScan(site.id, report({ ports: { [HOST]: [443, 441] }, findings: [listing], at: '2025-01-05T00:00:00.000Z' }));
    const reopened = await store.getFinding(f!.id);
    expect(reopened).toMatchObject({ resolvedAt: null, firstSeenAt: '2025-01-01T00:00:00.000Z' });
  });

  it('stores hosts, ports and services and reads them back as a snapshot', async () => {
    const id = await store.saveScan(null, report({ ports: { '127.14.9.2': [22, 443], '127.14.9.3': [5432] } }));
    const snap = await store.snapshot(id);
    expect(snap?.scan).toMatchObject({ status: 'finished', host_count: 2, port_count: 3 });
    expect(snap?.ports.map((p) => `${p.host}:${p.port}`).sort()).toEqual(['127.14.9.2:22', '127.14.9.2:443', '127.14.9.3:5432']);
    expect(snap?.ports[0]?.service).toEqual({ name: 'https', tls: true });
  });

  it('marks a running scan of a dead process as interrupted, and leaves live ones alone', async () => {
    const dead = await store.scans.begin(null, [HOST]);
    const alive = await store.scans.begin(null, [HOST]);
    // Pretend the first one was started by a process that is gone.
    await store.db.updateTable('scans').set({ runner: `${(await import('node:os')).hostname()}:999999` }).where('id', '=', dead).execute();
    await store.db.updateTable('scans').set({ runner: `${(await import('node:os')).hostname()}:1` }).where('id', '=', alive).execute();
    const marked = await store.scans.markOrphansInterrupted();
    expect(marked).toEqual([dead]);
    expect((await store.scans.get(dead))?.status).toBe('interrupted');
    expect((await store.scans.get(alive))?.status).toBe('running');
  });

  it('approves only finished scans of the same site as baseline', async () => {
    const site = await store.sites.add({
      name: 'praxis-baseline', land: 'HE', targets: [HOST], ports: '443',
      contacts: { emails: [], webhooks: [] }, language: 'de', schedule: 'every 1h', remindAfterHours: 24,
    });
    const partial = await store.saveScan(site.id, report({ ports: { [HOST]: [443] }, interrupted: true }));
    await expect(store.baselines.approve(site.id, partial, 'test')).rejects.toThrow(/interrupted/);
    const good = await store.saveScan(site.id, report({ ports: { [HOST]: [443] } }));
    await store.baselines.approve(site.id, good, 'test');
    expect((await store.baselines.current(site.id))?.scan_id).toBe(good);
    await store.sites.remove('praxis-baseline');
    expect(await store.baselines.current(site.id)).toBeUndefined();
    expect((await store.scans.get(good))?.site_id).toBeNull();
  });
});
