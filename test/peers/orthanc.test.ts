import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAssociation } from '../../src/checks/dicom/open-association.js';
import { patientQuery } from '../../src/checks/dicom/patient-query.js';
import { webApiUnauth } from '../../src/checks/pacs/web-api-unauth.js';
import type { CheckTarget, FindingDraft } from '../../src/checks/types.js';
import { evidenceIn } from '../../src/checks/evidence.js';
import { severityRank } from '../../src/core/types.js';
import { identify } from '../../src/identify/identify.js';
import { FAKE_SURNAMES } from '../../src/lab/fake-documents.js';
import { checkContext } from '../checks/context.js';
import { dicomAnswers, startNamespacedPeer, writeSyntheticDicom, type NamespacedPeer } from './dicom-netns.js';
import { peerAvailable } from './support/daemon.js';

// Debian's Orthanc 1.10 cannot bind one address, so each instance runs in its own namespace.
// Three configurations: open (the 2019 archives), Orthanc's shipped DICOM defaults (echo for
// anyone, C-FIND refused with A-ABORT), and secured (auth, called-AET check, known modality only).
const found = peerAvailable('Orthanc', 'orthanc') && peerAvailable('socat') && peerAvailable('dump2dcm', 'dcmtk');
const PATIENT = { family: FAKE_SURNAMES[4] ?? 'Tannwald', given: 'Odila', id: 'FAKE-PEER-ORTHANC' };
const DICOM = 4242;
const HTTP = 8042;
const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

type Variant = 'open' | 'default' | 'secured';

const VARIANT_CONFIG: Record<Variant, Record<string, unknown>> = {
  open: {
    RemoteAccessAllowed: true,
    AuthenticationEnabled: false,
    DicomAlwaysAllowEcho: true,
    DicomAlwaysAllowFind: true,
    DicomAlwaysAllowStore: true,
    DicomCheckCalledAet: false,
  },
  // Orthanc's shipped values for the DICOM side (see /etc/orthanc/orthanc.json).
  default: { DicomAlwaysAllowEcho: true, DicomAlwaysAllowFind: false, DicomAlwaysAllowStore: true, DicomCheckCalledAet: false },
  secured: {
    RemoteAccessAllowed: true,
    AuthenticationEnabled: true,
    RegisteredUsers: { praxis: randomBytes(12).toString('base64url') },
    DicomAlwaysAllowEcho: false,
    DicomAlwaysAllowFind: false,
    DicomAlwaysAllowStore: false,
    DicomCheckCalledAet: true,
  },
};

function startOrthanc(variant: Variant, host: string): Promise<NamespacedPeer> {
  return startNamespacedPeer({
    name: `orthanc (${variant})`,
    tag: `orthanc-${variant}`,
    host,
    innerPorts: [DICOM, HTTP],
    prepare: (dir) => {
      const config = {
        Name: 'PRAXIS-ORTHANC',
        StorageDirectory: join(dir, 'storage'),
        IndexDirectory: join(dir, 'index'),
        HttpPort: HTTP,
        DicomPort: DICOM,
        DicomAet: 'ORTHANC',
        Plugins: [DICOMWEB_PLUGIN],
        DicomWeb: { Enable: true, Root: '/dicom-web/' },
        DicomModalities: { modality1: ['MODALITY1', '127.0.0.1', 104] },
        ...VARIANT_CONFIG[variant],
      };
      writeFileSync(join(dir, 'orthanc.json'), JSON.stringify(config, null, 2));
      writeSyntheticDicom(dir, PATIENT);
    },
    command: (dir) => ['Orthanc', join(dir, 'orthanc.json')],
    ready: dicomAnswers,
  });
}

const dicomTarget = (peer: NamespacedPeer): CheckTarget => ({ ...endpoint(peer, DICOM), service: { name: 'dicom', tls: false } });
const httpTarget = (peer: NamespacedPeer): CheckTarget => ({ ...endpoint(peer, HTTP), service: { name: 'http', tls: false } });
function endpoint(peer: NamespacedPeer, inner: number): { host: string; port: number } {
  const e = peer.endpoints.get(inner);
  if (!e) throw new Error(`port ${inner} not forwarded`);
  return e;
}
const aboveInfo = (drafts: FindingDraft[]): FindingDraft[] => drafts.filter((d) => severityRank(d.severity ?? 'high') > severityRank('info'));

