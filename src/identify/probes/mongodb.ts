/* eslint-disable no-control-regex -- the MongoDB wire protocol is binary */
import type { Probe } from '../probe-types.js';

const OP_MSG = 2013;

/** A minimal BSON document with string/int32 fields, enough for one command. */
function bsonDocument(fields: [string, number | string][]): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    const key = Buffer.from(`${name}\0`, 'latin1');
    if (typeof value === 'number') {
      const int = Buffer.alloc(4);
      int.writeInt32LE(value, 0);
      parts.push(Buffer.from([0x10]), key, int);
    } else {
      const str = Buffer.from(`${value}\0`, 'utf8');
      const len = Buffer.alloc(4);
      len.writeInt32LE(str.length, 0);
      parts.push(Buffer.from([0x02]), key, len, str);
    }
  }
  const body = Buffer.concat([...parts, Buffer.from([0])]);
  const size = Buffer.alloc(4);
  size.writeInt32LE(body.length + 4, 0);
  return Buffer.concat([size, body]);
}

/** OP_MSG { isMaster: 1, $db: "admin" }: answered without authentication by every MongoDB ≥ 3.6. */
function isMasterMessage(): Buffer {
  const doc = bsonDocument([['isMaster', 1], ['$db', 'admin']]);
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + doc.length, 0);
  header.writeInt32LE(0x7077, 4); // requestID
  header.writeInt32LE(0, 8); // responseTo
  header.writeInt32LE(OP_MSG, 12);
  header.writeUInt32LE(0, 16); // flagBits
  header.writeUInt8(0, 20); // section kind 0: body
  return Buffer.concat([header, doc]);
}

export const mongodbHelloProbe: Probe = {
  name: 'mongodb-hello',
  payload: isMasterMessage,
  transports: ['plain', 'tls'],
  likelyPorts: [27017, 27018, 27019],
  waitMs: 2000,
  enough: (reply) => reply.length >= 4 && reply.length >= reply.readInt32LE(0),
  matches: [
    // Reply header: responseTo = our requestID, opCode 2013; the hello document names wire versions.
    { pattern: /^[\s\S]{8}\x77\x70\x00\x00\xdd\x07\x00\x00[\s\S]*\x10maxWireVersion\x00/, service: 'mongodb', product: 'MongoDB' },
  ],
};
