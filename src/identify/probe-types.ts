/**
 * Identification as data (in the spirit of nmap-service-probes): a probe is what we send,
 * a match rule maps the reply to a service. Adding a protocol means adding a probe file
 * under probes/ and listing it in probes/index.ts; the engine in identify.ts never changes.
 */
export interface MatchRule {
  /** Tested against the reply decoded as latin1 (one char per byte, so binary greetings match too). */
  pattern: RegExp;
  service: string;
  /** Literal text or a template with $1…$9 from the pattern's groups. */
  product?: string;
  version?: string;
}

export interface ProbeContext {
  host: string;
  port: number;
}

export interface Probe {
  name: string;
  /** Bytes to send; null = the NULL probe (connect and listen for a greeting). */
  payload: ((ctx: ProbeContext) => Buffer) | null;
  /** Where the probe is sent: in clear, inside an established TLS session, or both. */
  transports: readonly ('plain' | 'tls')[];
  /** Ports where this probe is tried first. Ports only order probes; replies decide. */
  likelyPorts: readonly number[];
  /** How long to wait for a reply at most (further capped by the caller's timeout). */
  waitMs?: number;
  /** Stop reading once the reply is complete enough to match. */
  enough?: (reply: Buffer) => boolean;
  matches: readonly MatchRule[];
  /** A reply in clear that says the service wants TLS; identification then goes on with the handshake. */
  tlsRequired?: RegExp;
  /** Other probes whose rules also apply to this probe's reply (a greeting arrives before any reply). */
  fallback?: readonly string[];
}
