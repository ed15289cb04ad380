// Lazy expansion: a range is walked with a bigint cursor, so a /16 costs two numbers of memory,
// not 65536 strings. Host names are resolved when the walk reaches them.

import { lookup } from 'node:dns/promises';
import type { HostTarget } from '../core/types.js';
import { UsageError } from '../core/types.js';
import { formatIP, parseIP } from './ip.js';
import type { TargetSpec } from './parse.js';

export interface ExpandOptions {
  /** Resolves a host name to all its addresses; default: dns.lookup with all: true. */
  resolve?: (name: string) => Promise<string[]>;
}

export async function resolveAll(name: string): Promise<string[]> {
  const answers = await lookup(name, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}

/**
 * Yields every address of every spec, in the order given. The addresses of one host name are
 * deduplicated; nothing else is (see parse.ts).
 */
export async function* expandTargets(specs: TargetSpec[], opts: ExpandOptions = {}): AsyncIterable<HostTarget> {
  const resolve = opts.resolve ?? resolveAll;
  for (const spec of specs) {
    if (spec.kind === 'range') {
      for (let value = spec.first; value <= spec.last; value++) {
        const address = formatIP(spec.family, value);
        yield spec.hostname ? { address, family: spec.family, hostname: spec.hostname } : { address, family: spec.family };
      }
      continue;
    }
    for (const address of await resolveName(spec, resolve)) {
      const ip = parseIP(address);
      if (!ip) continue; // a resolver that returns junk is not our target
      yield { address: formatIP(ip.family, ip.value), family: ip.family, hostname: spec.name };
    }
  }
}

async function resolveName(spec: TargetSpec & { kind: 'name' }, resolve: (name: string) => Promise<string[]>): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = await resolve(spec.name);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UsageError(`${where(spec)}"${spec.token}": host name does not resolve (${code})`);
  }
  if (addresses.length === 0) throw new UsageError(`${where(spec)}"${spec.token}": host name has no addresses`);
  return [...new Set(addresses)];
}

function where(spec: TargetSpec): string {
  return spec.origin ? `${spec.origin}: ` : '';
}

/**
 * Resolves every host name up front (names are few) so that a name that does not resolve fails
 * before any packet; returns specs whose names are replaced by their addresses.
 */
export async function resolveNames(specs: TargetSpec[], opts: ExpandOptions = {}): Promise<TargetSpec[]> {
  const resolve = opts.resolve ?? resolveAll;
  const out: TargetSpec[] = [];
  const problems: string[] = [];
  for (const spec of specs) {
    if (spec.kind === 'range') {
      out.push(spec);
      continue;
    }
    try {
      for (const address of await resolveName(spec, resolve)) {
        const ip = parseIP(address);
        if (ip) out.push({ kind: 'range', token: spec.token, family: ip.family, first: ip.value, last: ip.value, hostname: spec.name });
      }
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return out;
}

/** Number of addresses, for progress. A host name counts as one until it is resolved. */
export function countTargets(specs: TargetSpec[]): bigint | number {
  let total = 0n;
  for (const spec of specs) total += spec.kind === 'range' ? spec.last - spec.first + 1n : 1n;
  return total <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(total) : total;
}
