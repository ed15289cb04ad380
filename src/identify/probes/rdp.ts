/* eslint-disable no-control-regex -- TPKT/X.224 replies are binary */
import { X224_CONNECTION_REQUEST } from '../../checks/rdp/x224.js';
import type { Probe } from '../probe-types.js';

/** RDP: an X.224 Connection Request; the server answers with a Connection Confirm (code 0xD0). */
export const rdpProbe: Probe = {
  name: 'rdp-x224',
  payload: () => X224_CONNECTION_REQUEST,
  transports: ['plain'],
  likelyPorts: [3389, 3388, 3390],
  waitMs: 3000,
  enough: (reply) => reply.length >= 4 && reply.length >= reply.readUInt16BE(2),
  matches: [{ pattern: /^\x03\x00[\s\S]{2}[\x06-\xff]\xd0/, service: 'rdp' }],
};
