/* eslint-disable no-control-regex -- SMB2 replies are binary */
import type { Probe } from '../probe-types.js';

/**
 * SMB over TCP (445, direct hosting): an SMB2 NEGOTIATE offering dialects 2.0.2 and 2.1.
 * Every SMB2/3 server (Windows, Samba, NAS boxes) answers with an SMB2 header ("\xFESMB");
 * SMB1-only servers answer "\xFFSMB" with an error, which still names the protocol.
 */
function smb2Negotiate(): Buffer {
  const header = Buffer.alloc(64);
  header.write('\xfeSMB', 0, 'latin1');
  header.writeUInt16LE(64, 4); // structure size
  header.writeUInt16LE(0, 12); // command: NEGOTIATE
  header.writeUInt16LE(1, 14); // credits requested
  const body = Buffer.alloc(40);
  body.writeUInt16LE(36, 0); // structure size
  body.writeUInt16LE(2, 2); // dialect count
  body.writeUInt16LE(1, 4); // security mode: signing enabled
  body.writeUInt16LE(0x0202, 36);
  body.writeUInt16LE(0x0210, 38);
  const netbios = Buffer.alloc(4);
  netbios.writeUInt32BE(header.length + body.length, 0);
  return Buffer.concat([netbios, header, body]);
}

const NEGOTIATE = smb2Negotiate();

export const smbProbe: Probe = {
  name: 'smb2-negotiate',
  payload: () => NEGOTIATE,
  transports: ['plain'],
  likelyPorts: [445, 139],
  waitMs: 3000,
  enough: (reply) => reply.length >= 4 && reply.length >= 4 + reply.readUInt32BE(0),
  matches: [
    { pattern: /^\x00[\s\S]{3}\xfeSMB@\x00/, service: 'smb', product: 'SMB2' },
    { pattern: /^\x00[\s\S]{3}\xffSMB/, service: 'smb', product: 'SMB1' },
  ],
};
