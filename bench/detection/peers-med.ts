/**
 * Medical peers: Orthanc (open archive vs authentication, called-AET check, known modality only),
 * dcmtk's dcmqrscp ("peers ANY" vs known modality only), both with one synthetic study, and
 * node-fhir-server-core (no auth vs bearer). Orthanc and dcmqrscp listen on every interface, so
 * the peer suite's startNamespacedPeer gives each a namespace of its own behind a relay; a second
 * relay puts them on their usual ports (4242/8042, 11112) of their bench address.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fakePatients } from '../../src/lab/fake-patients.js';
import { dicomAnswers, startNamespacedPeer, writeSyntheticDicom, type NamespacedPeer } from '../../test/peers/dicom-netns.js';
import { startFhirCore } from '../../test/peers/fhir-core-server.js';
import type { PeerSpec, StartedPeer } from './peer-types.js';
import { aliasedPeer } from './started.js';

const PATIENT = { family: 'Lohbrink', given: 'Wiebke', id: 'FAKE-BENCH-1' };
const ORTHANC_DICOM = 4242;
const ORTHANC_HTTP = 8042;
const QR_PORT = 11112;

function endpoint(peer: NamespacedPeer, inner: number): { host: string; port: number } {
  const e = peer.endpoints.get(inner);
  if (!e) throw new Error(`inner port ${inner} not forwarded`);
  return e;
}

async function startOrthanc(host: string, open: boolean): Promise<StartedPeer> {
  const access = open
    ? { RemoteAccessAllowed: true, AuthenticationEnabled: false, DicomAlwaysAllowEcho: true, DicomAlwaysAllowFind: true, DicomAlwaysAllowStore: true, DicomCheckCalledAet: false }
    : {
        RemoteAccessAllowed: true, AuthenticationEnabled: true, RegisteredUsers: { praxis: randomBytes(12).toString('base64url') },
        DicomAlwaysAllowEcho: false, DicomAlwaysAllowFind: false, DicomAlwaysAllowStore: false, DicomCheckCalledAet: true,
      };
  const peer = await startNamespacedPeer({
    name: `orthanc (${open ? 'open' : 'secured'})`,
    tag: `bench-orthanc-${open ? 'open' : 'secured'}`,
    host,
    innerPorts: [ORTHANC_DICOM, ORTHANC_HTTP],
    prepare: (dir) => {
      const config = {
        Name: 'PRAXIS-ORTHANC', StorageDirectory: join(dir, 'storage'), IndexDirectory: join(dir, 'index'),
        HttpPort: ORTHANC_HTTP, DicomPort: ORTHANC_DICOM, DicomAet: 'ORTHANC',
        Plugins: ['/usr/share/orthanc/plugins/libOrthancDicomWeb.so'], DicomWeb: { Enable: true, Root: '/dicom-web/' },
        DicomModalities: { modality1: ['MODALITY1', '127.0.0.1', 104] },
        ...access,
      };
      writeFileSync(join(dir, 'orthanc.json'), JSON.stringify(config, null, 2));
      writeSyntheticDicom(dir, PATIENT);
    },
    command: (dir) => ['Orthanc', join(dir, 'orthanc.json')],
    ready: dicomAnswers,
  });
  await peer.exec('storescu', ['-aet', 'MODALITY1', '-aec', 'ORTHANC', '127.0.0.1', String(ORTHANC_DICOM), join(peer.daemon.dir, 'synthetic.dcm')]);
  return aliasedPeer(host, [[ORTHANC_DICOM, endpoint(peer, ORTHANC_DICOM)], [ORTHANC_HTTP, endpoint(peer, ORTHANC_HTTP)]], () => peer.stop());
}

async function startDcmqrscp(host: string, access: 'ANY' | 'Known'): Promise<StartedPeer> {
  const peer = await startNamespacedPeer({
    name: `dcmqrscp (peers ${access})`,
    tag: `bench-qr-${access.toLowerCase()}`,
    host,
    innerPorts: [QR_PORT],
    prepare: (dir) => {
      mkdirSync(join(dir, 'db'));
      writeFileSync(
        join(dir, 'dcmqrscp.cfg'),
        [
          `NetworkTCPPort = ${QR_PORT}`, 'MaxPDUSize = 16384', 'MaxAssociations = 16',
          'HostTable BEGIN', 'modality1 = (MODALITY1, localhost, 104)', 'Known = modality1', 'HostTable END',
          'VendorTable BEGIN', 'VendorTable END',
          'AETable BEGIN', `DCMQRSCP ${join(dir, 'db')} RW (200, 1024mb) ${access}`, 'AETable END', '',
        ].join('\n'),
      );
      writeSyntheticDicom(dir, PATIENT);
    },
    command: (dir) => ['dcmqrscp', '-c', join(dir, 'dcmqrscp.cfg')],
    ready: dicomAnswers,
  });
  await peer.exec('storescu', ['-aet', 'MODALITY1', '-aec', 'DCMQRSCP', '127.0.0.1', String(QR_PORT), join(peer.daemon.dir, 'synthetic.dcm')]);
  return aliasedPeer(host, [[QR_PORT, endpoint(peer, QR_PORT)]], () => peer.stop());
}

async function startFhir(host: string, auth: boolean): Promise<StartedPeer> {
  const server = await startFhirCore({ host, patients: fakePatients(5), auth });
  return aliasedPeer(host, [[8080, server]], () => server.close());
}

const orthancNeeds = [{ binary: 'Orthanc', debianPackage: 'orthanc' }, { binary: 'socat', debianPackage: 'socat' }, { binary: 'storescu', debianPackage: 'dcmtk' }];
const qrNeeds = [{ binary: 'dcmqrscp', debianPackage: 'dcmtk' }, { binary: 'socat', debianPackage: 'socat' }];

export const MED_PEERS: readonly PeerSpec[] = [
  {
    name: 'Orthanc (open)', host: '127.40.4.1', role: 'exposed', needs: orthancNeeds,
    expected: [{ check: 'dicom.open-association' }, { check: 'dicom.patient-query' }, { check: 'pacs.web-api-unauth' }],
    start: () => startOrthanc('127.40.4.1', true),
  },
  {
    name: 'Orthanc (auth, called-AET check, known modality)', host: '127.40.4.2', role: 'fixed', expected: [], needs: orthancNeeds,
    start: () => startOrthanc('127.40.4.2', false),
  },
  {
    name: 'dcmqrscp (peers ANY)', host: '127.40.4.3', role: 'exposed', needs: qrNeeds,
    expected: [{ check: 'dicom.open-association' }, { check: 'dicom.patient-query' }],
    start: () => startDcmqrscp('127.40.4.3', 'ANY'),
  },
  {
    name: 'dcmqrscp (known modality only)', host: '127.40.4.4', role: 'fixed', expected: [], needs: qrNeeds,
    start: () => startDcmqrscp('127.40.4.4', 'Known'),
  },
  {
    name: 'node-fhir-server-core (no auth)', host: '127.40.4.5', role: 'exposed', expected: [{ check: 'fhir.patient-read' }], needs: [],
    start: () => startFhir('127.40.4.5', false),
  },
  {
    name: 'node-fhir-server-core (bearer auth)', host: '127.40.4.6', role: 'fixed', expected: [], needs: [],
    start: () => startFhir('127.40.4.6', true),
  },
];
