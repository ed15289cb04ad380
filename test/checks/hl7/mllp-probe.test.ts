import { describe, expect, it } from 'vitest';
import { identify } from '../../../src/identify/identify.js';
import { mllpProbe } from '../../../src/identify/probes/mllp.js';
import { startMllpServer } from '../../../src/lab/mllp-server.js';
import { closeAfterEach } from '../../identify/tcp-fixtures.js';

const HOST = '127.22.15.2';
const track = closeAfterEach();

describe('MLLP identification', () => {
  // MLLP listeners stay silent on anything unframed, and identify gives up on a port after two
  // silent questions: the port hint (2575, 2576, 6660, 6661) makes the MLLP probe go first.
  it('finds an HL7 listener on the registered port, product from MSH-3 of the ACK', async () => {
    const server = await track(startMllpServer({ host: HOST, port: 2575, mode: 'open' }));
    const service = await identify(HOST, server.port, { timeoutMs: 3000, maxBytes: 64 * 1024 });
    expect(service).toMatchObject({ name: 'hl7-mllp', tls: false, product: 'PRAXIS-KIS' });
  });

  it('asks only for the clock (NMQ^N01 with NCK), never about a patient: it is sent under --safe too', () => {
    const sent = mllpProbe.payload?.({ host: HOST, port: 2575 }).toString('latin1') ?? '';
    const segments = sent.slice(1, -2).split('\r').filter(Boolean).map((segment) => segment.slice(0, 3));
    expect(segments).toEqual(['MSH', 'NCK']);
    expect(sent).toMatch(/\|NMQ\^N01\|PWPROBE1\|T\|/);
  });
});
