/* eslint-disable no-control-regex -- MLLP frames are matched byte for byte */
import type { Probe } from '../probe-types.js';

/** HL7 v2 over MLLP is framed as <VT> message <FS><CR>. */
export function mllpFrame(message: string): Buffer {
  return Buffer.concat([Buffer.from([0x0b]), Buffer.from(message, 'latin1'), Buffer.from([0x1c, 0x0d])]);
}

export const MLLP_END = Buffer.from([0x1c, 0x0d]);

function hl7Timestamp(when: Date): string {
  return when.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * The hl7.mllp-open proof (skipped under --safe): a QRY^A19 demographics query for a patient id
 * that cannot exist, processing id "T" (training), so nothing is stored and no real patient matches.
 */
export function hl7TestQuery(controlId: string, when = new Date()): string {
  const ts = hl7Timestamp(when);
  return [
    `MSH|^~\\&|PRAXISWACHE|PRAXISWACHE|||${ts}||QRY^A19|${controlId}|T|2.3`,
    `QRD|${ts}|R|I|${controlId}|||1^RD|PRAXISWACHE-NO-SUCH-PATIENT|DEM`,
  ].join('\r') + '\r';
}

/**
 * Identification's message: an NMQ^N01 network-management query for the system clock (NCK),
 * processing id "T". It asks about no patient, so it goes out under --safe as well.
 */
export function hl7ClockQuery(controlId: string, when = new Date()): string {
  const ts = hl7Timestamp(when);
  return `MSH|^~\\&|PRAXISWACHE|PRAXISWACHE|||${ts}||NMQ^N01|${controlId}|T|2.3\rNCK|${ts}\r`;
}

/**
 * Any listener in original acknowledgment mode answers a framed message with a framed MSH … MSA
 * (accept, error or reject; many engines reject NMQ, which identifies them just as well). MSH-3
 * of the reply names the sending application when filled in.
 */
export const mllpProbe: Probe = {
  name: 'mllp',
  payload: () => mllpFrame(hl7ClockQuery('PWPROBE1')),
  transports: ['plain', 'tls'],
  likelyPorts: [2575, 2576, 6660, 6661],
  waitMs: 3000,
  enough: (reply) => reply.includes(MLLP_END),
  matches: [
    { pattern: /^\x0bMSH\|\^~\\&\|([A-Za-z0-9 ._-]{1,30})\|[\s\S]*?\rMSA\|/, service: 'hl7-mllp', product: '$1' },
    { pattern: /^\x0bMSH\|[\s\S]*?\rMSA\|/, service: 'hl7-mllp' },
  ],
};
