import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboard, HOSTILE, login, NOW, seedStore, type Seeded } from './support.js';

let seeded: Seeded;
let app: FastifyInstance;
let cookies: Record<string, string>;
beforeAll(async () => {
  seeded = await seedStore();
  app = await dashboard(seeded.store, { now: () => NOW });
  ({ cookies } = await login(app));
});
afterAll(async () => {
  await app.close();
  await seeded.close();
});

const get = async (url: string) => {
  const res = await app.inject({ url, cookies });
  expect(res.statusCode, url).toBe(200);
  return res.body;
};

/** The text of a table row that contains `marker`. */
const rowWith = (page: string, marker: string): string => page.split('<tr>').find((r) => r.includes(marker)) ?? '';

describe('dashboard pages from the store', () => {
  it('overview: each site with Land, last scan, open findings by severity and deviations from the baseline', async () => {
    const page = await get('/');
    const celle = rowWith(page, 'praxis-celle');
    expect(celle).toContain(`href="/sites/${seeded.siteId}"`);
    expect(celle).toContain('<td>NI</td>');
    expect(celle).toContain('02.06.2024, 10:00 MESZ'); // 08:00 UTC in Berlin summer time
    expect(celle).toContain('abgeschlossen');
    expect(celle).toMatch(/1 <span class="sev sev-critical">KRITISCH<\/span>, 1 <span class="sev sev-medium">MITTEL<\/span>/);
    // Against the baseline (443 only): port 441 opened, two new findings.
    expect(celle).toContain('<span class="warn">3</span>');
    const hostile = rowWith(page, 'BY');
    expect(hostile).toContain('abgebrochen (unvollständig)');
    expect(hostile).toContain('keine Baseline freigegeben');
  });

  it('site page: open findings with masked evidence as stored, first and last seen, deviations and recent scans', async () => {
    const page = await get(`/sites/${seeded.siteId}`);
    const listing = rowWith(page, 'Document listing without authentication');
    expect(listing).toContain('127.61.1.10:441');
    expect(listing).toContain('12 PDF files listed, names masked: Mu…(14)');
    expect(listing).toContain('KRITISCH');
    expect(listing).toContain('Patientendaten');
    expect(listing).toContain('02.06.2024, 10:00 MESZ');
    expect(page).toContain('Port geöffnet');
    expect(page).toContain('Baseline: Scan 1, freigegeben von anna');
    // Scan 2: two open ports, two findings; scan 1 (the baseline): one port, none.
    expect(rowWith(page, '<td>2</td><td class="">abgeschlossen')).toMatch(/<td>2<\/td><td>2<\/td><\/tr>/);
    expect(rowWith(page, '<td>1</td><td class="">abgeschlossen')).toMatch(/<td>1<\/td><td>0<\/td><\/tr>/);
    // Critical first.
    expect(page.indexOf('Document listing')).toBeLessThan(page.indexOf('TLS 1.0'));
  });

  it('escapes hostile names, titles and evidence everywhere', async () => {
    const pages = [await get('/'), await get(`/sites/${seeded.siteId}`), await get(`/sites/${seeded.quietSiteId}`), await get('/?lang=en')];
    for (const page of pages) {
      expect(page).not.toContain('<script>');
      expect(page).not.toContain('<img src=x');
    }
    expect(pages[0]).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(pages[1]).toContain('TLS 1.0 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(pages[1]).toContain('accepted &lt;img src=x onerror=alert(1)&gt;');
    expect(pages[2]).toContain(`<h1>Standort ${HOSTILE.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</h1>`);
  });

  it('incidents: severity, the 72-hour clock in Berlin time with hours left, the decision and the documents', async () => {
    const list = await get('/incidents');
    const row = rowWith(list, 'Befunde über Port 441 lesbar');
    expect(row).toContain('praxis-celle / NI');
    // Aware at 08:00 UTC on 3 June: due 6 June 10:00 Berlin (UTC+2), 70 h left at NOW.
    expect(row).toContain('06.06.2024, 10:00 MESZ');
    expect(row).toContain('noch 70 Std.');
    expect(row).toContain('Behörde melden (Art. 33) und Patienten benachrichtigen (Art. 34)');

    const page = await get(`/incidents/${seeded.incidentId}`);
    expect(page).toMatch(/Schweregrad<\/dt><dd>[^<]+\(\d\/4, [a-z-]+, [\d.]+\)/);
    expect(page).toContain(`href="/incidents/${seeded.incidentId}/notice-art33"`);
    expect(page).toContain(`href="/incidents/${seeded.incidentId}/letter-art34"`);
    expect(page).toContain('Gesundheitsdaten (Art. 9 DSGVO)');
    expect(page).toContain('<dt>Status</dt><dd>offen</dd>');
    // What the notice still lacks, as the flags of `incident update` (the CLI's own wording).
    expect(page).toContain(`praxiswache incident update ${seeded.incidentId}):</p><pre>--controller`);
    expect(page).toContain(`#${seeded.findingId} Document listing without authentication · http.document-listing 127.61.1.10:441`);
  });

  it('shows the clock as overdue once 72 hours have passed', async () => {
    const late = await dashboard(seeded.store, { now: () => new Date(NOW.getTime() + 80 * 3600_000) });
    try {
      const { cookies: c } = await login(late);
      const page = (await late.inject({ url: `/incidents/${seeded.incidentId}?lang=en`, cookies: c })).body;
      expect(page).toContain('<span class="warn">overdue by 10 h</span>');
    } finally {
      await late.close();
    }
  });

  it('renders the Art. 33 notice and the Art. 34 letter with the respond renderers, styled only by hash', async () => {
    const notice = await app.inject({ url: `/incidents/${seeded.incidentId}/notice-art33`, cookies });
    expect(notice.statusCode).toBe(200);
    expect(notice.body).toContain('Niedersachsen');
    expect(notice.body).toContain('[FEHLT]');
    expect(notice.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]{44}';/);
    expect(notice.headers['x-frame-options']).toBe('DENY');
    const letter = await app.inject({ url: `/incidents/${seeded.incidentId}/letter-art34?lang=en`, cookies });
    expect(letter.statusCode).toBe(200);
    expect(letter.body).toContain('<html lang="en">');
    expect((await app.inject({ url: '/incidents/99/notice-art33', cookies })).statusCode).toBe(404);
  });

  it('speaks English with ?lang=en and keeps the language in its links', async () => {
    const page = await get('/?lang=en');
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Deviations from the baseline');
    expect(page).toContain(`href="/sites/${seeded.siteId}?lang=en"`);
    expect(page).toContain('interrupted (partial)');
    const english = await dashboard(seeded.store, { lang: 'en', now: () => NOW });
    try {
      const { cookies: c } = await login(english);
      expect((await english.inject({ url: '/incidents', cookies: c })).body).toContain('70 h left');
    } finally {
      await english.close();
    }
  });

  it('answers unknown ids and malformed ids with 404', async () => {
    for (const url of ['/sites/999', '/sites/abc', '/sites/0', '/incidents/999', '/incidents/1e3', '/api/v1/sites/999', '/api/v1/incidents/x']) {
      expect((await app.inject({ url, cookies })).statusCode, url).toBe(404);
    }
  });
});

describe('dashboard JSON API', () => {
  it('lists sites with counts and deviations, without contacts or webhook secrets', async () => {
    const res = await app.inject({ url: '/api/v1/sites', cookies });
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    const { sites } = res.json<{ sites: { name: string; land: string; openFindings: Record<string, number>; deviations: unknown[] | null; lastScan: { status: string } }[] }>();
    const celle = sites.find((s) => s.name === 'praxis-celle');
    expect(celle).toMatchObject({ land: 'NI', openFindings: { critical: 1, medium: 1, high: 0 }, lastScan: { status: 'finished' } });
    expect(celle?.deviations).toHaveLength(3);
    expect(sites.find((s) => s.land === 'BY')).toMatchObject({ deviations: null, lastScan: { status: 'interrupted' } });
    expect(res.body).not.toContain('webhook-secret');
    expect(res.body).not.toContain('it@praxis.example');
  });

  it('gives one site with its open findings, and incidents in the shape of incident show --format json', async () => {
    const site = (await app.inject({ url: `/api/v1/sites/${seeded.siteId}`, cookies })).json<{ openFindings: { checkId: string; evidence: string }[] }>();
    expect(site.openFindings.map((f) => f.checkId).sort()).toEqual(['http.document-listing', 'tls.weak']);
    const incident = (await app.inject({ url: `/api/v1/incidents/${seeded.incidentId}`, cookies })).json<{ id: number; deadline: { hoursLeft: number; due: string }; decision: { action: string } }>();
    expect(incident).toMatchObject({ id: seeded.incidentId, deadline: { hoursLeft: 70, due: '2024-06-06T10:00:00+02:00' }, decision: { action: 'notify-authority-and-patients' } });
    const list = (await app.inject({ url: '/api/v1/incidents', cookies })).json<{ incidents: unknown[] }>();
    expect(list.incidents).toHaveLength(1);
  });
});
