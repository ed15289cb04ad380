import net from 'node:net';
import tls from 'node:tls';
import { socketTracker, testCert } from './tcp-fixtures.js';

/**
 * In-process servers for protocols that say nothing until they receive a complete frame of their
 * own. Each speaks just enough of its protocol to answer our probe the way the real server does,
 * and on anything else either waits forever (the strict kind identify() used to give up on) or
 * hangs up (like smbd on bytes that are no NetBIOS session message). They count the connections
 * they still hold, so a test can see that identify() left nothing open.
 */
export type FrameReading = Buffer | 'incomplete' | 'foreign';

export interface FrameProtocol {
  name: string;
  /** What the server answers to everything received so far on one connection. */
  respond(received: Buffer): FrameReading;
}

export interface FrameServer {
  host: string;
  port: number;
  /** Connections accepted so far. */
  accepted(): number;
  /** Connections that received a complete frame and were answered. */
  answered(): number;
  /** Connections still open once the close events of this moment have run. */
  openNow(): Promise<number>;
  close(): Promise<void>;
}

/** More than any probe sends: a server must not buffer whatever a client pushes. */
const KEEP_BYTES = 64 * 1024;

export function startFrameServer(
  host: string,
  protocol: FrameProtocol | null,
  opts: { port?: number; onForeign?: 'wait' | 'close'; tls?: boolean; replyDelayMs?: (reply: Buffer) => number } = {},
): Promise<FrameServer> {
  const sockets = socketTracker();
  const hold = (socket: net.Socket): void => sockets.hold(socket);
  let accepted = 0;
  let answered = 0;
  const handle = (socket: net.Socket): void => {
    accepted++;
    hold(socket);
    // protocol null: a tarpit that accepts and never says a word.
    if (!protocol) return;
    let received = Buffer.alloc(0);
    let done = false;
    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      received = Buffer.concat([received, chunk]).subarray(0, KEEP_BYTES);
      const reading = protocol.respond(received);
      if (Buffer.isBuffer(reading)) {
        done = true;
        answered++;
        const timer = setTimeout(() => socket.write(reading), opts.replyDelayMs?.(reading) ?? 0);
        socket.on('close', () => clearTimeout(timer));
      } else if (reading === 'foreign' && opts.onForeign === 'close') {
        done = true;
        socket.destroy();
      }
    });
  };
  const server = opts.tls ? tls.createServer({ ...testCert() }, handle) : net.createServer(handle);
  // A TLS server hears of a connection only after the handshake: hold it from the TCP accept on.
  if (opts.tls) server.on('connection', hold);
  server.on('tlsClientError', () => undefined);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: opts.port ?? 0, exclusive: true }, () => {
      resolve({
        host,
        port: (server.address() as net.AddressInfo).port,
        accepted: () => accepted,
        answered: () => answered,
        openNow: () => sockets.openNow(),
        close: () =>
          new Promise((done) => {
            sockets.destroyAll();
            server.close(() => done());
          }),
      });
    });
  });
}

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

/** Length-prefixed frames: complete once `total(received)` bytes are there; foreign when `plausible` says so. */
function framed(received: Buffer, headerBytes: number, total: (b: Buffer) => number, plausible: (b: Buffer) => boolean): Buffer | 'incomplete' | 'foreign' {
  if (received.length < headerBytes) return 'incomplete';
  if (!plausible(received)) return 'foreign';
  const length = total(received);
  return received.length >= length ? received.subarray(0, length) : 'incomplete';
}

/** SMB2 over direct TCP: a NEGOTIATE request is answered with an SMB2 NEGOTIATE response header. */
export const SMB2: FrameProtocol = {
  name: 'smb',
  respond(received) {
    const frame = framed(received, 8, (b) => 4 + (b.readUInt32BE(0) & 0xffffff), (b) => b[0] === 0 && b.subarray(4, 8).equals(latin1('\xfeSMB')));
    if (!Buffer.isBuffer(frame)) return frame;
    const header = Buffer.alloc(64);
    latin1('\xfeSMB').copy(header, 0);
    header.writeUInt16LE(64, 4);
    header.writeUInt16LE(0, 12); // NEGOTIATE
    header.writeUInt32LE(1, 16); // flags: server to client
    const body = Buffer.alloc(65);
    body.writeUInt16LE(65, 0);
    body.writeUInt16LE(0x0210, 4); // dialect 2.1
    const netbios = Buffer.alloc(4);
    netbios.writeUInt32BE(header.length + body.length);
    return Buffer.concat([netbios, header, body]);
  },
};

/** RDP: TPKT + X.224 Connection Request (0xE0) answered with a Connection Confirm selecting TLS. */
export const RDP: FrameProtocol = {
  name: 'rdp',
  respond(received) {
    const frame = framed(received, 4, (b) => b.readUInt16BE(2), (b) => b[0] === 3 && b[1] === 0);
    if (!Buffer.isBuffer(frame)) return frame;
    if (frame[5] !== 0xe0) return 'foreign';
    return Buffer.from([0x03, 0x00, 0x00, 0x13, 0x0e, 0xd0, 0x00, 0x00, 0x12, 0x34, 0x00, 0x02, 0x00, 0x08, 0x00, 0x01, 0x00, 0x00, 0x00]);
  },
};

function dicomItem(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt8(type, 0);
  head.writeUInt16BE(body.length, 2);
  return Buffer.concat([head, body]);
}

