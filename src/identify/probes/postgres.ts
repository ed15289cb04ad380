/* eslint-disable no-control-regex -- PostgreSQL replies are binary messages matched byte for byte */
import type { Probe } from '../probe-types.js';

/**
 * A protocol 3.0 StartupMessage for a user that should not exist. A bare SSLRequest is answered
 * with one byte ('N' or 'S'), too little to tell PostgreSQL from anything else; a startup is
 * answered with an authentication request ('R') or a FATAL error message ('E' with S/V/C fields),
 * both distinctive. Nothing is logged in: we never answer the authentication request.
 */
function startupMessage(): Buffer {
  const params = Buffer.from('user\0praxiswache-probe\0database\0praxiswache-probe\0application_name\0praxiswache\0\0', 'latin1');
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + params.length, 0);
  header.writeInt32BE(196608, 4); // protocol version 3.0
  return Buffer.concat([header, params]);
}

export const postgresStartupProbe: Probe = {
  name: 'postgres-startup',
  payload: startupMessage,
  transports: ['plain'],
  likelyPorts: [5432, 5433, 5434],
  waitMs: 2000,
  matches: [
    // AuthenticationOk/CleartextPassword/MD5/SASL: 'R', length 8…, one of the known codes.
    { pattern: /^R\x00\x00\x00[\x08-\x7f]\x00\x00\x00[\x00\x03\x05\x0a]/, service: 'postgresql', product: 'PostgreSQL' },
    // ErrorResponse: 'E', length, localized severity S, the untranslated V (since 9.6), SQLSTATE C.
    { pattern: /^E\x00[\s\S]{3}S[^\x00]{1,20}\x00(?:V(?:FATAL|ERROR|PANIC)\x00)?C[0-9A-Z]{5}\x00/, service: 'postgresql', product: 'PostgreSQL' },
  ],
};
