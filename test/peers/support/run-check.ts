import { expect } from 'vitest';
import type { Localized, ServiceInfo } from '../../../src/core/types.js';
import { identify } from '../../../src/identify/index.js';
import type { Check, CheckContext, FindingDraft } from '../../../src/checks/types.js';

/** Limits of a real scan's defaults, generous enough for a loaded CI machine. */
export function peerContext(overrides: Partial<CheckContext> = {}): CheckContext {
  return {
    timeoutMs: 5_000,
    maxBytes: 256 * 1024,
    expectedHttpsPorts: new Set([443, 8443]),
    signal: new AbortController().signal,
    ...overrides,
  };
}

/**
 * What a scan does with one open port: identify it from its replies (the port number decides
 * nothing), then run the check if identification makes it apply. Returns both for assertions.
 */
export async function identifyAndRun(check: Check, host: string, port: number): Promise<{ service: ServiceInfo; drafts: FindingDraft[] }> {
  const ctx = peerContext();
  const service = await identify(host, port, { timeoutMs: ctx.timeoutMs, maxBytes: 64 * 1024 });
  const target = { host, port, service };
  const drafts = check.appliesTo(target) ? await check.run(target, ctx) : [];
  return { service, drafts };
}

/** The proof on the misconfigured peer: identified as `serviceName`, exactly one finding. */
export async function expectFinding(check: Check, host: string, port: number, serviceName: string): Promise<FindingDraft> {
  const { service, drafts } = await identifyAndRun(check, host, port);
  expect(service.name).toBe(serviceName);
  expect(drafts).toHaveLength(1);
  return drafts[0]!;
}

/** The fixed twin: still identified as the service (so the check did run), and no finding. */
export async function expectNoFinding(check: Check, host: string, port: number, serviceName: string): Promise<void> {
  const { service, drafts } = await identifyAndRun(check, host, port);
  expect(service.name).toBe(serviceName);
  expect(check.appliesTo({ host, port, service })).toBe(true);
  expect(drafts).toEqual([]);
}

/** Both languages of a draft's evidence; a check that still gives one plain string fails here. */
export function bilingualEvidence(draft: FindingDraft): Localized {
  expect(typeof draft.evidence).toBe('object');
  return draft.evidence as Localized;
}
