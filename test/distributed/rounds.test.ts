import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRound, roundSlot, scanJobId } from '../../src/distributed/rounds.js';
import type { ScanReport } from '../../src/core/types.js';
import { openStore, type Store } from '../../src/store/index.js';

describe('scanJobId', () => {
  it('is the site id plus the slot, without ":" (BullMQ rejects it) and not a number', () => {
    const id = scanJobId(12, new Date('2026-11-22T20:40:00.123Z'));
    expect(id).toBe('site-12-20261122T204000Z');
    expect(id).not.toContain(':');
    expect(Number.isNaN(Number(id))).toBe(true);
  });

  it('differs between sites and between slots', () => {
    const slot = new Date('2026-11-22T03:00:00Z');
    expect(scanJobId(1, slot)).not.toBe(scanJobId(2, slot));
    expect(scanJobId(1, slot)).not.toBe(scanJobId(1, new Date('2026-11-23T03:00:00Z')));
  });
});

describe('roundSlot', () => {
  const now = new Date('2026-11-22T20:00:00Z');
  it('a site never scanned is due since it was added', () => {
    expect(roundSlot({ schedule: 'every 24h', createdAt: '2026-11-01T08:00:00.000Z' }, undefined, now).toISOString()).toBe('2026-11-01T08:00:00.000Z');
  });
  it('an interval counts from the start of the last ended scan', () => {
    const slot = roundSlot({ schedule: 'every 6h', createdAt: '2026-11-01T08:00:00.000Z' }, { started_at: '2026-11-22T10:15:00.000Z' }, now);
    expect(slot.toISOString()).toBe('2026-11-22T16:15:00.000Z');
  });
  it('a cron schedule gives its next run after the last scan', () => {
    const slot = roundSlot({ schedule: '0 3 * * *', createdAt: '2026-11-01T08:00:00.000Z' }, { started_at: '2026-11-22T10:15:00.000Z' }, now);
    expect(slot.getTime()).toBeGreaterThan(Date.parse('2026-11-22T10:15:00.000Z'));
    expect(slot.getTime() - Date.parse('2026-11-22T10:15:00.000Z')).toBeLessThanOrEqual(24 * 3600_000);
  });
});

describe('planRound against a real store', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'praxiswache-rounds-'));
    store = await openStore({ data: dir });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const report = (startedAt: string, interrupted = false): ScanReport => ({
    scanner: { name: 'praxiswache', version: 'test' },
    startedAt,
    finishedAt: startedAt,
    targets: ['127.62.200.1'],
    interrupted,
    hosts: [],
    findings: [],
  });

  it('keeps one job id until the round has run, then moves to the next slot', async () => {
    const site = await store.sites.add({
      name: 'praxis-rounds', land: 'BE', targets: ['127.62.200.1'], ports: '22', contacts: { emails: [], webhooks: [] },
      language: 'de', schedule: 'every 1h', remindAfterHours: 24,
    });
    const now = new Date(Date.parse(site.createdAt) + 5 * 3600_000);
    const first = await planRound(store, site, now);
    expect(first).toMatchObject({ due: true, running: false, data: { siteId: site.id, siteName: 'praxis-rounds', slot: site.createdAt } });
    expect((await planRound(store, site, new Date(now.getTime() + 60_000))).jobId).toBe(first.jobId);

    // a worker has begun the round: same id (the running scan does not count), flagged running
    const scanId = await store.scans.begin(site.id, site.targets, new Date(now.getTime() - 1000).toISOString());
    expect(await planRound(store, site, now)).toMatchObject({ jobId: first.jobId, running: true });

    await store.scans.complete(scanId, report(new Date(now.getTime() - 1000).toISOString()));
    const next = await planRound(store, site, now);
    expect(next.jobId).not.toBe(first.jobId);
    expect(next).toMatchObject({ due: false, running: false });
    expect(Date.parse(next.data.slot)).toBe(now.getTime() - 1000 + 3600_000);

    // an interrupted scan that started later also ends a round
    const later = new Date(now.getTime() + 10 * 60_000).toISOString();
    await store.scans.save(site.id, report(later, true));
    expect(Date.parse((await planRound(store, site, now)).data.slot)).toBe(Date.parse(later) + 3600_000);
  });
});
