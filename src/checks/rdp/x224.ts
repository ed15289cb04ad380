/**
 * RDP's first packet (MS-RDPBCGR §2.2.1.1): a TPKT-framed X.224 Connection Request carrying an
 * RDP Negotiation Request, and the reading of the server's Connection Confirm. Shared by the
 * identification probe and the rdp.exposed check.
 */
export const RDP_PROTOCOLS = { standard: 0, tls: 1, credssp: 2 } as const;

/** Connection Request asking for TLS or CredSSP (what current clients send). */
export const X224_CONNECTION_REQUEST = Buffer.from([
  0x03, 0x00, 0x00, 0x13, // TPKT: version 3, length 19
  0x0e, 0xe0, 0x00, 0x00, 0x00, 0x00, 0x00, // X.224 CR: length 14, code 0xE0, dst/src ref, class 0
  0x01, 0x00, 0x08, 0x00, 0x03, 0x00, 0x00, 0x00, // RDP_NEG_REQ: type 1, length 8, TLS | CredSSP
]);

export interface ConnectionConfirm {
  /** The protocol the server selected, or null when it did not negotiate (old servers). */
  selected: 'standard RDP security' | 'TLS' | 'CredSSP (NLA)' | 'other' | null;
  /** RDP_NEG_FAILURE code, e.g. 5 = HYBRID_REQUIRED_BY_SERVER. */
  failureCode?: number;
}

/** The Connection Confirm in a reply, or null when the reply is not one. */
export function readConnectionConfirm(reply: Buffer): ConnectionConfirm | null {
  if (reply.length < 11 || reply[0] !== 0x03 || reply[1] !== 0x00) return null;
  const tpktLength = reply.readUInt16BE(2);
  if (tpktLength < 11 || (reply[5] ?? 0) !== 0xd0) return null;
  if (tpktLength < 19 || reply.length < 19) return { selected: null };
  const type = reply[11];
  if (type === 0x03) return { selected: null, failureCode: reply.readUInt32LE(15) };
  if (type !== 0x02) return { selected: null };
  const protocol = reply.readUInt32LE(15);
  const names: Record<number, ConnectionConfirm['selected']> = { 0: 'standard RDP security', 1: 'TLS', 2: 'CredSSP (NLA)', 8: 'CredSSP (NLA)' };
  return { selected: names[protocol] ?? 'other' };
}
