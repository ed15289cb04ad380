import { describe, expect, it } from 'vitest';
import { webApiUnauth } from '../../../src/checks/pacs/web-api-unauth.js';
import { FAKE_SURNAMES } from '../../../src/lab/fake-documents.js';
import { fakePatients } from '../../../src/lab/fake-patients.js';
import { startJsonApi } from '../../../src/lab/json-api-server.js';
import { startPacsWebApi } from '../../../src/lab/pacs-web-api.js';
import { closeAfterEach } from '../../identify/tcp-fixtures.js';
import { checkContext, httpTarget } from '../context.js';

const HOST = '127.22.12.1';
const track = closeAfterEach();

describe('pacs.web-api-unauth', () => {
  it('open Orthanc-like REST and QIDO: two findings with counts only', async () => {
    const server = await track(startPacsWebApi({ host: HOST, port: 0, patients: fakePatients(3) }));
    const drafts = await webApiUnauth.run(httpTarget(HOST, server.port, false), checkContext());
    expect(drafts.map((d) => d.evidence)).toEqual([
      {
        de: 'Orthanc-REST-API ohne Anmeldung: /system und /patients beantwortet; 3 Patienten, 4 Studien (laut /statistics)',
        en: 'Orthanc REST API without credentials: /system, /patients answered; 3 patients, 4 studies (from /statistics)',
      },
      { de: 'DICOMweb QIDO-RS /dicom-web/studies ohne Anmeldung: 4 Studien', en: 'DICOMweb QIDO-RS /dicom-web/studies without credentials: 4 studies' },
    ]);
    expect(drafts.every((d) => d.personalData && d.severity === undefined)).toBe(true);
    for (const name of FAKE_SURNAMES) expect(JSON.stringify(drafts)).not.toContain(name);
  });

  it('fixed twin: the same API behind basic auth (401) produces nothing', async () => {
    const server = await track(startPacsWebApi({ host: HOST, port: 0, patients: fakePatients(3), auth: { user: 'pacs', password: 'geheim-genug' } }));
    expect(await webApiUnauth.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });

  it('an empty open Orthanc is high, not critical, and not personal data', async () => {
    const server = await track(startPacsWebApi({ host: HOST, port: 0, patients: [] }));
    const drafts = await webApiUnauth.run(httpTarget(HOST, server.port, false), checkContext());
    expect(drafts).toEqual([
      {
        severity: 'high',
        evidence: {
          de: 'Orthanc-REST-API ohne Anmeldung: /system und /patients beantwortet; 0 Patienten, 0 Studien (laut /statistics)',
          en: 'Orthanc REST API without credentials: /system, /patients answered; 0 patients, 0 studies (from /statistics)',
        },
        personalData: false,
        key: 'orthanc-rest',
      },
    ]);
  });

  it('a JSON API that merely has /patients (no Orthanc identity, no DICOM JSON) produces nothing', async () => {
    const routes = new Map<string, unknown>([
      ['/patients', ['a', 'b']],
      ['/studies', [{ id: 1 }]],
      ['/system', { status: 'ok' }],
    ]);
    const server = await track(startJsonApi({ host: HOST, port: 0, routes }));
    expect(await webApiUnauth.run(httpTarget(HOST, server.port, false), checkContext())).toEqual([]);
  });
});
