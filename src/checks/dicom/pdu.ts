import type { Localized } from '../../core/types.js';

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

// Names of the standard's codes; German for the practice, the standard's English otherwise.
const REJECT_RESULT: Record<number, Localized> = { 1: { de: 'dauerhaft', en: 'permanent' }, 2: { de: 'vorübergehend', en: 'transient' } };
const REJECT_SOURCE: Record<number, Localized> = {
  1: { de: 'Anwendung', en: 'service-user' },
  2: { de: 'Protokoll (ACSE)', en: 'service-provider (ACSE)' },
  3: { de: 'Protokoll (Presentation)', en: 'service-provider (presentation)' },
};
const NO_REASON: Localized = { de: 'ohne Angabe von Gründen', en: 'no reason given' };
/** Reasons depend on the source (PS3.8 Table 9-21). */
const REJECT_REASON: Record<number, Record<number, Localized>> = {
  1: {
    1: NO_REASON,
    2: { de: 'Application Context nicht unterstützt', en: 'application context not supported' },
    3: { de: 'Calling AE Title nicht erkannt', en: 'calling AE title not recognized' },
    7: { de: 'Called AE Title nicht erkannt', en: 'called AE title not recognized' },
  },
  2: { 1: NO_REASON, 2: { de: 'Protokollversion nicht unterstützt', en: 'protocol version not supported' } },
  3: { 1: { de: 'vorübergehend überlastet', en: 'temporary congestion' }, 2: { de: 'lokales Limit überschritten', en: 'local limit exceeded' } },
};
const ABORT_SOURCE: Record<number, Localized> = {
  0: { de: 'Anwendung', en: 'service-user' },
  1: { de: 'reserviert', en: 'reserved' },
  2: { de: 'Protokoll', en: 'service-provider' },
};
const ABORT_REASON: Record<number, Localized> = {
  0: { de: 'ohne Angabe', en: 'not specified' },
  1: { de: 'PDU nicht erkannt', en: 'unrecognized PDU' },
  2: { de: 'unerwartete PDU', en: 'unexpected PDU' },
  4: { de: 'PDU-Parameter nicht erkannt', en: 'unrecognized PDU parameter' },
  5: { de: 'unerwarteter PDU-Parameter', en: 'unexpected PDU parameter' },
  6: { de: 'ungültiger PDU-Parameter', en: 'invalid PDU parameter' },
};

/** Unknown codes are kept as numbers: "reason 9" / "Grund 9". */
function named(table: Record<number, Localized> | undefined, code: number, kind: Localized): Localized {
  return table?.[code] ?? { de: `${kind.de} ${code}`, en: `${kind.en} ${code}` };
}

export interface RejectInfo {
  result: Localized;
  source: Localized;
  reason: Localized;
}

/** A-ASSOCIATE-RJ body: reserved, result, source, reason. */
export function describeReject(result: number, source: number, reason: number): RejectInfo {
  return {
    result: named(REJECT_RESULT, result, { de: 'Ergebnis', en: 'result' }),
    source: named(REJECT_SOURCE, source, { de: 'Quelle', en: 'source' }),
    reason: named(REJECT_REASON[source], reason, { de: 'Grund', en: 'reason' }),
  };
}

export function describeAbort(body: Buffer): Localized {
  if (body.length < 4) return { de: 'A-ABORT', en: 'A-ABORT' };
  const source = named(ABORT_SOURCE, body.readUInt8(2), { de: 'Quelle', en: 'source' });
  const reason = named(ABORT_REASON, body.readUInt8(3), { de: 'Grund', en: 'reason' });
  return { de: `A-ABORT (${source.de}, ${reason.de})`, en: `A-ABORT (${source.en}, ${reason.en})` };
}
