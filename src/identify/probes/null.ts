/* eslint-disable no-control-regex -- binary greetings (MySQL, telnet) are matched byte for byte */
import type { Probe } from '../probe-types.js';

/** Connect and listen: services that greet first (SSH, FTP, SMTP, MySQL, VNC, telnet…). */
export const nullProbe: Probe = {
  name: 'null',
  payload: null,
  transports: ['plain'],
  likelyPorts: [21, 22, 23, 25, 110, 143, 587, 3306, 5900, 5901],
  waitMs: 1500,
  matches: [
    { pattern: /^SSH-([\d.]+)-([A-Za-z][A-Za-z0-9.]*?)[_-]([^\s\r\n]+)/, service: 'ssh', product: '$2', version: '$3' },
    { pattern: /^SSH-([\d.]+)-([^\s\r\n]+)/, service: 'ssh', product: '$2' },
    { pattern: /^220[ -][^\r\n]*\(vsFTPd ([\d.]+)\)/, service: 'ftp', product: 'vsftpd', version: '$1' },
    { pattern: /^220[ -][^\r\n]*ProFTPD(?: ([\d.]+\w*))?/, service: 'ftp', product: 'ProFTPD', version: '$1' },
    { pattern: /^220[ -][^\r\n]*\bE?SMTP\b/i, service: 'smtp' },
    { pattern: /^220[ -][^\r\n]*\bFTP\b/i, service: 'ftp' },
    { pattern: /^\+OK[^\r\n]*\r?\n/, service: 'pop3' },
    { pattern: /^\* OK[^\r\n]*IMAP/i, service: 'imap' },
    { pattern: /^\* OK /, service: 'imap' },
    // MySQL/MariaDB initial handshake: 3-byte length, sequence 0, protocol 10, NUL-terminated version.
    { pattern: /^[\s\S]{3}\x00\x0a(\d+\.\d+\.\d+-[^\x00]*MariaDB[^\x00]*)\x00/, service: 'mysql', product: 'MariaDB', version: '$1' },
    { pattern: /^[\s\S]{3}\x00\x0a(\d+\.\d+\.\d+[^\x00]*)\x00/, service: 'mysql', product: 'MySQL', version: '$1' },
    // MySQL refusing our address still proves MySQL: error packet 0xff with code 1130.
    { pattern: /^[\s\S]{3}\x00\xff\x6a\x04/, service: 'mysql' },
    { pattern: /^RFB (\d{3}\.\d{3})\n/, service: 'vnc', version: '$1' },
    { pattern: /^\xff[\xfb-\xfe][\s\S]/, service: 'telnet' },
  ],
};
