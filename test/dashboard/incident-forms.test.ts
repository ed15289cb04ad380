import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRepository } from '../../src/dashboard/users.js';
import type { Incident } from '../../src/respond/model.js';
import { IncidentService } from '../../src/respond/service.js';
import { cookiesOf, dashboard, HOSTILE, NOW, ORIGIN, postLogin, seedStore, type Seeded } from './support.js';

/** The data protection officer; the seed's own changes are by "anna", so the author tells who did it. */
const DPO = 'dora-dsb';
const DPO_PASSWORD = 'dora-passwort-lang-genug';

let seeded: Seeded;
let app: FastifyInstance;
let service: IncidentService;
let cookies: Record<string, string>;
let csrf: string;
beforeAll(async () => {
  seeded = await seedStore();
  await new UserRepository(seeded.store).add(DPO, DPO_PASSWORD);
  service = new IncidentService(seeded.store, { now: () => NOW });
  app = await dashboard(seeded.store, { now: () => NOW });
  const res = await postLogin(app, DPO, DPO_PASSWORD);
  expect(res.statusCode).toBe(303);
  cookies = { praxiswache_session: cookiesOf(res).praxiswache_session ?? '' };
  csrf = /name="csrf" value="([^"]+)"/.exec((await app.inject({ url: '/', cookies })).body)?.[1] ?? '';
  expect(csrf).toMatch(/\S{20,}/);
});
afterAll(async () => {
  await app.close();
  await seeded.close();
});

type Fields = Record<string, string | string[]>;

function formBody(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) params.append(name, v);
  return params.toString();
}

const post = (url: string, fields: Fields, headers: Record<string, string> = { origin: ORIGIN }, withToken = true) =>
  app.inject({ method: 'POST', url, cookies, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: formBody(withToken ? { csrf, ...fields } : fields) });

/** An incident on the seeded site, opened through the service as `incident open` would. */
const openIncident = (input: Partial<Parameters<IncidentService['open']>[0]> = {}): Promise<number> =>
  service.open({ title: 'Test', site: seeded.siteId, discoveredAt: new Date('2024-06-03T07:00:00Z'), ...input }, 'anna');

/** Everything but the ids, to compare a dashboard change with the same change made through the service. */
const comparable = (i: Incident) => ({
  title: i.title, siteId: i.siteId, land: i.land, status: i.status, timeline: i.timeline, delayReasons: i.delayReasons,
  findings: i.findings, assessment: i.assessment, decision: i.decision, deadline: i.deadline,
  history: i.history.map((e) => ({ ...e, change: { ...e.change } })),
});

