import { describe, expect, it } from 'vitest';
import { evidenceIn } from '../../../src/checks/evidence.js';
import { patientRead } from '../../../src/checks/fhir/patient-read.js';
import { FAKE_SURNAMES } from '../../../src/lab/fake-documents.js';
import { FAKE_GIVEN_NAMES, fakePatients } from '../../../src/lab/fake-patients.js';
import { startFhirServer } from '../../../src/lab/fhir-server.js';
import { startJsonApi } from '../../../src/lab/json-api-server.js';
import { closeAfterEach, startTcpServer } from '../../identify/tcp-fixtures.js';
import { checkContext, httpTarget } from '../context.js';

const HOST = '127.22.13.1';
const track = closeAfterEach();

describe('fhir.patient-read', () => {
  it('open FHIR under a versioned base /4_0_1/: total and element names, never values', async () => {
    const server = await track(startFhirServer({ host: HOST, port: 0, base: '/4_0_1/', patients: fakePatients(4) }));
    const drafts = await patientRead.run(httpTarget(HOST, server.port, false), checkContext());
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.evidence).toEqual({
      de: 'FHIR /4_0_1/Patient?_count=1 ohne Anmeldung: Bundle total 4, 1 Eintrag; vorhandene Elemente: birthDate, gender, name',
      en: 'FHIR /4_0_1/Patient?_count=1 without credentials: Bundle total 4, 1 entry; elements present: birthDate, gender, name',
    });
    for (const lang of ['de', 'en'] as const) {
      for (const name of [...FAKE_SURNAMES, ...FAKE_GIVEN_NAMES, 'fake-10']) expect(evidenceIn(drafts[0]!.evidence, lang)).not.toContain(name);
    }
  });

  it('uses the base the CapabilityStatement advertises', async () => {
    const statement = { resourceType: 'CapabilityStatement', implementation: { url: 'http://elsewhere.example/api/v2/fhir' } };
    const bundle = { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Patient', gender: 'male' } }] };
    const server = await track(startJsonApi({ host: HOST, port: 0, routes: new Map<string, unknown>([['/fhir/metadata', statement], ['/api/v2/fhir/Patient', bundle]]) }));
    const drafts = await patientRead.run(httpTarget(HOST, server.port, false), checkContext());
    expect(evidenceIn(drafts[0]!.evidence, 'en')).toBe('FHIR /api/v2/fhir/Patient?_count=1 without credentials: 1 entry; elements present: gender');
    expect(evidenceIn(drafts[0]!.evidence, 'de')).toBe('FHIR /api/v2/fhir/Patient?_count=1 ohne Anmeldung: 1 Eintrag; vorhandene Elemente: gender');
  });

  it('a bare JSON array of Patient resources counts too', async () => {
    const statement = { resourceType: 'CapabilityStatement' };
    const list = [{ resourceType: 'Patient', name: [] }, { resourceType: 'Patient', gender: 'female' }, { resourceType: 'Observation' }];
    const server = await track(startJsonApi({ host: HOST, port: 0, routes: new Map<string, unknown>([['/4_0_1/metadata', statement], ['/4_0_1/Patient', list]]) }));
    const drafts = await patientRead.run(httpTarget(HOST, server.port, false), checkContext());
    expect(drafts[0]!.evidence).toEqual({
      de: 'FHIR /4_0_1/Patient?_count=1 ohne Anmeldung: JSON-Array (kein Bundle), 2 Einträge; vorhandene Elemente: gender, name',
      en: 'FHIR /4_0_1/Patient?_count=1 without credentials: JSON array (no Bundle), 2 entries; elements present: gender, name',
    });
  });

  it('a soft-404 JSON server answering a CapabilityStatement on every path produces nothing', async () => {
    const body = JSON.stringify({ resourceType: 'CapabilityStatement', status: 'active' });
    const server = await track(
      startTcpServer(HOST, (socket) => socket.once('data', () => socket.end(`HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\nContent-Length: ${body.length}\r\n\r\n${body}`))),
    );
    expect(await patientRead.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });

  it('a Bundle cut short (announced length not delivered) is not evidence', async () => {
    const statement = JSON.stringify({ resourceType: 'CapabilityStatement' });
    const bundle = JSON.stringify({ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Patient', gender: 'male' } }] });
    const server = await track(
      startTcpServer(HOST, (socket) =>
        socket.once('data', (req) => {
          const metadata = req.toString('latin1').includes('metadata');
          const body = metadata ? statement : bundle;
          socket.end(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length + (metadata ? 0 : 500)}\r\n\r\n${body}`);
        }),
      ),
    );
    expect(await patientRead.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });

  it('fixed twin: the same server behind auth (401) produces nothing', async () => {
    const server = await track(startFhirServer({ host: HOST, port: 0, base: '/4_0_1/', patients: fakePatients(4), auth: { user: 'kis', password: 'lang-und-geheim' } }));
    expect(await patientRead.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });

  it('an open FHIR server without patients, and a non-FHIR JSON API, produce nothing', async () => {
    const empty = await track(startFhirServer({ host: HOST, port: 0, base: '/fhir/', patients: [] }));
    expect(await patientRead.run(httpTarget(HOST, empty.port, false), checkContext())).toEqual([]);
    const other = await track(startJsonApi({ host: HOST, port: 0, routes: new Map<string, unknown>([['/metadata', { ok: true }], ['/Patient', { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Patient' } }] }]]) }));
    expect(await patientRead.run(httpTarget(HOST, other.port, false), checkContext())).toEqual([]);
  });
});
