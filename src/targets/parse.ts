// Turns the user's target tokens into specs: two bigints per range, a name for DNS.
// Every token (and every line of an @file) is checked here, before any packet is sent,
// and every bad one is named in the error together with where it came from.
//
// Accepted forms:
//   192.0.2.7  2001:db8::1           single address
//   127.12.0.0/16  2001:db8::/120    CIDR block (network and broadcast addresses included, like nmap)
//   127.12.0.1-20                    last-octet range (IPv4)
//   127.12.0.1-127.12.1.5  ::1-::9   full range, same family, first ≤ last
//   praxis.example                   host name, resolved at expansion (all addresses)
//   @targets.txt                     one target per line; `#` starts a comment; blank lines skipped
// Duplicates: a token given twice is scanned once (cheap string comparison); overlapping ranges
// are not merged, so 127.0.0.0/24 plus 127.0.0.5 scans 127.0.0.5 twice.

import { readFileSync } from 'node:fs';
import { UsageError } from '../core/types.js';
import { FAMILY_BITS, parseIP, type Family } from './ip.js';

/** The largest block one token may describe. A v6 /64 is not scannable by connecting. */
export const MAX_BLOCK_SIZE: Record<Family, bigint> = { 4: 1n << 32n, 6: 1n << 24n };

export type TargetSpec =
  | {
      kind: 'range';
      token: string;
      family: Family;
      first: bigint;
      last: bigint;
      origin?: string;
      /** Set when the range is one resolved address of a host name. */
      hostname?: string;
    }
  | { kind: 'name'; token: string; name: string; origin?: string };

export interface ParseTargetsOptions {
  readFile?: (path: string) => string;
}

/** Collects every problem first, so one run shows the user all bad tokens. */
const MAX_REPORTED_PROBLEMS = 10;

export function parseTargets(tokens: string[], opts: ParseTargetsOptions = {}): TargetSpec[] {
  const readFile = opts.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const specs: TargetSpec[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (token: string, origin?: string): void => {
    if (seen.has(token)) return;
    seen.add(token);
    try {
      specs.push({ ...parseToken(token), ...(origin ? { origin } : {}) });
    } catch (err) {
      problems.push(origin ? `${origin}: ${(err as Error).message}` : (err as Error).message);
    }
  };
  for (const raw of tokens) {
    const token = raw.trim();
    if (token.startsWith('@')) {
      readTargetFile(token.slice(1), readFile, add, problems);
    } else if (token === '') {
      problems.push('empty target');
    } else {
      add(token);
    }
  }
  if (problems.length > 0) throw new UsageError(describeProblems(problems));
  if (specs.length === 0) throw new UsageError('no targets given (e.g. 192.0.2.10, 192.0.2.0/24 or @targets.txt)');
  return specs;
}

function describeProblems(problems: string[]): string {
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
  const more = problems.length - shown.length;
  const head = problems.length === 1 ? 'bad target' : `${problems.length} bad targets`;
  return `${head}:\n  ${shown.join('\n  ')}${more > 0 ? `\n  … and ${more} more` : ''}`;
}

function readTargetFile(
  path: string,
  readFile: (p: string) => string,
  add: (token: string, origin: string) => void,
  problems: string[],
): void {
  if (path === '') {
    problems.push('"@" needs a file name, e.g. @targets.txt');
    return;
  }
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    problems.push(`cannot read target file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return;
  }
  text.split(/\r?\n/).forEach((line, index) => {
    const token = line.replace(/#.*/, '').trim();
    if (token === '') return;
    const origin = `${path}:${index + 1}`;
    // One target per line: a line of several words is far more likely junk than a list.
    if (/\s/.test(token)) problems.push(`${origin}: "${token}": one target per line`);
    else if (token.startsWith('@')) problems.push(`${origin}: "${token}": target files cannot include other files`);
    else add(token, origin);
  });
}

/** Parses one token or throws an Error whose message names it. */
export function parseToken(token: string): TargetSpec {
  const fail = (why: string): never => {
    throw new Error(`"${token}": ${why}`);
  };
  if (token.includes('/')) return parseCidr(token, fail);
  const single = parseIP(token);
  if (single) return { kind: 'range', token, family: single.family, first: single.value, last: single.value };
  const dash = token.indexOf('-');
  if (dash > 0 && parseIP(token.slice(0, dash))) return parseRange(token, dash, fail);
  if (/^[\d.]+$/.test(token)) return fail('not a valid IPv4 address');
  if (isHostName(token)) return { kind: 'name', token, name: token.toLowerCase().replace(/\.$/, '') };
  return fail('not an IP address, CIDR block, range or host name');
}

function parseCidr(token: string, fail: (why: string) => never): TargetSpec {
  const [addressText = '', prefixText = '', ...extra] = token.split('/');
  if (extra.length > 0) fail('more than one "/"');
  const address = parseIP(addressText) ?? fail(`"${addressText}" is not an IP address`);
  const bits = FAMILY_BITS[address.family];
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) fail(`prefix must be a number from 0 to ${bits}`);
  const hostBits = BigInt(bits - Number(prefixText));
  const size = 1n << hostBits;
  if (size > MAX_BLOCK_SIZE[address.family]) {
    fail(`block too large (at most /${bits - log2(MAX_BLOCK_SIZE[address.family])} for IPv${address.family})`);
  }
  const first = (address.value >> hostBits) << hostBits;
  return { kind: 'range', token, family: address.family, first, last: first + size - 1n };
}

function parseRange(token: string, dash: number, fail: (why: string) => never): TargetSpec {
  const startText = token.slice(0, dash);
  const endText = token.slice(dash + 1);
  const start = parseIP(startText) ?? fail(`"${startText}" is not an IP address`);
  let end: bigint;
  if (start.family === 4 && /^\d{1,3}$/.test(endText)) {
    // 192.0.2.1-20: the end replaces the last octet.
    if (Number(endText) > 255) fail('last octet must be 0-255');
    end = (start.value & ~0xffn) | BigInt(Number(endText));
  } else {
    const parsed = parseIP(endText) ?? fail(`"${endText}" is not an IP address or a last octet`);
    if (parsed.family !== start.family) fail('both ends must be of the same address family');
    end = parsed.value;
  }
  if (end < start.value) fail('range end is before its start');
  if (end - start.value + 1n > MAX_BLOCK_SIZE[start.family]) fail(`range too large for IPv${start.family}`);
  return { kind: 'range', token, family: start.family, first: start.value, last: end };
}

// RFC 1123 labels; at least one letter somewhere so that "1.2.3" is not taken for a name.
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
function isHostName(token: string): boolean {
  const name = token.replace(/\.$/, '');
  if (name.length === 0 || name.length > 253 || !/[a-z]/i.test(name)) return false;
  return name.split('.').every((label) => LABEL.test(label));
}

function log2(n: bigint): number {
  return n.toString(2).length - 1;
}