describe('opening an incident from a site page', () => {
  it('offers the form with the findings that mark patient data pre-selected', async () => {
    const page = (await app.inject({ url: `/sites/${seeded.siteId}`, cookies })).body;
    expect(page).toContain('Vorfall eröffnen');
    expect(page).toContain(`action="/sites/${seeded.siteId}/incidents"`);
    const boxes = [...page.matchAll(/<input type="checkbox" name="finding" value="(\d+)"( checked)?>/g)].map((m) => [Number(m[1]), m[2] !== undefined]);
    expect(boxes).toContainEqual([seeded.findingId, true]);
    // The weak-TLS finding marks no patient data: offered, not selected.
    expect(boxes.filter(([, checked]) => !checked)).toHaveLength(1);
  });

  it('opens it as `incident open` does, in Berlin time, with the logged-in user as author', async () => {
    const before = (await service.list()).length;
    const res = await post(`/sites/${seeded.siteId}/incidents`, { title: 'Röntgenbilder offen', discoveredAt: '2024-06-03T09:00', awareAt: '2024-06-03T09:30', finding: [String(seeded.findingId)] });
    expect(res.statusCode).toBe(303);
    const id = Number(/^\/incidents\/(\d+)$/.exec(res.headers.location as string)?.[1]);
    expect((await service.list()).length).toBe(before + 1);
    const made = await service.get(id);
    // June: Berlin is UTC+2.
    expect(made.timeline).toMatchObject({ discoveredAt: '2024-06-03T07:00:00.000Z', awareAt: '2024-06-03T07:30:00.000Z', awareDecidedBy: DPO });
    expect(made.history).toEqual([expect.objectContaining({ kind: 'opened', author: DPO })]);
    const twin = await service.get(await service.open({ title: 'Röntgenbilder offen', site: seeded.siteId, discoveredAt: new Date('2024-06-03T07:00:00Z'), awareAt: new Date('2024-06-03T07:30:00Z'), findingIds: [seeded.findingId] }, DPO));
    expect(comparable(made)).toEqual(comparable(twin));
  });

  it('an empty discovery time with an earlier awareness takes the awareness as discovery, as the CLI does', async () => {
    const res = await post(`/sites/${seeded.siteId}/incidents`, { title: 'Nur Kenntnisnahme', discoveredAt: '', awareAt: '2024-06-03T09:30' });
    expect(res.statusCode, res.body).toBe(303);
    const made = await service.get(Number(/^\/incidents\/(\d+)$/.exec(res.headers.location as string)?.[1]));
    expect(made.timeline).toMatchObject({ discoveredAt: '2024-06-03T07:30:00.000Z', awareAt: '2024-06-03T07:30:00.000Z' });
  });

  it('keeps ?lang=en on the redirect', async () => {
    const res = await post(`/sites/${seeded.siteId}/incidents?lang=en`, { title: 'English' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/incidents\/\d+\?lang=en$/);
  });

  it('refuses awareness before discovery, shows why in German and the input escaped, and opens nothing', async () => {
    const before = (await service.list()).length;
    const res = await post(`/sites/${seeded.siteId}/incidents`, { title: HOSTILE, discoveredAt: '2024-06-03T09:00', awareAt: '2024-06-03T08:00' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Nicht gespeichert, nichts wurde geändert: Die Kenntnis kann nicht vor der Entdeckung liegen');
    expect(res.body).toContain('value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"');
    expect(res.body).not.toContain(HOSTILE);
    expect(res.body).toContain('value="2024-06-03T08:00"');
    expect((await service.list()).length).toBe(before);
  });

  it('refuses a finding that does not exist and opens nothing', async () => {
    const before = (await service.list()).length;
    const res = await post(`/sites/${seeded.siteId}/incidents`, { title: 'x', finding: [String(seeded.findingId), '99999'] });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Befund 99999 gibt es nicht.');
    expect((await service.list()).length).toBe(before);
  });

  it('escapes a hostile time in the echoed message', async () => {
    const res = await post(`/sites/${seeded.siteId}/incidents?lang=en`, { title: 'x', awareAt: '"><img src=x onerror=alert(1)>' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('is not an ISO 8601 time');
    expect(res.body).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(res.body).not.toContain('<img src=x');
  });
});

describe('changing an incident on its page', () => {
  it('shows the assessment, timeline and close forms with the current values', async () => {
    const page = (await app.inject({ url: `/incidents/${seeded.incidentId}`, cookies })).body;
    expect(page).toContain(`action="/incidents/${seeded.incidentId}/assess"`);
    expect(page).toContain(`action="/incidents/${seeded.incidentId}/timeline"`);
    expect(page).toContain(`action="/incidents/${seeded.incidentId}/close"`);
    // Aware at 08:00 UTC = 10:00 in Berlin summer time.
    expect(page).toContain('name="awareAt" value="2024-06-03T10:00"');
  });

  it('assesses as `incident assess` does: DPC with reason, EI, C/I/A, malicious', async () => {
    const id = await openIncident();
    const res = await post(`/incidents/${id}/assess`, { dpc: '3', category: 'sensitive', dpcReason: 'nur Terminliste', ei: '0.75', confidentiality: '0.5', integrity: '0.25', availability: '0', malicious: 'on' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/incidents/${id}`);
    const done = await service.get(id);
    expect(done.assessment?.author).toBe(DPO);
    expect(done.assessment?.input).toEqual({ category: 'sensitive', adjustments: [{ delta: -1, reason: 'nur Terminliste' }], ei: 0.75, confidentiality: 0.5, integrity: 0.25, availability: 0, malicious: true });
    expect(done.assessment?.result.score).toBe(3 * 0.75 + 0.5 + 0.25 + 0.5);
    expect(done.history.at(-1)).toMatchObject({ kind: 'assessed', author: DPO });
    const twin = await openIncident();
    await service.assess(twin, { category: 'sensitive', adjustments: [{ delta: -1, reason: 'nur Terminliste' }], ei: 0.75, confidentiality: 0.5, integrity: 0.25, availability: 0, malicious: true }, DPO);
    expect(comparable(done).assessment).toEqual(comparable(await service.get(twin)).assessment);
  });

  it.each([
    [{ dpc: '4', ei: '2' }, 'EI muss einer der Werte 0.25, 0.5, 0.75, 1 sein (angegeben: 2)'],
    [{ dpc: '5', ei: '1' }, 'Der DPC muss zwischen 1 und 4 liegen (angegeben: 5)'],
    [{ dpc: '3', category: 'sensitive', ei: '1' }, 'DPC 3 weicht vom Grundwert 4 der Kategorie „sensitive“ ab'],
    [{ dpc: '4', ei: '1', confidentiality: '0.75' }, 'Der Verlust der Vertraulichkeit muss einer der Werte 0, 0.25, 0.5 sein (angegeben: 0.75)'],
  ])('refuses the assessment %j with the reason and changes nothing', async (fields, message) => {
    const id = seeded.incidentId;
    const before = comparable(await service.get(id));
    const res = await post(`/incidents/${id}/assess`, fields);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(message);
    expect(res.body).toContain(`value="${fields.dpc}"`); // what was typed is shown again
    expect(comparable(await service.get(id))).toEqual(before);
  });

  it('shows the refusal in English on an English page', async () => {
    const res = await post(`/incidents/${seeded.incidentId}/assess?lang=en`, { dpc: '4', ei: '2' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Not saved, nothing was changed: EI must be one of 0.25, 0.5, 0.75, 1 (got 2)');
  });

  it('records the timeline across the switch to summer time, as `incident update` does', async () => {
    const id = await openIncident({ discoveredAt: new Date('2025-03-29T12:00:00Z') });
    // 30 March 2025: 01:30 is still CET (UTC+1), 03:30 already CEST (UTC+2).
    const res = await post(`/incidents/${id}/timeline`, { awareAt: '2025-03-30T01:30', awareDecidedBy: '', notifiedAuthorityAt: '', notifiedPatientsAt: '2025-03-30T03:30', delayReasons: '' });
    expect(res.statusCode).toBe(303);
    const done = await service.get(id);
    expect(done.timeline).toMatchObject({ awareAt: '2025-03-30T00:30:00.000Z', notifiedPatientsAt: '2025-03-30T01:30:00.000Z', awareDecidedBy: DPO });
    expect(done.history.at(-1)).toMatchObject({ kind: 'updated', author: DPO });
    const twin = await openIncident({ discoveredAt: new Date('2025-03-29T12:00:00Z') });
    await service.update(twin, { awareAt: new Date('2025-03-30T00:30:00Z'), notifiedPatientsAt: new Date('2025-03-30T01:30:00Z') }, DPO);
    expect(comparable(done)).toEqual(comparable(await service.get(twin)));
    // The page shows the values back in Berlin time, and saving it unchanged changes nothing.
    const page = (await app.inject({ url: `/incidents/${id}`, cookies })).body;
    expect(page).toContain('name="awareAt" value="2025-03-30T01:30"');
    expect(page).toContain('name="notifiedPatientsAt" value="2025-03-30T03:30"');
    const again = await post(`/incidents/${id}/timeline`, { awareAt: '2025-03-30T01:30', awareDecidedBy: DPO, notifiedAuthorityAt: '', notifiedPatientsAt: '2025-03-30T03:30', delayReasons: '' });
    expect(again.statusCode).toBe(303);
    expect((await service.get(id)).history).toHaveLength(done.history.length);
  });

  it.each([
    [{ awareAt: '2025-03-30T02:30' }, 'gibt es in Europe/Berlin nicht'],
    [{ awareAt: '2025-03-29T12:30' }, 'Die Kenntnis kann nicht vor der Entdeckung liegen'],
    [{ awareAt: '2025-03-30T10:00', notifiedAuthorityAt: '2025-03-30T12:00' }, 'Die Meldung nach Art. 33 ist noch unvollständig'],
    [{ notifiedPatientsAt: '2025-03-30T12:00' }, 'Bitte zuerst den Zeitpunkt der Kenntnis erfassen'],
  ])('refuses the timeline %j with the reason and changes nothing', async (fields, message) => {
    const id = await openIncident({ discoveredAt: new Date('2025-03-29T12:00:00Z') });
    const before = comparable(await service.get(id));
    const res = await post(`/incidents/${id}/timeline`, fields);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(message);
    expect(comparable(await service.get(id))).toEqual(before);
  });

  it('a late notification needs the reasons for the delay; resaving the page records no follow-up', async () => {
    const id = await openIncident({ discoveredAt: new Date('2024-05-29T08:00:00Z'), awareAt: new Date('2024-05-29T08:00:00Z') });
    const details = {
      controller: 'Praxis Dr. Beispiel, Celle', nature: 'Befundordner ohne Anmeldung lesbar', subjectCategories: ['Patienten'], subjectsApprox: 1200,
      recordCategories: ['Befunde'], recordsApprox: 3400, contact: 'DSB, dsb@praxis.example', consequences: 'Offenlegung', measures: 'Port geschlossen',
    };
    await service.update(id, { details }, 'anna');
    const fields = { awareAt: '2024-05-29T10:00', awareDecidedBy: 'anna', notifiedAuthorityAt: '2024-06-03T11:00', notifiedPatientsAt: '', delayReasons: '' };
    const before = comparable(await service.get(id));
    const late = await post(`/incidents/${id}/timeline`, fields);
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('mehr als 72 Stunden nach Kenntnis gemeldet');
    expect(comparable(await service.get(id))).toEqual(before);

    const ok = await post(`/incidents/${id}/timeline`, { ...fields, delayReasons: 'Urlaub <b>der</b> DSB' });
    expect(ok.statusCode).toBe(303);
    const done = await service.get(id);
    expect(done.timeline.notifiedAuthorityAt).toBe('2024-06-03T09:00:00.000Z');
    expect(done.delayReasons).toBe('Urlaub <b>der</b> DSB');
    expect(done.history.slice(-2)).toMatchObject([{ kind: 'updated', author: DPO }, { kind: 'authority-notified', author: DPO }]);
    const page = (await app.inject({ url: `/incidents/${id}`, cookies })).body;
    expect(page).toContain('Urlaub &lt;b&gt;der&lt;/b&gt; DSB</textarea>');
    const resaved = await post(`/incidents/${id}/timeline`, { ...fields, delayReasons: 'Urlaub <b>der</b> DSB' });
    expect(resaved.statusCode).toBe(303);
    expect((await service.get(id)).authorityNotifications).toHaveLength(1);
  });

  it('closes the incident, with the user in the history; a closed incident offers no forms', async () => {
    const id = await openIncident();
    const res = await post(`/incidents/${id}/close`, { closedAt: '2024-06-03T11:45' });
    expect(res.statusCode).toBe(303);
    const done = await service.get(id);
    expect(done.status).toBe('closed');
    expect(done.timeline.closedAt).toBe('2024-06-03T09:45:00.000Z');
    expect(done.history.at(-1)).toMatchObject({ kind: 'closed', author: DPO });
    const page = (await app.inject({ url: `/incidents/${id}`, cookies })).body;
    expect(page).not.toContain('/close"');
    const twice = await post(`/incidents/${id}/close`, {});
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain(`Vorfall ${id} ist bereits abgeschlossen.`);
  });
});

describe('only from the dashboard’s own pages', () => {
  const attempts: [string, () => ReturnType<typeof post>][] = [
    ['no CSRF token', () => post(`/incidents/${seeded.incidentId}/close`, {}, { origin: ORIGIN }, false)],
    ['a wrong CSRF token', () => post(`/incidents/${seeded.incidentId}/close`, { csrf: 'x'.repeat(43) }, { origin: ORIGIN }, false)],
    ['a foreign Origin', () => post(`/incidents/${seeded.incidentId}/close`, {}, { origin: 'http://evil.example' })],
    ['a cross-site fetch', () => post(`/incidents/${seeded.incidentId}/assess`, { dpc: '4', ei: '1' }, { origin: ORIGIN, 'sec-fetch-site': 'cross-site' })],
    ['a foreign Origin on open', () => post(`/sites/${seeded.siteId}/incidents`, { title: 'x' }, { origin: 'http://evil.example' })],
    ['no token on the timeline', () => post(`/incidents/${seeded.incidentId}/timeline`, { delayReasons: 'x' }, { origin: ORIGIN }, false)],
  ];
  it.each(attempts)('%s: 403 and nothing changes', async (_name, attempt) => {
    const before = (await service.list()).map(comparable);
    const res = await attempt();
    expect(res.statusCode).toBe(403);
    expect((await service.list()).map(comparable)).toEqual(before);
  });

  it('without a session: 401 and nothing changes', async () => {
    const before = (await service.list()).map(comparable);
    const res = await app.inject({ method: 'POST', url: `/incidents/${seeded.incidentId}/close`, headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ csrf }) });
    expect(res.statusCode).toBe(401);
    expect((await service.list()).map(comparable)).toEqual(before);
  });
});
