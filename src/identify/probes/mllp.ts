/* eslint-disable no-control-regex -- MLLP frames are matched byte for byte */
import type { Probe } from '../probe-types.js';

/**
 * HL7 v2 over MLLP (framed as <VT> message <FS><CR>). The message is a QRY^A19 demographics query
 * for a patient id that cannot exist, with processing id "T" (training): nothing is stored or
 * changed, and no real patient matches. Any HL7 listener answers with a framed MSH … MSA
 * (accept, error or reject); MSH-3 of the reply names the sending application when filled in.
 */
export function mllpFrame(message: string): Buffer {
  return Buffer.concat([Buffer.from([0x0b]), Buffer.from(message, 'latin1'), Buffer.from([0x1c, 0x0d])]);
}

export const MLLP_END = Buffer.from([0x1c, 0x0d]);

export function hl7TestQuery(controlId: string, when = new Date()): string {
  const ts = when.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return [
    `MSH|^~\\&|PRAXISWACHE|PRAXISWACHE|||${ts}||QRY^A19|${controlId}|T|2.3`,
    `QRD|${ts}|R|I|${controlId}|||1^RD|PRAXISWACHE-NO-SUCH-PATIENT|DEM`,
  ].join('\r') + '\r';
}

export const mllpProbe: Probe = {
  name: 'mllp',
  payload: () => mllpFrame(hl7TestQuery('PWPROBE1')),
  transports: ['plain', 'tls'],
  likelyPorts: [2575, 2576, 6660, 6661],
  waitMs: 3000,
  enough: (reply) => reply.includes(MLLP_END),
  matches: [
    { pattern: /^\x0bMSH\|\^~\\&\|([A-Za-z0-9 ._-]{1,30})\|[\s\S]*?\rMSA\|/, service: 'hl7-mllp', product: '$1' },
    { pattern: /^\x0bMSH\|[\s\S]*?\rMSA\|/, service: 'hl7-mllp' },
  ],
};
