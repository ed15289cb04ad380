/**
 * The few facts about DICOM upper-layer PDUs (PS3.8 §9.3) the checks need to watch a connection
 * from the outside: every PDU starts with a 6-byte header (type, reserved, 32-bit big-endian
 * length). dcmjs-dimse does not tell its caller when the peer aborts, so the session sniffs the
 * raw stream with this tracker and ends the connection itself.
 */
export const PduType = {
  associateRq: 0x01,
  associateAc: 0x02,
  associateRj: 0x03,
  pData: 0x04,
  releaseRq: 0x05,
  releaseRp: 0x06,
  abort: 0x07,
} as const;

export interface PduHeader {
  type: number;
  length: number;
  /** First bytes of the PDU body (at most BODY_PREFIX), enough for reject and abort reasons. */
  body: Buffer;
}

const HEADER = 6;
const BODY_PREFIX = 4;

/**
 * Follows PDU boundaries across chunks with constant memory: it keeps at most the header and a
 * short body prefix of the current PDU, whatever the peer sends. A type outside 1–7 means the
 * stream is not (or no longer) DICOM; `garbage` becomes true and stays true.
 */
export class PduTracker {
  garbage = false;
  private head = Buffer.alloc(0);
  private current: { type: number; length: number; remaining: number; prefix: Buffer; reported: boolean } | null = null;

  /** Feeds received bytes; returns the PDUs whose header (and body prefix) completed in this chunk. */
  feed(chunk: Buffer): PduHeader[] {
    const seen: PduHeader[] = [];
    let at = 0;
    while (!this.garbage) {
      if (this.current === null) {
        if (at >= chunk.length) break;
        const take = Math.min(HEADER - this.head.length, chunk.length - at);
        this.head = Buffer.concat([this.head, chunk.subarray(at, at + take)]);
        at += take;
        if (this.head.length < HEADER) break;
        const type = this.head.readUInt8(0);
        const length = this.head.readUInt32BE(2);
        this.head = Buffer.alloc(0);
        if (type < PduType.associateRq || type > PduType.abort) {
          this.garbage = true;
          break;
        }
        this.current = { type, length, remaining: length, prefix: Buffer.alloc(0), reported: false };
      }
      const pdu = this.current;
      const take = Math.min(pdu.remaining, chunk.length - at);
      const want = Math.min(BODY_PREFIX, pdu.length) - pdu.prefix.length;
      if (want > 0) pdu.prefix = Buffer.concat([pdu.prefix, chunk.subarray(at, at + Math.min(want, take))]);
      at += take;
      pdu.remaining -= take;
      if (!pdu.reported && pdu.prefix.length >= Math.min(BODY_PREFIX, pdu.length)) {
        seen.push({ type: pdu.type, length: pdu.length, body: pdu.prefix });
        pdu.reported = true;
      }
      if (pdu.remaining > 0) break;
      this.current = null;
    }
    return seen;
  }
}

const REJECT_RESULT: Record<number, string> = { 1: 'permanent', 2: 'transient' };
const REJECT_SOURCE: Record<number, string> = { 1: 'service-user', 2: 'service-provider (ACSE)', 3: 'service-provider (presentation)' };
/** Reasons depend on the source (PS3.8 Table 9-21). */
const REJECT_REASON: Record<number, Record<number, string>> = {
  1: { 1: 'no reason given', 2: 'application context not supported', 3: 'calling AE title not recognized', 7: 'called AE title not recognized' },
  2: { 1: 'no reason given', 2: 'protocol version not supported' },
  3: { 1: 'temporary congestion', 2: 'local limit exceeded' },
};
const ABORT_SOURCE: Record<number, string> = { 0: 'service-user', 1: 'reserved', 2: 'service-provider' };
const ABORT_REASON: Record<number, string> = {
  0: 'not specified',
  1: 'unrecognized PDU',
  2: 'unexpected PDU',
  4: 'unrecognized PDU parameter',
  5: 'unexpected PDU parameter',
  6: 'invalid PDU parameter',
};

export interface RejectInfo {
  result: string;
  source: string;
  reason: string;
}

/** A-ASSOCIATE-RJ body: reserved, result, source, reason. Unknown codes are kept as numbers. */
export function describeReject(result: number, source: number, reason: number): RejectInfo {
  return {
    result: REJECT_RESULT[result] ?? `result ${result}`,
    source: REJECT_SOURCE[source] ?? `source ${source}`,
    reason: REJECT_REASON[source]?.[reason] ?? `reason ${reason}`,
  };
}

export function describeAbort(body: Buffer): string {
  if (body.length < 4) return 'A-ABORT';
  const source = body.readUInt8(2);
  const reason = body.readUInt8(3);
  return `A-ABORT (${ABORT_SOURCE[source] ?? `source ${source}`}, ${ABORT_REASON[reason] ?? `reason ${reason}`})`;
}
