import { httpRequest } from '../http-client.js';
import { INCIDENTS } from '../incidents.js';
import type { Check, CheckContext, CheckTarget, FindingDraft } from '../types.js';
import type { Localized } from '../../core/types.js';
import { countedIn } from '../evidence.js';
import { isRecord, jsonOf } from './json-reply.js';

/**
 * pacs.web-api-unauth — the web API of a PACS lists patients or studies without credentials:
 * Orthanc's REST API (port 8042 by default) or a DICOMweb QIDO-RS endpoint. Whoever finds it
 * can page through every study, and with Orthanc's REST API also download or delete them.
 *
 * Proof, two independent observations each:
 *  - Orthanc: /system answers with Orthanc's identity (DicomAet, ApiVersion) AND /patients
 *    answers with a JSON list of ids, both without credentials. Counts come from /statistics,
 *    so not even the ids are read beyond one page of at most 5.
 *  - QIDO-RS: GET …/studies answers with DICOM JSON (objects keyed by tags with a "vr"),
 *    at least one study carrying a Study Instance UID (0020000D). Only the count is kept.
 * 401/403 (the fixed twin) produces nothing.
 *
 * Sample evidence: "Orthanc REST API without credentials: /system, /patients answered; 3
 * patients, 4 studies (from /statistics)" (de: "Orthanc-REST-API ohne Anmeldung: /system und /patients
 * beantwortet; 3 Patienten, 4 Studien (laut /statistics)")
 */
const QIDO_PATHS = ['/dicom-web/studies', '/dcm4chee-arc/aets/DCM4CHEE/rs/studies', '/studies'];
const QIDO_LIMIT = 100;

export const webApiUnauth: Check = {
  meta: {
    id: 'pacs.web-api-unauth',
    severity: 'critical',
    title: {
      de: 'PACS-Web-Schnittstelle listet Patienten ohne Anmeldung',
      en: 'PACS web API lists patients without authentication',
    },
    description: {
      de: 'Die REST- oder DICOMweb-Schnittstelle eines Bildarchivs (z. B. Orthanc, QIDO-RS) listet Patienten oder Studien ohne Zugangsdaten.',
      en: 'The REST or DICOMweb API of an image archive (e.g. Orthanc, QIDO-RS) lists patients or studies without credentials.',
    },
    remediation: {
      de: 'Anmeldung erzwingen (Orthanc: AuthenticationEnabled=true mit eigenen RegisteredUsers, RemoteAccessAllowed nur mit Anmeldung), die Web-Schnittstelle nur im Praxisnetz bzw. per VPN erreichbar machen und HTTPS verwenden. Zugriffe Dritter prüfen und die Meldepflicht nach Art. 33 DSGVO klären.',
      en: 'Enforce authentication (Orthanc: AuthenticationEnabled=true with your own RegisteredUsers, RemoteAccessAllowed only with authentication), keep the web API inside the practice network or behind a VPN, and use HTTPS. Check for third-party access and assess the GDPR Art. 33 notification duty.',
    },
    cwe: [306, 284, 359],
    kbv: ['topic/access-control', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [INCIDENTS.openPacs2019],
    intrusive: true,
  },

  appliesTo: (target) => target.service.name === 'http',

  async run(target, ctx) {
    const drafts: FindingDraft[] = [];
    const orthanc = await orthancRest(target, ctx);
    if (orthanc) drafts.push(orthanc);
    const qido = await qidoStudies(target, ctx);
    if (qido) drafts.push(qido);
    return drafts;
  },
};

const getJson = async (target: CheckTarget, ctx: CheckContext, path: string, accept = 'application/json'): Promise<unknown> =>
  jsonOf(await httpRequest(target, ctx, { path, headers: { Accept: accept } }));

async function orthancRest(target: CheckTarget, ctx: CheckContext): Promise<FindingDraft | null> {
  const system = await getJson(target, ctx, '/system');
  if (!isRecord(system) || !('DicomAet' in system || 'ApiVersion' in system)) return null;
  // Orthanc 1.10 refuses "limit" without "since" (400).
  const patients = await getJson(target, ctx, '/patients?since=0&limit=5');
  if (!Array.isArray(patients) || !patients.every((id) => typeof id === 'string')) return null;
  const stats = await getJson(target, ctx, '/statistics');
  const count = (key: string): number | undefined => (isRecord(stats) && typeof stats[key] === 'number' ? stats[key] : undefined);
  const patientCount = count('CountPatients');
  const studyCount = count('CountStudies');
  const listed = `${patients.length}${patients.length === 5 ? '+' : ''}`;
  const counts: Localized =
    patientCount !== undefined && studyCount !== undefined
      ? {
          de: `${countedIn(patientCount, 'Patient', 'Patienten')}, ${countedIn(studyCount, 'Studie', 'Studien')} (laut /statistics)`,
          en: `${countedIn(patientCount, 'patient', 'patients')}, ${countedIn(studyCount, 'study', 'studies')} (from /statistics)`,
        }
      : { de: `${listed} Patienten-IDs gelistet`, en: `${listed} patient ids listed` };
  const any = (patientCount ?? patients.length) > 0;
  return {
    // An empty archive behind an open API is still open (upload, delete), but nobody's data is out yet.
    ...(any ? {} : { severity: 'high' as const }),
    // Counts only, so the text stays short whatever the server answers.
    evidence: {
      de: `Orthanc-REST-API ohne Anmeldung: /system und /patients beantwortet; ${counts.de}`,
      en: `Orthanc REST API without credentials: /system, /patients answered; ${counts.en}`,
    },
    personalData: any,
    key: 'orthanc-rest',
  };
}

async function qidoStudies(target: CheckTarget, ctx: CheckContext): Promise<FindingDraft | null> {
  for (const path of QIDO_PATHS) {
    if (ctx.signal.aborted) break;
    const studies = await getJson(target, ctx, `${path}?limit=${QIDO_LIMIT}`, 'application/dicom+json');
    if (!Array.isArray(studies)) continue;
    const found = studies.filter((s) => isRecord(s) && isRecord(s['0020000D']) && 'vr' in s['0020000D']).length;
    if (found === 0) continue;
    const more = found >= QIDO_LIMIT ? '+' : '';
    return {
      evidence: {
        de: `DICOMweb QIDO-RS ${path} ohne Anmeldung: ${found}${more} ${found === 1 ? 'Studie' : 'Studien'}`,
        en: `DICOMweb QIDO-RS ${path} without credentials: ${countedIn(found, 'study', 'studies')}${more}`,
      },
      personalData: true,
      key: `qido:${path}`,
    };
  }
  return null;
}
