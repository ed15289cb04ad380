import type { Localized, ServiceInfo, Severity } from '../core/types.js';

/** Everything a reader needs to know about a check without running it (DESIGN.md §4, §8). */
export interface CheckMeta {
  /** Stable id from the catalogue, e.g. "http.document-listing". Never changes meaning. */
  id: string;
  severity: Severity;
  title: Localized;
  /** What the check proves, in one or two sentences. */
  description: Localized;
  remediation: Localized;
  cwe: number[];
  /** KBV IT-Sicherheitsrichtlinie requirement ids this check gives evidence for. */
  kbv: string[];
  /** Real incidents it would have caught (seed cases). */
  incidents: string[];
  /** True when the check logs in or queries data: skipped by --safe. */
  intrusive: boolean;
}

/** What a check knows about the port it runs against. */
export interface CheckTarget {
  host: string;
  port: number;
  service: ServiceInfo;
}

export interface CheckContext {
  /** Per-request time limit in milliseconds. */
  timeoutMs: number;
  /** Per-response byte limit. */
  maxBytes: number;
  /** Ports where HTTPS is expected (443, 8443 by default); others raise http.unexpected-https-port. */
  expectedHttpsPorts: ReadonlySet<number>;
  signal: AbortSignal;
}

/** A finding before the runner adds host, port and the localized title. */
export interface FindingDraft {
  /** Overrides the default severity when the evidence warrants it. */
  severity?: Severity;
  /**
   * Redacted proof. A practice reads it, so checks give it in German and English; a plain string
   * (technical output that reads the same in both) is shown as it is.
   */
  evidence: string | Localized;
  personalData: boolean;
  key?: string;
}

export interface Check {
  meta: CheckMeta;
  /** Cheap, local decision from identification only: no traffic. */
  appliesTo(target: CheckTarget): boolean;
  /** Proves the exposure with the real protocol. Returns no drafts when it is not there. */
  run(target: CheckTarget, ctx: CheckContext): Promise<FindingDraft[]>;
}
