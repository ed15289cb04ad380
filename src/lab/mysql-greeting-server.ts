import { startBannerServer } from './banner-server.js';
import type { RunningServer } from './document-server.js';

/**
 * A database port reachable from outside, as at dubidoc: it greets like MySQL (protocol 10
 * handshake, so identification names it) and refuses every login with error 1045. There is
 * no database behind it; CAT-DATA's real-server tests prove logins.
 */
export function startMysqlGreetingServer(host: string, port: number, version = '8.0.31'): Promise<RunningServer> {
  return startBannerServer(host, port, packet(0, handshake(version)), packet(2, accessDenied()));
}

function packet(sequence: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUIntLE(payload.length, 0, 3);
  head[3] = sequence;
  return Buffer.concat([head, payload]);
}

function handshake(version: string): Buffer {
  const salt = Buffer.from('praxiswachelabsalt01', 'latin1'); // 20 bytes, fixed: nothing to protect here
  return Buffer.concat([
    Buffer.from([10]),
    Buffer.from(`${version}\0`, 'latin1'),
    Buffer.from([1, 0, 0, 0]), // connection id
    salt.subarray(0, 8),
    Buffer.from([0]),
    Buffer.from([0xff, 0xf7]), // capabilities (lower)
    Buffer.from([0x21]), // utf8 charset
    Buffer.from([0x02, 0x00]), // status: autocommit
    Buffer.from([0xff, 0x81]), // capabilities (upper)
    Buffer.from([21]),
    Buffer.alloc(10),
    salt.subarray(8),
    Buffer.from([0]),
    Buffer.from('mysql_native_password\0', 'latin1'),
  ]);
}

function accessDenied(): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0x15, 0x04]), Buffer.from('#28000Access denied for user (using password: NO)', 'latin1')]);
}
