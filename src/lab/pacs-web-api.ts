import type { RunningServer } from './document-server.js';
import type { FakePatient } from './fake-patients.js';
import { startJsonApi, type JsonRoute } from './json-api-server.js';

/**
 * Orthanc-like REST API (/system, /patients, /studies, /statistics) plus DICOMweb QIDO-RS
 * (/dicom-web/studies) over synthetic patients. With `auth` it is the fixed twin (401).
 */
export function startPacsWebApi(opts: {
  host: string;
  port: number;
  patients: readonly FakePatient[];
  auth?: { user: string; password: string };
}): Promise<RunningServer> {
  const studies = opts.patients.flatMap((p) => p.studies.map((s) => ({ p, s })));
  const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(8, '0')}-lab`);
  const limited = (all: string[]) => (q: URLSearchParams) => all.slice(0, Number(q.get('limit') ?? all.length) || all.length);
  const routes = new Map<string, JsonRoute>([
    ['/system', { Name: 'PRAXIS-PACS', DicomAet: 'ORTHANC', DicomPort: 4242, ApiVersion: 18, Version: '1.10.1' }],
    ['/patients', limited(ids('p', opts.patients.length))],
    ['/studies', limited(ids('s', studies.length))],
    ['/statistics', { CountPatients: opts.patients.length, CountStudies: studies.length, CountInstances: studies.length * 2 }],
    [
      '/dicom-web/studies',
      (q: URLSearchParams) =>
        studies.slice(0, Number(q.get('limit') ?? studies.length) || studies.length).map(({ p, s }) => ({
          '00100010': { vr: 'PN', Value: [{ Alphabetic: `${p.family}^${p.given}` }] },
          '00100020': { vr: 'LO', Value: [p.id] },
          '00080020': { vr: 'DA', Value: [s.date] },
          '0020000D': { vr: 'UI', Value: [s.uid] },
        })),
    ],
  ]);
  return startJsonApi({ host: opts.host, port: opts.port, routes, serverName: 'ORTHANC', ...(opts.auth ? { auth: opts.auth } : {}) });
}
