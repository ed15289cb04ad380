import { afterEach, describe, expect, it } from 'vitest';
import { openAssociation } from '../../../src/checks/dicom/open-association.js';
import { patientQuery } from '../../../src/checks/dicom/patient-query.js';
import { evidenceIn } from '../../../src/checks/evidence.js';
import type { CheckTarget } from '../../../src/checks/types.js';
import { startDicomScp, type DicomPolicy } from '../../../src/lab/dicom-scp.js';
import type { RunningServer } from '../../../src/lab/document-server.js';
import { FAKE_GIVEN_NAMES, fakePatients } from '../../../src/lab/fake-patients.js';
import { FAKE_SURNAMES } from '../../../src/lab/fake-documents.js';
import { checkContext } from '../context.js';

const HOST = '127.22.11.1';
const patients = fakePatients(3);
const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function pacs(policy: DicomPolicy, knownPeers: string[] = [], aeTitle = 'PRAXISPACS'): Promise<CheckTarget> {
  const server = await startDicomScp({ host: HOST, port: 0, aeTitle, policy, patients, knownPeers });
  running.push(server);
  return { host: HOST, port: server.port, service: { name: 'dicom', tls: false } };
}

function expectNoPatientValues(text: string): void {
  for (const name of [...FAKE_SURNAMES, ...FAKE_GIVEN_NAMES, 'FAKE-10', 'Thorax', '2019']) expect(text).not.toContain(name);
}

describe('dicom.open-association', () => {
  it('an archive accepting any AE: C-ECHO success on the first called AE', async () => {
    const drafts = await openAssociation.run(await pacs('open'), checkContext());
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.severity).toBeUndefined();
    expect(drafts[0]!.evidence).toEqual({
      de: 'C-ECHO erfolgreich als PRAXISWACHE → ANY-SCP; versucht: ANY-SCP angenommen',
      en: 'C-ECHO success as PRAXISWACHE → ANY-SCP; tried: ANY-SCP accepted',
    });
  });

  it('fixed twin: known peers only → every called AE rejected, no finding', async () => {
    const ctx = checkContext();
    const started = Date.now();
    expect(await openAssociation.run(await pacs('known-peers', ['MODALITY1']), ctx)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(ctx.timeoutMs);
  });

  it('Orthanc default (echo allowed for anyone, C-FIND aborted) is still an open association', async () => {
    const drafts = await openAssociation.run(await pacs('abort-find'), checkContext());
    expect(evidenceIn(drafts[0]!.evidence, 'en')).toContain('C-ECHO success as PRAXISWACHE → ANY-SCP');
  });

  it('accepted but every request aborted: info only, each abort recorded, no timeout wait', async () => {
    const ctx = checkContext({ timeoutMs: 5000 });
    const started = Date.now();
    const drafts = await openAssociation.run(await pacs('abort-all'), ctx);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.severity).toBe('info');
    expect(evidenceIn(drafts[0]!.evidence, 'en')).toContain('ANY-SCP accepted, then A-ABORT (service-user, not specified)');
    expect(evidenceIn(drafts[0]!.evidence, 'de')).toMatch(
      /^Assoziation von PRAXISWACHE angenommen, C-ECHO aber nicht erfolgreich beantwortet; versucht: ANY-SCP angenommen, dann A-ABORT \(Anwendung, ohne Angabe\)/,
    );
  });

  it('records reject result, source and reason for each called AE', async () => {
    const drafts = await openAssociation.run(await pacs('known-peers', ['PRAXISWACHE'], 'ORTHANC'), checkContext());
    expect(drafts[0]!.evidence).toEqual({
      de:
        'C-ECHO erfolgreich als PRAXISWACHE → ORTHANC; versucht: ANY-SCP abgelehnt (dauerhaft, Anwendung: Called AE Title nicht erkannt); ' +
        'PACS abgelehnt (dauerhaft, Anwendung: Called AE Title nicht erkannt); ORTHANC angenommen',
      en:
        'C-ECHO success as PRAXISWACHE → ORTHANC; tried: ANY-SCP rejected (permanent, service-user: called AE title not recognized); ' +
        'PACS rejected (permanent, service-user: called AE title not recognized); ORTHANC accepted',
    });
  });
});

describe('dicom.patient-query', () => {
  it('an open archive: counts at patient and study level and attribute names, never values', async () => {
    const drafts = await patientQuery.run(await pacs('open'), checkContext());
    expect(drafts).toHaveLength(1);
    const evidence = evidenceIn(drafts[0]!.evidence, 'en');
    expect(evidence).toContain('C-FIND as PRAXISWACHE → ANY-SCP: patient level 3 matches, study level 4 matches');
    expect(evidence).toMatch(/attributes present: .*PatientBirthDate.*PatientName/);
    const german = evidenceIn(drafts[0]!.evidence, 'de');
    expect(german).toContain('C-FIND als PRAXISWACHE → ANY-SCP: Patientenebene 3 Treffer, Studienebene 4 Treffer');
    expect(german).toMatch(/vorhandene Attribute: .*PatientBirthDate.*PatientName.*; versucht: ANY-SCP angenommen$/);
    expect(drafts[0]!.personalData).toBe(true);
    expectNoPatientValues(evidence);
    expectNoPatientValues(german);
  });

  it('Orthanc-like abort on C-FIND: no finding, recorded abort, and no waiting for a timeout', async () => {
    const ctx = checkContext({ timeoutMs: 5000 });
    const started = Date.now();
    expect(await patientQuery.run(await pacs('abort-find'), ctx)).toEqual([]);
    // 7 called AEs, each aborted at once: far below one timeout.
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('fixed twin: known peers only → no finding', async () => {
    expect(await patientQuery.run(await pacs('known-peers', ['MODALITY1']), checkContext())).toEqual([]);
  });

  it('the fixed twin does serve a known peer (so its empty result means "refused", not "broken")', async () => {
    const target = await pacs('known-peers', ['PRAXISWACHE'], 'ORTHANC');
    const drafts = await patientQuery.run({ ...target, service: { name: 'dicom', tls: false, product: 'Orthanc' } }, checkContext());
    expect(evidenceIn(drafts[0]!.evidence, 'en')).toMatch(/^C-FIND as PRAXISWACHE → ORTHANC: patient level 3 matches, study level 4 matches;.*tried: ORTHANC accepted$/);
  });
});
