// IP addresses as bigints, so that ranges and CIDR blocks of either family are two numbers
// (first, last) and never an array of addresses.

import { isIPv4, isIPv6 } from 'node:net';

export type Family = 4 | 6;

export const FAMILY_BITS: Record<Family, number> = { 4: 32, 6: 128 };

export function parseIPv4(text: string): bigint | undefined {
  // isIPv4 rejects leading zeros and out-of-range octets, which inet_aton would accept.
  if (!isIPv4(text)) return undefined;
  let value = 0n;
  for (const octet of text.split('.')) value = (value << 8n) | BigInt(Number(octet));
  return value;
}

export function parseIPv6(text: string): bigint | undefined {
  // Zone ids (fe80::1%eth0) are rejected: a HostTarget carries a plain address.
  if (text.includes('%') || !isIPv6(text)) return undefined;
  let body = text;
  const lastColon = body.lastIndexOf(':');
  const embedded = body.slice(lastColon + 1);
  if (embedded.includes('.')) {
    // IPv4-mapped or -compatible form such as ::ffff:192.0.2.1: rewrite as two hex groups.
    const v4 = parseIPv4(embedded);
    if (v4 === undefined) return undefined;
    body = `${body.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  return groupsToBigint(expandGroups(body));
}

function expandGroups(body: string): number[] {
  const [head = '', rest] = body.split('::');
  const toGroups = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = toGroups(head);
  const right = rest === undefined ? [] : toGroups(rest);
  if (rest === undefined) return left;
  const missing = 8 - left.length - right.length;
  return [...left, ...new Array<number>(missing).fill(0), ...right];
}

function groupsToBigint(groups: number[]): bigint {
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

export function parseIP(text: string): { family: Family; value: bigint } | undefined {
  const v4 = parseIPv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIPv6(text);
  if (v6 !== undefined) return { family: 6, value: v6 };
  return undefined;
}

export function formatIPv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** RFC 5952 canonical text: lower case, longest run of ≥2 zero groups compressed. */
export function formatIPv6(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export function formatIP(family: Family, value: bigint): string {
  return family === 4 ? formatIPv4(value) : formatIPv6(value);
}
