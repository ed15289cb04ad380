/**
 * A bounded reader for one top-level RESP (Redis serialization protocol) reply: enough to read
 * the answer to INFO or PING. Hostile input never throws: it is 'invalid' or 'incomplete'.
 */
export type RespReply =
  | { state: 'incomplete' }
  | { state: 'invalid' }
  | { state: 'complete'; kind: 'simple' | 'error' | 'integer'; text: string }
  | { state: 'complete'; kind: 'bulk'; text: string | null };

const CRLF = Buffer.from('\r\n');
/** Bulk strings above this are refused rather than awaited (INFO is a few KB). */
export const MAX_BULK_BYTES = 1024 * 1024;

export function parseRespReply(buf: Buffer): RespReply {
  if (buf.length === 0) return { state: 'incomplete' };
  const lineEnd = buf.indexOf(CRLF);
  if (lineEnd === -1) return buf.length > 4096 ? { state: 'invalid' } : { state: 'incomplete' };
  const type = String.fromCharCode(buf[0]!);
  const line = buf.subarray(1, lineEnd).toString('latin1');
  switch (type) {
    case '+':
      return { state: 'complete', kind: 'simple', text: line };
    case '-':
      return { state: 'complete', kind: 'error', text: line };
    case ':':
      return /^-?\d+$/.test(line) ? { state: 'complete', kind: 'integer', text: line } : { state: 'invalid' };
    case '$':
    case '=': // RESP3 verbatim string: "txt:" prefix inside the bulk
      return bulk(buf, line, lineEnd, type === '=');
    default:
      return { state: 'invalid' };
  }
}

function bulk(buf: Buffer, header: string, lineEnd: number, verbatim: boolean): RespReply {
  if (header === '-1') return { state: 'complete', kind: 'bulk', text: null };
  if (!/^\d{1,9}$/.test(header)) return { state: 'invalid' };
  const length = Number(header);
  if (length > MAX_BULK_BYTES) return { state: 'invalid' };
  const start = lineEnd + 2;
  if (buf.length < start + length + 2) return { state: 'incomplete' };
  if (!buf.subarray(start + length, start + length + 2).equals(CRLF)) return { state: 'invalid' };
  const text = buf.subarray(start, start + length).toString('utf8');
  return { state: 'complete', kind: 'bulk', text: verbatim ? text.replace(/^\w{3}:/, '') : text };
}

/** An array command as redis-cli sends it. */
export function respCommand(...words: string[]): Buffer {
  const parts = [`*${words.length}\r\n`];
  for (const w of words) parts.push(`$${Buffer.byteLength(w)}\r\n${w}\r\n`);
  return Buffer.from(parts.join(''), 'utf8');
}
