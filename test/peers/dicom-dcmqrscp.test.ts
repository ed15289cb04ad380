import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAssociation } from '../../src/checks/dicom/open-association.js';
import { patientQuery } from '../../src/checks/dicom/patient-query.js';
import type { CheckTarget } from '../../src/checks/types.js';
import { evidenceIn } from '../../src/checks/evidence.js';
import { severityRank } from '../../src/core/types.js';
import { identify } from '../../src/identify/identify.js';
import { FAKE_SURNAMES } from '../../src/lab/fake-documents.js';
import { checkContext } from '../checks/context.js';
import { dicomAnswers, startNamespacedPeer, writeSyntheticDicom, type NamespacedPeer } from './dicom-netns.js';
import { peerAvailable } from './support/daemon.js';

// dcmtk's dcmqrscp as a real archive: "peers ANY" (open) versus a storage area only the known
// modality MODALITY1 may use (fixed). It listens on every interface, so it runs in a namespace.
const found = peerAvailable('dcmqrscp', 'dcmtk') && peerAvailable('socat');
const PATIENT = { family: FAKE_SURNAMES[2] ?? 'Ostendarp', given: 'Henrike', id: 'FAKE-PEER-QR' };
const INNER = 11112;

async function startArchive(tag: string, host: string, access: 'ANY' | 'Known'): Promise<NamespacedPeer> {
  return startNamespacedPeer({
    name: `dcmqrscp (peers ${access})`,
    tag,
    host,
    innerPorts: [INNER],
    prepare: (dir) => {
      mkdirSync(join(dir, 'db'));
      writeFileSync(
        join(dir, 'dcmqrscp.cfg'),
        [
          `NetworkTCPPort = ${INNER}`,
          'MaxPDUSize = 16384',
          'MaxAssociations = 16',
          'HostTable BEGIN',
          'modality1 = (MODALITY1, localhost, 104)',
          'Known = modality1',
          'HostTable END',
          'VendorTable BEGIN',
          'VendorTable END',
          'AETable BEGIN',
          `DCMQRSCP ${join(dir, 'db')} RW (200, 1024mb) ${access}`,
          'AETable END',
          '',
        ].join('\n'),
      );
      writeSyntheticDicom(dir, PATIENT);
    },
    // Forking mode: in --single-process mode one client hanging up mid-reject ends the server.
    command: (dir) => ['dcmqrscp', '-c', join(dir, 'dcmqrscp.cfg')],
    ready: dicomAnswers,
  });
}

function target(peer: NamespacedPeer): CheckTarget {
  const endpoint = peer.endpoints.get(INNER);
  if (!endpoint) throw new Error('no endpoint');
  return { ...endpoint, service: { name: 'dicom', tls: false } };
}

describe.skipIf(!found)('peer: dcmqrscp', () => {
  let open: NamespacedPeer;
  let fixed: NamespacedPeer;
  beforeAll(async () => {
    open = await startArchive('qr-open', '127.22.20.1', 'ANY');
    fixed = await startArchive('qr-fixed', '127.22.20.2', 'Known');
    // One synthetic study in each, stored from inside the namespace by the known modality.
    for (const peer of [open, fixed]) {
      await peer.exec('storescu', ['-aet', 'MODALITY1', '-aec', 'DCMQRSCP', '127.0.0.1', String(INNER), join(peer.daemon.dir, 'synthetic.dcm')]);
    }
  });
  afterAll(async () => {
    await open?.stop();
    await fixed?.stop();
  });

  it('identification finds DICOM through the A-ASSOCIATE probe', async () => {
    const { host, port } = target(open);
    expect((await identify(host, port, { timeoutMs: 3000, maxBytes: 65536 })).name).toBe('dicom');
  });

  it('open archive (peers ANY): open association and C-FIND with the count only', async () => {
    const ctx = checkContext({ timeoutMs: 3000 });
    const assoc = await openAssociation.run(target(open), ctx);
    expect(assoc).toHaveLength(1);
    expect(evidenceIn(assoc[0]!.evidence, 'en')).toMatch(/^C-ECHO success as PRAXISWACHE → DCMQRSCP; tried: ANY-SCP rejected \(permanent, service-user: called AE title not recognized\);/);
    expect(evidenceIn(assoc[0]!.evidence, 'de')).toMatch(/^C-ECHO erfolgreich als PRAXISWACHE → DCMQRSCP; versucht: ANY-SCP abgelehnt \(dauerhaft, Anwendung: Called AE Title nicht erkannt\);/);
    const query = await patientQuery.run(target(open), ctx);
    expect(query).toHaveLength(1);
    expect(evidenceIn(query[0]!.evidence, 'en')).toMatch(/→ DCMQRSCP: patient level 1 match, study level 1 match; attributes present: .*PatientName/);
    expect(evidenceIn(query[0]!.evidence, 'de')).toMatch(/→ DCMQRSCP: Patientenebene 1 Treffer, Studienebene 1 Treffer; vorhandene Attribute: .*PatientName/);
    for (const value of [PATIENT.family, PATIENT.given, PATIENT.id, '19610203']) expect(JSON.stringify([assoc, query])).not.toContain(value);
  });

  it('fixed archive (known modality only): the data is there, yet no finding above info', async () => {
    const known = await fixed.exec('findscu', ['-aet', 'MODALITY1', '-aec', 'DCMQRSCP', '-P', '-k', 'QueryRetrieveLevel=PATIENT', '-k', 'PatientID', '127.0.0.1', String(INNER)]);
    expect(known).toContain(PATIENT.id); // the known modality sees the study
    const ctx = checkContext({ timeoutMs: 3000 });
    const drafts = [...(await openAssociation.run(target(fixed), ctx)), ...(await patientQuery.run(target(fixed), ctx))];
    expect(drafts.filter((d) => severityRank(d.severity ?? 'high') > severityRank('info'))).toEqual([]);
  });
});
