/**
 * A dashboard over a real SQLite store seeded through the Store API (a site, stored scan
 * reports, a baseline, an incident) and helpers to log in with fastify.inject the way a
 * browser does: fetch the form, post it with its token and cookie, keep the session cookie.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { ScanReport } from '../../src/core/types.js';
import { buildDashboard, type DashboardOptions } from '../../src/dashboard/server.js';
import { UserRepository } from '../../src/dashboard/users.js';
import { IncidentService } from '../../src/respond/service.js';
import { openStore, type Store } from '../../src/store/index.js';
import { approveBaseline } from '../../src/watch/approve.js';

export const USER = 'anna';
export const PASSWORD = 'korrekt-pferd-batterie';
export const HOSTILE = '<script>alert("x")</script>';
/** 2024-06-03T10:00Z: the seeded incident became known 2 hours earlier. */
export const NOW = new Date('2024-06-03T10:00:00Z');

export function report(at: string, ports: number[], findings: Partial<ScanReport['findings'][number]>[], interrupted = false): ScanReport {
  return {
    scanner: { name: 'praxiswache', version: 'test' },
    startedAt: at,
    finishedAt: at,
    targets: ['127.61.1.10'],
    interrupted,
    hosts: [{ address: '127.61.1.10', ports: ports.map((port) => ({ port, protocol: 'tcp' as const, state: 'open' as const, service: { name: 'https', tls: true } })) }],
    findings: findings.map((f) => ({
      checkId: 'http.document-listing',
      severity: 'critical' as const,
      host: '127.61.1.10',
      port: 441,
      title: 'Document listing without authentication',
      evidence: '12 PDF files listed, names masked: Mu…(14)',
      personalData: true,
      ...f,
    })),
  };
}

export interface Seeded {
  store: Store;
  dir: string;
  siteId: number;
  quietSiteId: number;
  incidentId: number;
  findingId: number;
  close(): Promise<void>;
}

/**
 * Site "praxis-celle" (NI): baseline scan with port 443 only, then a scan with 441 open and a
 * critical finding. A second site with a hostile name whose last scan was interrupted.
 * Incident #1 on the finding, aware two hours before NOW, assessed.
 */
export async function seedStore(): Promise<Seeded> {
  const dir = mkdtempSync(join(tmpdir(), 'praxiswache-dashboard-'));
  const store = await openStore({ data: dir });
  const site = await store.sites.add({
    name: 'praxis-celle', land: 'NI', targets: ['127.61.1.10'], ports: null,
    contacts: { emails: ['it@praxis.example'], webhooks: [{ url: 'https://hook.example/x', secret: 'webhook-secret-123456' }] },
    language: 'de', schedule: 'every 24h', remindAfterHours: 168,
  });
  const baselineScan = await store.saveScan(site.id, report('2024-06-01T08:00:00.000Z', [443], []));
  await approveBaseline(store, site, baselineScan, 'anna', null, new Date('2024-06-01T09:00:00Z'));
  await store.saveScan(site.id, report('2024-06-02T08:00:00.000Z', [443, 441], [{}, { checkId: 'tls.weak', severity: 'medium', port: 443, title: `TLS 1.0 ${HOSTILE}`, evidence: `accepted <img src=x onerror=alert(1)>`, personalData: false, key: 'tls10' }]));
  const [finding] = await store.listFindings({ siteId: site.id, open: true });
  if (!finding) throw new Error('seed: no finding stored');

  const quiet = await store.sites.add({
    name: HOSTILE, land: 'BY', targets: ['127.61.1.20'], ports: null, contacts: { emails: [], webhooks: [] },
    language: 'de', schedule: 'every 24h', remindAfterHours: 168,
  });
  const partial = report('2024-06-02T09:00:00.000Z', [22], [], true);
  partial.targets = ['127.61.1.20'];
  partial.hosts = [{ address: '127.61.1.20', ports: [{ port: 22, protocol: 'tcp', state: 'open', service: { name: 'ssh', tls: false } }] }];
  await store.saveScan(quiet.id, partial);

  const service = new IncidentService(store, { now: () => NOW });
  const incidentId = await service.open(
    { title: 'Befunde über Port 441 lesbar', site: site.id, findingIds: [finding.id], awareAt: new Date(NOW.getTime() - 2 * 3600_000), discoveredAt: new Date(NOW.getTime() - 3 * 3600_000) },
    'anna',
  );
  await service.assess(incidentId, { category: 'sensitive', ei: 1, confidentiality: 0.5, affected: 1200 }, 'anna');
  await new UserRepository(store).add(USER, PASSWORD);
  return {
    store, dir, siteId: site.id, quietSiteId: quiet.id, incidentId, findingId: finding.id,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A movable clock for expiry and throttling. */
export function testClock(start = NOW): { now: () => Date; advance: (ms: number) => void } {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

export function dashboard(store: Store, opts: Partial<DashboardOptions> = {}): Promise<FastifyInstance> {
  return buildDashboard({ store, lang: 'de', log: () => {}, ...opts });
}

/** name=value of each Set-Cookie of a response. */
export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
}

export const ORIGIN = 'http://localhost:80';

export async function postLogin(app: FastifyInstance, user: string, password: string, remoteAddress = '127.0.0.1'): Promise<LightMyRequestResponse> {
  const form = await app.inject({ url: '/login', remoteAddress });
  const token = /name="token" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  return app.inject({
    method: 'POST', url: '/login', remoteAddress,
    headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    cookies: cookiesOf(form),
    payload: new URLSearchParams({ token, user, password }).toString(),
  });
}

/** Logs in and returns the session cookie and the CSRF token of its pages. */
export async function login(app: FastifyInstance): Promise<{ cookies: Record<string, string>; csrf: string }> {
  const res = await postLogin(app, USER, PASSWORD);
  if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode} ${res.body.slice(0, 200)}`);
  const cookies = { praxiswache_session: cookiesOf(res).praxiswache_session ?? '' };
  const home = await app.inject({ url: '/', cookies });
  const csrf = /name="csrf" value="([^"]+)"/.exec(home.body)?.[1] ?? '';
  return { cookies, csrf };
}