describe.skipIf(!found)('peer: orthanc', () => {
  const peers: Partial<Record<Variant, NamespacedPeer>> = {};
  const peer = (v: Variant): NamespacedPeer => {
    const p = peers[v];
    if (!p) throw new Error(`${v} not started`);
    return p;
  };
  beforeAll(async () => {
    peers.open = await startOrthanc('open', '127.22.21.1');
    peers.default = await startOrthanc('default', '127.22.21.2');
    peers.secured = await startOrthanc('secured', '127.22.21.3');
    for (const p of Object.values(peers)) {
      await p.exec('storescu', ['-aet', 'MODALITY1', '-aec', 'ORTHANC', '127.0.0.1', String(DICOM), join(p.daemon.dir, 'synthetic.dcm')]);
    }
  });
  afterAll(async () => {
    await Promise.all(Object.values(peers).map((p) => p.stop()));
  });

  it('identification: DICOM on 4242 and HTTP on 8042', async () => {
    const opts = { timeoutMs: 3000, maxBytes: 65536 };
    const d = dicomTarget(peer('open'));
    const h = httpTarget(peer('open'));
    expect((await identify(d.host, d.port, opts)).name).toBe('dicom');
    expect((await identify(h.host, h.port, opts)).name).toBe('http');
  });

  it('open: association, C-FIND count, REST and QIDO listings — counts only', async () => {
    const ctx = checkContext({ timeoutMs: 3000 });
    const assoc = await openAssociation.run(dicomTarget(peer('open')), ctx);
    const query = await patientQuery.run(dicomTarget(peer('open')), ctx);
    const web = await webApiUnauth.run(httpTarget(peer('open')), ctx);
    expect(assoc[0]?.evidence).toEqual({
      de: 'C-ECHO erfolgreich als PRAXISWACHE → ANY-SCP; versucht: ANY-SCP angenommen',
      en: 'C-ECHO success as PRAXISWACHE → ANY-SCP; tried: ANY-SCP accepted',
    });
    expect(query).toHaveLength(1);
    expect(evidenceIn(query[0]!.evidence, 'en')).toMatch(/^C-FIND as PRAXISWACHE → ANY-SCP: patient level 1 match, study level 1 match; attributes present: .*PatientID/);
    expect(evidenceIn(query[0]!.evidence, 'de')).toMatch(/^C-FIND als PRAXISWACHE → ANY-SCP: Patientenebene 1 Treffer, Studienebene 1 Treffer; vorhandene Attribute: .*PatientID/);
    expect(web.map((d) => d.evidence)).toEqual([
      {
        de: 'Orthanc-REST-API ohne Anmeldung: /system und /patients beantwortet; 1 Patient, 1 Studie (laut /statistics)',
        en: 'Orthanc REST API without credentials: /system, /patients answered; 1 patient, 1 study (from /statistics)',
      },
      { de: 'DICOMweb QIDO-RS /dicom-web/studies ohne Anmeldung: 1 Studie', en: 'DICOMweb QIDO-RS /dicom-web/studies without credentials: 1 study' },
    ]);
    const all = JSON.stringify([assoc, query, web]);
    for (const value of [PATIENT.family, PATIENT.given, PATIENT.id, '19610203']) expect(all).not.toContain(value);
  });

  it("Orthanc's DICOM defaults: echo for anyone (open association), C-FIND aborted at once — no patient-query, no timeout wait", async () => {
    const ctx = checkContext({ timeoutMs: 5000 });
    expect(aboveInfo(await openAssociation.run(dicomTarget(peer('default')), ctx))).toHaveLength(1);
    const started = Date.now();
    expect(await patientQuery.run(dicomTarget(peer('default')), ctx)).toEqual([]);
    // 7 called AE titles, each aborted by Orthanc: well under a single 5 s timeout.
    expect(Date.now() - started).toBeLessThan(ctx.timeoutMs);
  });

  it('secured: the study is stored, yet no finding above info from any of the three checks', async () => {
    const ctx = checkContext({ timeoutMs: 3000 });
    const drafts = [
      ...(await openAssociation.run(dicomTarget(peer('secured')), ctx)),
      ...(await patientQuery.run(dicomTarget(peer('secured')), ctx)),
      ...(await webApiUnauth.run(httpTarget(peer('secured')), ctx)),
    ];
    // Observed with Orthanc 1.10.1: nothing at all (unknown calling AE and wrong called AET rejected, REST 401).
    expect(drafts).toEqual([]);
  });
});
