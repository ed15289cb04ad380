import { describe, expect, it } from 'vitest';
import { bannerOf, matchReply, sanitize } from '../../src/identify/match.js';
import { PROBES } from '../../src/identify/index.js';

const probe = (name: string) => PROBES.find((p) => p.name === name)!;

function mysqlGreeting(version: string): Buffer {
  const body = Buffer.concat([Buffer.from([0x0a]), Buffer.from(`${version}\0`, 'latin1'), Buffer.alloc(30, 7)]);
  return Buffer.concat([Buffer.from([body.length, 0, 0, 0]), body]);
}

// Replies as real servers send them; the table is the contract of the first-cut rules.
const GREETINGS: [string, string | Buffer, Record<string, string>][] = [
  ['OpenSSH', 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n', { name: 'ssh', product: 'OpenSSH', version: '9.2p1' }],
  ['dropbear', 'SSH-2.0-dropbear_2022.83\r\n', { name: 'ssh', product: 'dropbear', version: '2022.83' }],
  ['vsftpd', '220 (vsFTPd 3.0.3)\r\n', { name: 'ftp', product: 'vsftpd', version: '3.0.3' }],
  ['ProFTPD', '220 ProFTPD 1.3.8 Server (Debian) [::ffff:127.0.0.1]\r\n', { name: 'ftp', product: 'ProFTPD', version: '1.3.8' }],
  ['Postfix', '220 mail.praxis.example ESMTP Postfix (Debian/GNU)\r\n', { name: 'smtp' }],
  ['Dovecot POP3', '+OK Dovecot (Debian) ready.\r\n', { name: 'pop3' }],
  ['Dovecot IMAP', '* OK [CAPABILITY IMAP4rev1 SASL-IR] Dovecot (Debian) ready.\r\n', { name: 'imap' }],
  ['MySQL', mysqlGreeting('8.0.36'), { name: 'mysql', product: 'MySQL', version: '8.0.36' }],
  ['MariaDB', mysqlGreeting('5.5.5-10.11.6-MariaDB-0+deb12u1'), { name: 'mysql', product: 'MariaDB', version: '5.5.5-10.11.6-MariaDB-0+deb12u1' }],
  ['VNC', 'RFB 003.008\n', { name: 'vnc', version: '003.008' }],
  ['telnet', Buffer.from([0xff, 0xfd, 0x18, 0xff, 0xfd, 0x20]), { name: 'telnet' }],
];

describe('identify rules', () => {
  it.each(GREETINGS)('NULL probe: %s', (_, reply, expected) => {
    const bytes = Buffer.isBuffer(reply) ? reply : Buffer.from(reply, 'latin1');
    expect(matchReply(bytes, probe('null'), PROBES)).toEqual(expected);
  });

  it('HTTP probe: Server header with and without version, any header case, greeting fallback', () => {
    const http = probe('http-get');
    const reply = (head: string) => Buffer.from(`${head}\r\n\r\n`, 'latin1');
    expect(matchReply(reply('HTTP/1.1 200 OK\r\nDate: x\r\nserver: nginx/1.24.0'), http, PROBES)).toEqual({ name: 'http', product: 'nginx', version: '1.24.0' });
    expect(matchReply(reply('HTTP/1.0 401 Unauthorized\r\nServer: Orthanc'), http, PROBES)).toEqual({ name: 'http', product: 'Orthanc' });
    expect(matchReply(reply('HTTP/1.1 404 Not Found'), http, PROBES)).toEqual({ name: 'http' });
    expect(matchReply(Buffer.from('* OK IMAP4rev1 ready\r\n'), http, PROBES)).toEqual({ name: 'imap' });
  });

  it('nothing, garbage and look-alikes match nothing', () => {
    expect(matchReply(Buffer.alloc(0), probe('null'), PROBES)).toBeNull();
    expect(matchReply(Buffer.from('hello world\r\n'), probe('null'), PROBES)).toBeNull();
    expect(matchReply(Buffer.from('XHTTP/1.1 200 OK\r\n\r\n'), probe('http-get'), PROBES)).toBeNull();
  });

  it('products are printable and capped even when a hostile server sends otherwise', () => {
    const evil = Buffer.from(`SSH-2.0-${'A'.repeat(500)}\x1b[31m_1\r\n`, 'latin1');
    const found = matchReply(evil, probe('null'), PROBES);
    expect(found?.name).toBe('ssh');
    expect(found?.product?.length ?? 0).toBeLessThanOrEqual(60);
    expect(sanitize('a\x00\x1b[31mb\r\n c', 10)).toBe('a [31mb c');
    expect(bannerOf(Buffer.from('\x00\x00\r\n'))).toBeUndefined();
    expect(bannerOf(Buffer.from('SSH-2.0-x\r\nsecond line'))).toBe('SSH-2.0-x');
  });
});
