import { BSON, type Document } from 'mongodb';
import type net from 'node:net';
import { startTcpServer } from '../../identify/tcp-fixtures.js';

/**
 * In-process MongoDB wire-protocol server (OP_QUERY handshake, OP_MSG commands), enough for the
 * official driver: hello/isMaster, buildInfo, listDatabases, endSessions. With `auth: true` it
 * behaves like mongod with authorization enabled: listDatabases → code 13 Unauthorized.
 * MongoDB is not packaged in Debian, so this fixture stands in for the real peer.
 */
export interface MongoFixture {
  host: string;
  port: number;
  /** Command names received, in order. */
  commands: string[];
  close(): Promise<void>;
}

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

function answer(command: string, opts: { auth: boolean; databases: string[] }): Document {
  switch (command.toLowerCase()) {
    case 'hello':
    case 'ismaster':
      return {
        ismaster: true, helloOk: true, isWritablePrimary: true, maxBsonObjectSize: 16777216, maxMessageSizeBytes: 48000000,
        maxWriteBatchSize: 100000, localTime: new Date(), logicalSessionTimeoutMinutes: 30, connectionId: 1,
        minWireVersion: 0, maxWireVersion: 21, readOnly: false, ok: 1,
      };
    case 'buildinfo':
      return { version: '7.0.12', ok: 1 };
    case 'listdatabases':
      return opts.auth
        ? { ok: 0, errmsg: 'command listDatabases requires authentication', code: 13, codeName: 'Unauthorized' }
        : { databases: opts.databases.map((name) => ({ name })), ok: 1 };
    default:
      return { ok: 1 };
  }
}

function frame(opCode: number, responseTo: number, body: Buffer): Buffer {
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + body.length, 0);
  header.writeInt32LE(1, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(opCode, 12);
  return Buffer.concat([header, body]);
}

function handle(message: Buffer, opts: { auth: boolean; databases: string[] }, commands: string[]): Buffer | null {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  let doc: Document;
  if (opCode === OP_MSG) {
    doc = BSON.deserialize(message.subarray(21, 21 + message.readInt32LE(21)));
  } else if (opCode === OP_QUERY) {
    const nameEnd = message.indexOf(0, 20);
    const at = nameEnd + 1 + 8;
    doc = BSON.deserialize(message.subarray(at, at + message.readInt32LE(at)));
  } else {
    return null;
  }
  const command = Object.keys(doc)[0] ?? '';
  commands.push(command);
  const reply = Buffer.from(BSON.serialize(answer(command, opts)));
  if (opCode === OP_MSG) return frame(OP_MSG, requestId, Buffer.concat([Buffer.alloc(4), Buffer.from([0]), reply]));
  const prefix = Buffer.alloc(20); // responseFlags, cursorID, startingFrom, numberReturned
  prefix.writeInt32LE(1, 16);
  return frame(OP_REPLY, requestId, Buffer.concat([prefix, reply]));
}

export function startMongoFixture(host: string, opts: { auth: boolean; databases: string[] }): Promise<MongoFixture> {
  const commands: string[] = [];
  const serve = (socket: net.Socket): void => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length >= 4 && (buffer.readInt32LE(0) < 16 || buffer.readInt32LE(0) > 48_000_000)) return void socket.destroy();
      while (buffer.length >= 16 && buffer.length >= buffer.readInt32LE(0)) {
        const length = buffer.readInt32LE(0);
        // like mongod: a message length outside 16 B … 48 MB ends the connection
        if (length < 16 || length > 48_000_000) return void socket.destroy();
        const reply = handle(buffer.subarray(0, length), opts, commands);
        buffer = buffer.subarray(length);
        if (reply) socket.write(reply);
        else socket.destroy();
      }
    });
  };
  return startTcpServer(host, serve).then((server) => ({ ...server, commands }));
}
