import { describe, expect, it } from 'vitest';
import dimse from 'dcmjs-dimse';
import { PduTracker } from '../../../src/checks/dicom/pdu.js';
import { runSession } from '../../../src/checks/dicom/session.js';
import { matchReply } from '../../../src/identify/match.js';
import { associateRequest, dicomProbe } from '../../../src/identify/probes/dicom.js';
import { PROBES } from '../../../src/identify/probes/index.js';
import { closeAfterEach, startTcpServer } from '../../identify/tcp-fixtures.js';
import { checkContext } from '../context.js';
import { prng } from '../../support/prng.js';

// A bounded fuzz target for the DICOM reply side: the PDU tracker, the probe's match rules and
// dcmjs-dimse's parser under our session get mutated upper-layer PDUs. Budget: FUZZ_MS (default 3 s).
const BUDGET_MS = Number(process.env.FUZZ_MS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const HOST = '127.22.17.1';
const track = closeAfterEach();


function pdu(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(6);
  head.writeUInt8(type, 0);
  head.writeUInt32BE(body.length, 2);
  return Buffer.concat([head, body]);
}

/** Plausible replies (an AC shaped like the RQ, RJ, abort, P-DATA), then byte flips, cuts, length lies. */
function mutant(rnd: () => number): Buffer {
  const ac = Buffer.from(associateRequest('ANY-SCP', 'PRAXISWACHE'));
  ac[0] = 0x02;
  const seeds = [ac, pdu(3, Buffer.from([0, 1, 1, 3])), pdu(7, Buffer.from([0, 0, 2, 0])), pdu(4, Buffer.from([0, 0, 0, 4, 1, 3, 0, 0]))];
  let b = Buffer.from(seeds[Math.floor(rnd() * seeds.length)] ?? ac);
  const edits = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rnd() * b.length);
    const kind = rnd();
    if (kind < 0.5) b[at] = Math.floor(rnd() * 256);
    else if (kind < 0.7) b = b.subarray(0, at);
    else if (kind < 0.85 && b.length >= 6) b.writeUInt32BE(Math.floor(rnd() * 2 ** 32), 2);
    else b = Buffer.concat([b, Buffer.from(Array.from({ length: Math.floor(rnd() * 64) }, () => Math.floor(rnd() * 256)))]);
  }
  return b;
}

describe(`DICOM reply fuzzing (seed ${SEED}, ${BUDGET_MS} ms)`, () => {
  it('tracker and probe rules never throw and stay bounded', () => {
    const rnd = prng(SEED);
    const until = Date.now() + BUDGET_MS / 2;
    let runs = 0;
    while (Date.now() < until) {
      const reply = mutant(rnd);
      const tracker = new PduTracker();
      for (let at = 0; at < reply.length; at += 1 + Math.floor(rnd() * 16)) {
        for (const seen of tracker.feed(reply.subarray(at, at + 16))) expect(seen.body.length).toBeLessThanOrEqual(4);
      }
      matchReply(reply, dicomProbe, PROBES);
      runs++;
    }
    expect(runs).toBeGreaterThan(100);
  });

  it('a session against a mutating server always ends within its time limit, never throws', async () => {
    const rnd = prng(SEED ^ 0x5a5a);
    let current: Buffer = Buffer.alloc(0);
    const server = await track(startTcpServer(HOST, (s) => s.once('data', () => s.end(current))));
    const target = { host: HOST, port: server.port, service: { name: 'dicom', tls: false } };
    const ctx = checkContext({ timeoutMs: 300, maxBytes: 64 * 1024 });
    const until = Date.now() + BUDGET_MS / 2;
    let runs = 0;
    while (Date.now() < until) {
      current = mutant(rnd);
      const started = Date.now();
      const result = await runSession(target, ctx, [new dimse.requests.CEchoRequest()], { callingAe: 'PRAXISWACHE', calledAe: 'ANY-SCP' });
      expect(Date.now() - started).toBeLessThan(ctx.timeoutMs + 200);
      // A mutated reply can never make C-ECHO succeed: the peer never answered the request.
      expect(result.outcomes[0]?.status).toBeUndefined();
      runs++;
    }
    expect(runs).toBeGreaterThan(5);
  });
});
