/**
 * Host discovery for large ranges, done with TCP connects like nmap's unprivileged ping: a host
 * is up when any of a few common ports answers, open or refused. Silent addresses are then left
 * out of the port scan, which turns a mostly empty /16 from hours of timeouts into minutes.
 *
 * It can miss a host that drops every one of these ports yet forwards another (a router that
 * answers only on 4242, say). That is why `auto` uses it only for ranges larger than a practice
 * network, and why `never` (nmap's -Pn) exists.
 */
import type { HostTarget, OpenPort } from '../core/types.js';
import type { DiscoveryOptions } from './types.js';

/** nmap's unprivileged pair (80, 443) plus what practice firewalls and routers most often answer on. */
export const HOST_DISCOVERY_PORTS: readonly number[] = [80, 443, 22, 445, 3389];

export const HOST_DISCOVERY_MODES = ['auto', 'always', 'never'] as const;
export type HostDiscoveryMode = (typeof HOST_DISCOVERY_MODES)[number];

/** Under `auto`, ranges up to this many addresses (a practice's /24 and less) are scanned whole. */
export const AUTO_HOST_DISCOVERY_ABOVE = 256;

export function wantsHostDiscovery(mode: HostDiscoveryMode, addressCount: bigint | number): boolean {
  if (mode === 'auto') return BigInt(addressCount) > BigInt(AUTO_HOST_DISCOVERY_ABOVE);
  return mode === 'always';
}

export type DiscoverFunction = (hosts: AsyncIterable<HostTarget> | Iterable<HostTarget>, opts: DiscoveryOptions) => AsyncIterable<OpenPort>;

/** The addresses that answered on any of `ports` (open or refused); memory grows with live hosts only. */
export async function findLiveHosts(
  discover: DiscoverFunction,
  hosts: AsyncIterable<HostTarget>,
  opts: Omit<DiscoveryOptions, 'answered'>,
): Promise<Set<string>> {
  const live = new Set<string>();
  for await (const answer of discover(hosts, { ...opts, answered: true })) live.add(answer.host);
  return live;
}

/** Live addresses back as targets, in the order they answered; names the user gave are kept. */
export function* asTargets(live: Iterable<string>, hostnames: ReadonlyMap<string, string>): Iterable<HostTarget> {
  for (const address of live) {
    const hostname = hostnames.get(address);
    yield { address, family: address.includes(':') ? 6 : 4, ...(hostname !== undefined ? { hostname } : {}) };
  }
}
