// The plain values that flow between the stages of DESIGN.md §3:
// targets → discovery → identification → checks → findings → report/store.
// Every stage takes and returns these; nothing is passed through globals.

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export type Lang = 'de' | 'en';
export type Localized = Record<Lang, string>;

/** One address to scan, produced lazily by target expansion. */
export interface HostTarget {
  /** Literal IP address (v4 dotted or v6 compressed form). */
  address: string;
  family: 4 | 6;
  /** The host name the user gave, when the address came from DNS. */
  hostname?: string;
}

/** Emitted by discovery for every open TCP port, as soon as it is found. */
export interface OpenPort {
  host: string;
  port: number;
}

export interface ServiceInfo {
  /** nmap-style service name: http, https is http+tls, dicom, mysql, ssh, unknown… */
  name: string;
  tls: boolean;
  product?: string;
  version?: string;
  /** First printable bytes the service sent, capped and sanitised; never patient data. */
  banner?: string;
}

export interface PortResult {
  port: number;
  protocol: 'tcp';
  state: 'open';
  service: ServiceInfo;
}

export interface HostResult {
  address: string;
  hostname?: string;
  ports: PortResult[];
}

export interface Finding {
  checkId: string;
  severity: Severity;
  host: string;
  port: number;
  title: string;
  /** Human-readable proof, redacted: counts, attribute names, masked values only. */
  evidence: string;
  /** True when the exposure reveals personal (patient) data. */
  personalData: boolean;
  /** Stable key inside (checkId, host, port), e.g. the URL path; used for fingerprints. */
  key?: string;
}

export interface ScanReport {
  scanner: { name: 'praxiswache'; version: string };
  startedAt: string;
  finishedAt: string;
  /** The target tokens as the user gave them. */
  targets: string[];
  /** True when the scan was stopped before it finished (Ctrl-C, failure). */
  interrupted: boolean;
  hosts: HostResult[];
  findings: Finding[];
  /** Checks not run and why (e.g. skipped by --safe). */
  skippedChecks?: { checkId: string; reason: string }[];
  /** Present when host discovery ran: only the live addresses were port-scanned. */
  hostDiscovery?: { ports: number[]; addresses: number; live: number };
}

/** Thrown for problems the user caused (bad target, bad flag): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
