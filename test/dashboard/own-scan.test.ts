/**
 * DESIGN.md §5: the dashboard passes praxiswache's own scan, and shows no patient data even
 * when the scanned practice exposed some. Both run the real scan pipeline over loopback.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { severityRank } from '../../src/core/types.js';
import { startDashboard } from '../../src/dashboard/server.js';
import { FAKE_SURNAMES } from '../../src/lab/fake-documents.js';
import { fakePatients } from '../../src/lab/fake-patients.js';
import { startFhirServer } from '../../src/lab/fhir-server.js';
import { runScan } from '../../src/scan/index.js';
import { freePort } from '../peers/support/daemon.js';
import { dashboard, login, seedStore, type Seeded } from './support.js';

const DASHBOARD_HOST = '127.61.11.1';
const FHIR_HOST = '127.61.12.1';

let seeded: Seeded;
beforeAll(async () => {
  seeded = await seedStore();
});
afterAll(async () => {
  await seeded.close();
});

/** A raw GET with a chosen Host header (fetch would not let us lie about it). */
function getWithHost(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: DASHBOARD_HOST, port, path: '/login', headers: { host }, timeout: 10_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the dashboard under its own scan', () => {
  it('shows an HTTP service with no finding above info', async () => {
    const port = await freePort(DASHBOARD_HOST);
    const running = await startDashboard({ store: seeded.store, lang: 'de', host: DASHBOARD_HOST, port, log: () => {} });
    try {
      const report = await runScan({ targets: [DASHBOARD_HOST], ports: String(port), timeoutMs: 5000 });
      expect(report.interrupted).toBe(false);
      const found = report.hosts.flatMap((h) => h.ports);
      expect(found.map((p) => [p.port, p.service.name])).toEqual([[port, 'http']]);
      const aboveInfo = report.findings.filter((f) => severityRank(f.severity) > severityRank('info'));
      expect(aboveInfo.map((f) => `${f.checkId}: ${f.evidence}`)).toEqual([]);
    } finally {
      await running.close();
    }
  });

  it('answers only to its own address as Host on loopback (DNS rebinding)', async () => {
    const port = await freePort(DASHBOARD_HOST);
    const running = await startDashboard({ store: seeded.store, lang: 'de', host: DASHBOARD_HOST, port, log: () => {} });
    try {
      expect(await getWithHost(port, `${DASHBOARD_HOST}:${port}`)).toBe(200);
      expect(await getWithHost(port, `localhost:${port}`)).toBe(200);
      expect(await getWithHost(port, `rebind.example:${port}`)).toBe(421);
      expect(await getWithHost(port, DASHBOARD_HOST)).toBe(421);
    } finally {
      await running.close();
    }
  });
});

describe('no patient data on the dashboard', () => {
  it('shows an open FHIR server as counts only, none of the names it served', async () => {
    const patients = fakePatients(6);
    const fhir = await startFhirServer({ host: FHIR_HOST, port: await freePort(FHIR_HOST), base: '/4_0_1/', patients });
    try {
      const report = await runScan({ targets: [FHIR_HOST], ports: String(fhir.port), timeoutMs: 5000 });
      expect(report.findings.map((f) => f.checkId)).toContain('fhir.patient-read');
      const site = await seeded.store.sites.add({
        name: 'praxis-fhir', land: 'HH', targets: [FHIR_HOST], ports: String(fhir.port),
        contacts: { emails: [], webhooks: [] }, language: 'de', schedule: 'every 24h', remindAfterHours: 168,
      });
      await seeded.store.saveScan(site.id, report);
      const app = await dashboard(seeded.store);
      try {
        const { cookies } = await login(app);
        const bodies = await Promise.all(
          ['/', `/sites/${site.id}`, `/sites/${site.id}?lang=en`, `/api/v1/sites/${site.id}`].map(async (url) => (await app.inject({ url, cookies })).body),
        );
        expect(bodies[1]).toContain('fhir.patient-read');
        const everything = bodies.join('\n');
        for (const p of patients) {
          for (const value of [p.family, p.given, p.birthDate, p.id]) expect(everything).not.toContain(value);
        }
        for (const name of FAKE_SURNAMES) expect(everything).not.toContain(name);
      } finally {
        await app.close();
      }
    } finally {
      await fhir.close();
    }
  });
});
