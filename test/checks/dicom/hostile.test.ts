import { describe, expect, it } from 'vitest';
import dimse from 'dcmjs-dimse';
import { openAssociation } from '../../../src/checks/dicom/open-association.js';
import { patientQuery } from '../../../src/checks/dicom/patient-query.js';
import { PduTracker } from '../../../src/checks/dicom/pdu.js';
import { runSession } from '../../../src/checks/dicom/session.js';
import type { CheckTarget } from '../../../src/checks/types.js';
import { closeAfterEach, startTcpServer, type ConnectionHandler } from '../../identify/tcp-fixtures.js';
import { checkContext } from '../context.js';

const HOST = '127.22.16.1';
const track = closeAfterEach();
const target = (port: number): CheckTarget => ({ host: HOST, port, service: { name: 'dicom', tls: false } });
const echo = () => [new dimse.requests.CEchoRequest()];

async function session(handler: ConnectionHandler, timeoutMs = 800, maxBytes = 64 * 1024) {
  const server = await track(startTcpServer(HOST, handler));
  const started = Date.now();
  const result = await runSession(target(server.port), checkContext({ timeoutMs, maxBytes }), echo(), { callingAe: 'PRAXISWACHE', calledAe: 'ANY-SCP' });
  return { result, elapsed: Date.now() - started, server };
}

function pdu(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(6);
  head.writeUInt8(type, 0);
  head.writeUInt32BE(body.length, 2);
  return Buffer.concat([head, body]);
}

describe('DICOM session against hostile peers', () => {
  it('garbage reply: not DICOM, ended at once', async () => {
    const { result, elapsed } = await session((s) => s.once('data', () => s.write('HTTP/1.1 400 Bad Request\r\n\r\n')));
    expect(result.association).toBe('not-dicom');
    expect(elapsed).toBeLessThan(500);
  });

  it('silence: ends at the time limit', async () => {
    const { result, elapsed } = await session(() => undefined, 400);
    expect(result).toMatchObject({ association: 'no-answer', cutShort: 'timeout' });
    expect(elapsed).toBeLessThan(1000);
  });

  it('A-ABORT instead of an answer: recorded with source and reason, no waiting', async () => {
    const { result, elapsed } = await session((s) => s.once('data', () => s.write(pdu(7, Buffer.from([0, 0, 2, 1])))), 3000);
    expect(result.abort).toEqual({ de: 'A-ABORT (Protokoll, PDU nicht erkannt)', en: 'A-ABORT (service-provider, unrecognized PDU)' });
    expect(elapsed).toBeLessThan(500);
  });

  it('truncated A-ASSOCIATE-AC then hang-up: no crash, and not counted as accepted', async () => {
    const { result } = await session((s) => s.once('data', () => s.end(pdu(2, Buffer.alloc(200)).subarray(0, 40))));
    expect(result).toMatchObject({ association: 'no-answer', cutShort: 'closed' });
    expect(result.outcomes[0]?.status).toBeUndefined();
  });

  it('an endless P-DATA stream is cut at the byte limit and the server is not read further', async () => {
    const { result, server } = await session(
      (s, count) =>
        s.once('data', () => {
          const chunk = Buffer.alloc(64 * 1024, 0x41);
          const flood = (): void => {
            while (!s.destroyed && s.write(chunk)) count(chunk.length);
            if (!s.destroyed) s.once('drain', flood);
          };
          s.write(pdu(4, Buffer.alloc(0)).subarray(0, 2));
          flood();
        }),
      3000,
      128 * 1024,
    );
    expect(result.cutShort === 'byte limit' || result.association === 'not-dicom').toBe(true);
    expect(server.written()).toBeLessThan(32 * 1024 * 1024);
  });

  it('the checks return nothing (and do not throw) for all of the above', async () => {
    const server = await track(startTcpServer(HOST, (s) => s.once('data', () => s.end(Buffer.from([0x02, 0, 0xff, 0xff, 0xff, 0xff, 1, 2])))));
    const ctx = checkContext({ timeoutMs: 500 });
    expect(await openAssociation.run(target(server.port), ctx)).toEqual([]);
    expect(await patientQuery.run(target(server.port), ctx)).toEqual([]);
  });
});

describe('PduTracker', () => {
  const stream = Buffer.concat([pdu(2, Buffer.alloc(300, 1)), pdu(6, Buffer.alloc(4)), pdu(7, Buffer.from([0, 0, 0, 2]))]);

  it('finds every PDU whatever the chunking, including bodies split across chunks', () => {
    for (const size of [1, 2, 5, 7, 64, stream.length]) {
      const tracker = new PduTracker();
      const seen = [];
      for (let at = 0; at < stream.length; at += size) seen.push(...tracker.feed(stream.subarray(at, at + size)));
      expect(seen.map((p) => p.type)).toEqual([2, 6, 7]);
      expect(seen[2]?.body).toEqual(Buffer.from([0, 0, 0, 2]));
      expect(tracker.garbage).toBe(false);
    }
  });

  it('a zero-length PDU is reported, an unknown type marks garbage for good', () => {
    const tracker = new PduTracker();
    expect(tracker.feed(pdu(5, Buffer.alloc(0))).map((p) => p.length)).toEqual([0]);
    expect(tracker.feed(Buffer.from('GET / HTTP/1.0\r\n'))).toEqual([]);
    expect(tracker.garbage).toBe(true);
    expect(tracker.feed(pdu(2, Buffer.alloc(4)))).toEqual([]);
  });
});
