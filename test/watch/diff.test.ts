import { describe, expect, it } from 'vitest';
import type { AlertItem } from '../../src/store/alerts.js';
import type { ScanSnapshot } from '../../src/store/snapshot.js';
import { planAlerts } from '../../src/watch/alert-plan.js';
import { deviationsFromBaseline, type Deviation } from '../../src/watch/deviations.js';
import { diffIsEmpty, diffSnapshots } from '../../src/watch/diff.js';

const H = '127.14.9.9';

function snap(id: number, ports: [number, string, boolean, string?][], findings: [string, number, string][] = []): ScanSnapshot {
  return {
    scan: { id } as ScanSnapshot['scan'],
    ports: ports.map(([port, name, tls, version]) => ({ host: H, port, service: { name, tls, ...(version ? { version } : {}) } })),
    findings: findings.map(([checkId, port, severity], i) => ({
      findingId: 100 + i, fingerprint: `${checkId}:${port}`, checkId, host: H, port, severity: severity as 'high', title: checkId, personalData: true,
    })),
  };
}

describe('diffSnapshots', () => {
  it('reports opened/closed ports, changed services and new/resolved/changed findings', () => {
    const a = snap(1, [[443, 'https', true, '1.14'], [22, 'ssh', false]], [['tls.weak', 443, 'medium'], ['ftp.anonymous', 21, 'high']]);
    const b = snap(2, [[443, 'https', true, '1.18'], [441, 'https', true]], [['tls.weak', 443, 'high'], ['http.document-listing', 441, 'critical']]);
    const d = diffSnapshots(a, b);
    expect(d.portsOpened.map((p) => p.port)).toEqual([441]);
    expect(d.portsClosed.map((p) => p.port)).toEqual([22]);
    expect(d.servicesChanged).toMatchObject([{ port: 443, fields: ['version'] }]);
    expect(d.findingsNew.map((f) => f.checkId)).toEqual(['http.document-listing']);
    expect(d.findingsResolved.map((f) => f.checkId)).toEqual(['ftp.anonymous']);
    expect(d.severityChanged).toMatchObject([{ before: { severity: 'medium' }, after: { severity: 'high' } }]);
    expect(diffIsEmpty(d)).toBe(false);
    expect(diffIsEmpty(diffSnapshots(a, a))).toBe(true);
  });
});

describe('deviations and alert plan', () => {
  const baseline = snap(1, [[443, 'https', true]]);
  const celle = snap(2, [[443, 'https', true], [444, 'https', true], [446, 'https', true]], [['http.document-listing', 444, 'critical']]);

  it('a new open port is a deviation even without a finding; closing is not', () => {
    const dev = deviationsFromBaseline(baseline, celle);
    expect(dev.map((d) => d.key)).toEqual(['port:127.14.9.9:444', 'port:127.14.9.9:446', 'finding:http.document-listing:444']);
    expect(deviationsFromBaseline(celle, baseline)).toEqual([]);
    expect(deviationsFromBaseline(undefined, baseline).map((d) => d.kind)).toEqual(['port-opened']);
  });

  it('alerts once per change, reminds after the interval, gives all-clear only after a complete scan', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    const current = deviationsFromBaseline(baseline, celle);
    const first = planAlerts([], current, { now, remindAfterMs: 3_600_000, scanComplete: true });
    expect(first.toOpen).toHaveLength(3);
    const open: AlertItem<Deviation>[] = first.toOpen.map((d, i) => ({
      id: i + 1, siteId: 1, key: d.key, kind: d.kind, detail: d, openedAt: now.toISOString(), openedScanId: 2, lastAlertedAt: now.toISOString(), resolvedAt: null,
    }));
    const again = planAlerts(open, current, { now: new Date(now.getTime() + 60_000), remindAfterMs: 3_600_000, scanComplete: true });
    expect(again).toEqual({ toOpen: [], toRemind: [], toResolve: [] });
    const later = planAlerts(open, current, { now: new Date(now.getTime() + 3_600_000), remindAfterMs: 3_600_000, scanComplete: true });
    expect(later.toRemind).toHaveLength(3);
    expect(planAlerts(open, [], { now, remindAfterMs: 3_600_000, scanComplete: false }).toResolve).toEqual([]);
    expect(planAlerts(open, [], { now, remindAfterMs: 3_600_000, scanComplete: true }).toResolve).toHaveLength(3);
  });
});
