/* eslint-disable no-control-regex -- DICOM PDUs are binary and matched byte for byte */
import type { Probe } from '../probe-types.js';

/**
 * DICOM A-ASSOCIATE-RQ (PS3.8 §9.3.2) proposing only Verification, from calling AE
 * "PRAXISWACHE" to "ANY-SCP". Any DICOM upper layer answers with a PDU of its own: AC (0x02),
 * RJ (0x03, always 4 bytes long) or an A-ABORT (0x07) — so DICOM is found on 104, 11112, 4242
 * or any odd port, whether or not it likes our AE titles. Nothing is queried here.
 */
const APPLICATION_CONTEXT = '1.2.840.10008.3.1.1.1';
const VERIFICATION = '1.2.840.10008.1.1';
const IMPLICIT_LITTLE_ENDIAN = '1.2.840.10008.1.2';
const IMPLEMENTATION_CLASS = '1.2.826.0.1.3680043.10.1977.1';

function item(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt8(type, 0);
  head.writeUInt16BE(body.length, 2);
  return Buffer.concat([head, body]);
}

const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');
const aeTitle = (s: string): Buffer => ascii(s.padEnd(16, ' ').slice(0, 16));

export function associateRequest(calledAe: string, callingAe: string): Buffer {
  const maxLength = Buffer.alloc(4);
  maxLength.writeUInt32BE(16384);
  const presentation = Buffer.concat([
    Buffer.from([1, 0, 0, 0]), // context id 1, reserved
    item(0x30, ascii(VERIFICATION)),
    item(0x40, ascii(IMPLICIT_LITTLE_ENDIAN)),
  ]);
  const userInfo = Buffer.concat([item(0x51, maxLength), item(0x52, ascii(IMPLEMENTATION_CLASS)), item(0x55, ascii('PRAXISWACHE'))]);
  const fixed = Buffer.alloc(68);
  fixed.writeUInt16BE(1, 0); // protocol version
  aeTitle(calledAe).copy(fixed, 4);
  aeTitle(callingAe).copy(fixed, 20);
  const body = Buffer.concat([fixed, item(0x10, ascii(APPLICATION_CONTEXT)), item(0x20, presentation), item(0x50, userInfo)]);
  const head = Buffer.alloc(6);
  head.writeUInt8(0x01, 0);
  head.writeUInt32BE(body.length, 2);
  return Buffer.concat([head, body]);
}

export const dicomProbe: Probe = {
  name: 'dicom-associate',
  payload: () => associateRequest('ANY-SCP', 'PRAXISWACHE'),
  transports: ['plain', 'tls'],
  likelyPorts: [104, 2761, 2762, 4242, 11112],
  waitMs: 3000,
  // The reply's 6-byte header announces its length; the whole PDU is small (AC < 1 KB).
  enough: (reply) => reply.length >= 6 && reply.length >= 6 + reply.readUInt32BE(2),
  matches: [
    // A-ASSOCIATE-AC: protocol version 1, then the implementation version name (item 0x55) if sent.
    { pattern: /^\x02\x00[\s\S]{4}\x00\x01[\s\S]*?\x55\x00\x00[\x01-\x10]([\x20-\x7e]{1,16})/, service: 'dicom', product: '$1' },
    { pattern: /^\x02\x00[\s\S]{4}\x00\x01/, service: 'dicom' },
    // A-ASSOCIATE-RJ: length 4, result 1|2, source 1–3.
    { pattern: /^\x03\x00\x00\x00\x00\x04\x00[\x01\x02][\x01-\x03]/, service: 'dicom' },
    // A-ABORT: length 4.
    { pattern: /^\x07\x00\x00\x00\x00\x04\x00\x00[\x00-\x02]/, service: 'dicom' },
  ],
};