/** DICOM upper layer: an A-ASSOCIATE-RQ is accepted (AC naming the implementation) or rejected (RJ). */
export function dicom(answer: 'accept' | 'reject'): FrameProtocol {
  return {
    name: 'dicom',
    respond(received) {
      const frame = framed(received, 6, (b) => 6 + b.readUInt32BE(2), (b) => b[0] === 0x01 && b[1] === 0);
      if (!Buffer.isBuffer(frame)) return frame;
      // RJ: rejected permanently (1), by the service user (1), calling AE title not recognised (3).
      if (answer === 'reject') return Buffer.from([0x03, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x01, 0x03]);
      const fixed = Buffer.alloc(68);
      fixed.writeUInt16BE(1, 0);
      frame.copy(fixed, 4, 10, 42); // called and calling AE titles as requested
      const accepted = Buffer.concat([Buffer.from([1, 0, 0, 0]), dicomItem(0x40, latin1('1.2.840.10008.1.2'))]);
      const maxLength = Buffer.alloc(4);
      maxLength.writeUInt32BE(16384);
      const userInfo = Buffer.concat([dicomItem(0x51, maxLength), dicomItem(0x52, latin1('1.2.3.4')), dicomItem(0x55, latin1('FIXTURE_PACS'))]);
      const body = Buffer.concat([fixed, dicomItem(0x10, latin1('1.2.840.10008.3.1.1.1')), dicomItem(0x21, accepted), dicomItem(0x50, userInfo)]);
      const head = Buffer.alloc(6);
      head.writeUInt8(0x02, 0);
      head.writeUInt32BE(body.length, 2);
      return Buffer.concat([head, body]);
    },
  };
}

/** HL7 v2 over MLLP: a framed message is answered with a framed ACK (MSH … MSA|AA). */
export const MLLP: FrameProtocol = {
  name: 'hl7-mllp',
  respond(received) {
    if (received[0] !== 0x0b) return 'foreign';
    const end = received.indexOf(latin1('\x1c\x0d'));
    if (end === -1) return 'incomplete';
    return latin1('\x0bMSH|^~\\&|FIXTURE_HIS|PRAXIS|PRAXISWACHE|PRAXISWACHE|20250101120000||ACK^A19|1|T|2.3\rMSA|AA|PWPROBE1\r\x1c\x0d');
  },
};

/** Redis RESP: only complete arrays are commands; PING → +PONG (or NOAUTH with requirepass). */
export function redis(auth: 'none' | 'requirepass'): FrameProtocol {
  return {
    name: 'redis',
    respond(received) {
      const text = received.toString('latin1');
      if (!text.startsWith('*')) return 'foreign';
      const command = /^\*1\r\n\$(\d+)\r\n([A-Za-z]+)\r\n$/.exec(text);
      if (!command) return 'incomplete';
      if (auth === 'requirepass') return latin1('-NOAUTH Authentication required.\r\n');
      if (command[2]?.toUpperCase() === 'PING') return latin1('+PONG\r\n');
      return latin1('-ERR unknown command\r\n');
    },
  };
}

/** PostgreSQL: SSLRequest → 'N'; StartupMessage (protocol 3.0) → AuthenticationMD5Password. */
export const POSTGRES: FrameProtocol = {
  name: 'postgresql',
  respond(received) {
    const frame = framed(received, 8, (b) => b.readInt32BE(0), (b) => b.readInt32BE(0) >= 8 && b.readInt32BE(0) <= 10_000);
    if (!Buffer.isBuffer(frame)) return frame;
    const code = frame.readInt32BE(4);
    if (code === 80877103) return latin1('N');
    if (code !== 196608) return 'foreign';
    return Buffer.concat([latin1('R\x00\x00\x00\x0c\x00\x00\x00\x05'), Buffer.from([1, 2, 3, 4])]);
  },
};

/** MongoDB: an OP_MSG is answered with a hello document (responseTo = the request's id). */
export const MONGODB: FrameProtocol = {
  name: 'mongodb',
  respond(received) {
    const frame = framed(received, 16, (b) => b.readInt32LE(0), (b) => b.readInt32LE(0) >= 16 && b.readInt32LE(0) <= 48_000_000 && b.readInt32LE(12) === 2013);
    if (!Buffer.isBuffer(frame)) return frame;
    const wire = Buffer.alloc(4);
    wire.writeInt32LE(17);
    const one = Buffer.alloc(8);
    one.writeDoubleLE(1);
    const fields = Buffer.concat([latin1('\x08ismaster\x00\x01'), latin1('\x10maxWireVersion\x00'), wire, latin1('\x01ok\x00'), one, Buffer.from([0])]);
    const doc = Buffer.concat([Buffer.alloc(4), fields]);
    doc.writeInt32LE(doc.length, 0);
    const header = Buffer.alloc(21);
    header.writeInt32LE(21 + doc.length, 0);
    header.writeInt32LE(1, 4);
    header.writeInt32LE(frame.readInt32LE(4), 8);
    header.writeInt32LE(2013, 12);
    return Buffer.concat([header, doc]);
  },
};

/** memcached's text protocol, answering only its own `version` command. */
export const MEMCACHED: FrameProtocol = {
  name: 'memcached',
  respond(received) {
    const text = received.toString('latin1');
    if (!/^[a-z]/.test(text)) return 'foreign';
    if (!text.includes('\r\n')) return 'incomplete';
    return text === 'version\r\n' ? latin1('VERSION 1.6.21\r\n') : 'foreign';
  },
};
