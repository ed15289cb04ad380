import type { Probe } from '../probe-types.js';

const HEADER_END = Buffer.from('\r\n\r\n');

/** GET / with a Host header: HTTP servers answer with a status line and usually a Server header. */
export const httpGetProbe: Probe = {
  name: 'http-get',
  payload: ({ host, port }) =>
    Buffer.from(
      `GET / HTTP/1.0\r\nHost: ${host.includes(':') ? `[${host}]` : host}:${port}\r\n` +
        'User-Agent: praxiswache\r\nAccept: */*\r\nConnection: close\r\n\r\n',
      'latin1',
    ),
  transports: ['plain', 'tls'],
  likelyPorts: [80, 443, 8000, 8008, 8042, 8080, 8081, 8443, 8888, 9200],
  waitMs: 5000,
  enough: (reply) => reply.includes(HEADER_END),
  matches: [
    // mongod answers HTTP on its driver port with this text (one write, header and body together).
    { pattern: /^HTTP\/1\.0 200 OK\r\n[\s\S]*?\r\n\r\nIt looks like you are trying to access MongoDB over HTTP/, service: 'mongodb', product: 'MongoDB' },
    {
      pattern: /^HTTP\/\d(?:\.\d)? \d{3}[^\r\n]*\r\n(?:[^\r\n]+\r\n)*?Server: *([^\s/\r\n]+)(?:\/([^\s\r\n]+))?/i,
      service: 'http',
      product: '$1',
      version: '$2',
    },
    { pattern: /^HTTP\/\d(?:\.\d)? \d{3}/, service: 'http' },
  ],
  // nginx, Apache and Go answer a plain request on an HTTPS port with these words.
  tlsRequired: /plain HTTP request was sent to HTTPS port|speaking plain HTTP to an SSL-enabled server|client sent an HTTP request to an HTTPS server/i,
  // A greeting service wrapped in TLS (IMAPS, SMTPS…) greets before it reads our GET.
  fallback: ['null'],
};
