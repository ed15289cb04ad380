// Port lists in nmap's -p syntax: "22,80,440-449", "-" (all), "1024-" (to 65535), "-1023" (from 1).
// A leading "T:" is accepted as nmap's TCP marker; "U:" is refused (we only scan TCP).

import { UsageError } from '../core/types.js';

export const MAX_PORT = 65535;

export function parsePorts(spec: string): number[] {
  const text = spec.trim().replace(/^T:/i, '');
  if (text === '') throw new UsageError('empty port list (e.g. -p 22,80,440-449 or -p- for all)');
  if (/^[US]:/i.test(text)) throw new UsageError(`"${spec}": only TCP ports are scanned; drop the "${text.slice(0, 2)}" prefix`);
  const chosen = new Uint8Array(MAX_PORT + 1);
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const [from, to] = parsePart(part, spec);
    chosen.fill(1, from, to + 1);
  }
  const ports: number[] = [];
  for (let p = 1; p <= MAX_PORT; p++) if (chosen[p] === 1) ports.push(p);
  return ports;
}

function parsePart(part: string, spec: string): [number, number] {
  const fail = (why: string): never => {
    throw new UsageError(`bad port "${part}" in "${spec}": ${why}`);
  };
  if (part === '') fail('empty entry (two commas or a trailing comma?)');
  if (part === '-') return [1, MAX_PORT];
  const match = /^(\d*)-(\d*)$/.exec(part);
  if (!match) return [toPort(part, fail), toPort(part, fail)];
  const from = match[1] === '' ? 1 : toPort(match[1] ?? '', fail);
  const to = match[2] === '' ? MAX_PORT : toPort(match[2] ?? '', fail);
  if (to < from) fail('range end is before its start');
  return [from, to];
}

function toPort(text: string, fail: (why: string) => never): number {
  if (!/^\d+$/.test(text)) fail('not a number (service names are not accepted)');
  const port = Number(text);
  if (port === 0) fail('port 0 is not scannable');
  if (port > MAX_PORT) fail(`ports end at ${MAX_PORT}`);
  return port;
}
