import { describe, expect, it } from 'vitest';
import { identify } from '../../../src/identify/identify.js';
import { startDicomScp } from '../../../src/lab/dicom-scp.js';
import { fakePatients } from '../../../src/lab/fake-patients.js';
import { closeAfterEach, startTcpServer } from '../../identify/tcp-fixtures.js';

const HOST = '127.22.15.1';
const track = closeAfterEach();
const opts = { timeoutMs: 3000, maxBytes: 64 * 1024 };

describe('DICOM identification (A-ASSOCIATE-RQ probe)', () => {
  it('finds DICOM on an odd port from the A-ASSOCIATE-AC, product from the implementation version name', async () => {
    const scp = await track(startDicomScp({ host: HOST, port: 0, aeTitle: 'PACS', policy: 'open', patients: fakePatients(1) }));
    const service = await identify(HOST, scp.port, opts);
    expect(service.name).toBe('dicom');
    expect(service.tls).toBe(false);
    expect(service.product).toMatch(/DCMJS/i);
  });

  it('a rejecting node is DICOM too (A-ASSOCIATE-RJ)', async () => {
    const scp = await track(startDicomScp({ host: HOST, port: 0, aeTitle: 'PACS', policy: 'known-peers', patients: [] }));
    expect((await identify(HOST, scp.port, opts)).name).toBe('dicom');
  });

  it('a server answering a PDU-looking but wrong reply is not DICOM', async () => {
    const server = await track(
      startTcpServer(HOST, (socket) => socket.once('data', () => socket.end(Buffer.from([0x03, 0, 0, 0, 0, 0x10, 0, 9, 9, 9])))),
    );
    expect((await identify(HOST, server.port, { ...opts, timeoutMs: 800 })).name).toBe('unknown');
  });
});
