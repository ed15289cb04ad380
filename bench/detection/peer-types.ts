/**
 * What the detection bench knows about each peer it starts: where it listens, whether it is the
 * misconfigured or the correctly configured twin, and which findings a scanner should report.
 */

/** One exposure a scanner should report: a check id, optionally narrowed to a port or a finding key. */
export interface Expected {
  check: string;
  port?: number;
  key?: string;
}

export interface PeerSpec {
  /** Shown in the table, e.g. "redis (no auth)". */
  name: string;
  /** Own 127.40.x.y address inside the bench namespace. */
  host: string;
  role: 'exposed' | 'fixed';
  /** Empty for a correctly configured peer. */
  expected: Expected[];
  /** Binaries the peer needs, with the Debian package that ships each (missing → skipped). */
  needs: readonly { binary: string; debianPackage: string }[];
  start(): Promise<StartedPeer>;
}

export interface StartedPeer {
  /** The ports the scanners are told to scan on this address. */
  ports: number[];
  stop(): Promise<void>;
}

/** What start-peers.ts writes for compare.ts. */
export interface Manifest {
  peers: { name: string; host: string; role: 'exposed' | 'fixed'; ports: number[]; expected: Expected[] }[];
  skipped: { name: string; host: string; role: 'exposed' | 'fixed'; expected: Expected[]; reason: string }[];
}
