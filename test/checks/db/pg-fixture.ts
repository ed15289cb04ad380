import type net from 'node:net';
import { startTcpServer } from '../../identify/tcp-fixtures.js';

/**
 * In-process PostgreSQL (protocol 3.0) server: 'trust' lets the users in `users` in without a
 * password and answers every query with one row (server version, database count); 'scram'
 * demands SCRAM-SHA-256 and records whether a client ever sent a password message.
 */
export interface PgFixture {
  host: string;
  port: number;
  /** User names from the startup messages, in order. */
  attempts: string[];
  /** True when any client sent a password/SASL message ('p'). */
  passwordSent(): boolean;
  close(): Promise<void>;
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
const int32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n, 0);
  return b;
};
const cstr = (s: string): Buffer => Buffer.from(`${s}\0`, 'utf8');

function rowReply(names: string[], values: string[]): Buffer {
  const fields = names.map((name) =>
    Buffer.concat([cstr(name), int32(0), Buffer.from([0, 0]), int32(25), Buffer.from([0xff, 0xff]), int32(-1), Buffer.from([0, 0])]),
  );
  const count = Buffer.alloc(2);
  count.writeInt16BE(values.length, 0);
  const row = Buffer.concat([count, ...values.map((v) => Buffer.concat([int32(Buffer.byteLength(v)), Buffer.from(v)]))]);
  return Buffer.concat([message('T', Buffer.concat([count, ...fields])), message('D', row), message('C', cstr('SELECT 1')), message('Z', Buffer.from('I'))]);
}

export function startPgFixture(host: string, opts: { auth: 'trust' | 'scram'; users: string[]; databases: number }): Promise<PgFixture> {
  const attempts: string[] = [];
  let passwordSent = false;
  const serve = (socket: net.Socket): void => {
    let buffer = Buffer.alloc(0);
    let started = false;
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          // like the real server: "invalid length of startup packet" ends the connection
          if (length < 8 || length > 10_000 || buffer.readInt32BE(4) !== 196608) return void socket.destroy();
          if (buffer.length < length) return;
          const params = buffer.subarray(8, length).toString('utf8').split('\0');
          buffer = buffer.subarray(length);
          started = true;
          const user = params[params.indexOf('user') + 1] ?? '';
          attempts.push(user);
          if (opts.auth === 'scram') {
            socket.write(message('R', Buffer.concat([int32(10), cstr('SCRAM-SHA-256'), Buffer.from([0])])));
          } else if (!opts.users.includes(user)) {
            socket.end(message('E', Buffer.concat([cstr('SFATAL'), cstr('VFATAL'), cstr('C28000'), cstr(`role "${user}" does not exist`), Buffer.from([0])])));
          } else {
            socket.write(Buffer.concat([
              message('R', int32(0)),
              message('S', Buffer.concat([cstr('server_version'), cstr('16.4')])),
              message('K', Buffer.concat([int32(1), int32(2)])),
              message('Z', Buffer.from('I')),
            ]));
          }
          continue;
        }
        if (buffer.length < 5) return;
        const type = String.fromCharCode(buffer[0]!);
        const length = buffer.readInt32BE(1);
        if (buffer.length < length + 1) return;
        buffer = buffer.subarray(length + 1);
        if (type === 'p') passwordSent = true;
        if (type === 'Q') socket.write(rowReply(['version', 'databases'], ['16.4 (fixture)', String(opts.databases)]));
        if (type === 'X') socket.end();
      }
    });
  };
  return startTcpServer(host, serve).then((server) => ({ ...server, attempts, passwordSent: () => passwordSent }));
}
