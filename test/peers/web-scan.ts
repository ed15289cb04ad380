import type { Finding } from '../../src/core/types.js';
import { runChecks } from '../../src/checks/runner.js';
import { identify } from '../../src/identify/index.js';
import type { ServiceInfo } from '../../src/core/types.js';

/**
 * A scan of one peer port as the pipeline does it: identify from replies, then EVERY check of the
 * catalogue that applies. Used by CAT-WEB's peer tests to assert both "this finding is there"
 * and "nothing above info" on the correctly configured twin.
 */
// Not support/run-check.ts's peerContext: that module imports vitest, and scanPort also runs in
// plain child processes inside network namespaces (smb-netns-run.ts).
function scanContext(expectedHttpsPorts: readonly number[]) {
  return { timeoutMs: 5_000, maxBytes: 256 * 1024, expectedHttpsPorts: new Set(expectedHttpsPorts), signal: new AbortController().signal };
}

export async function scanPort(
  host: string,
  port: number,
  expectedHttpsPorts: readonly number[] = [443, 8443],
): Promise<{ service: ServiceInfo; findings: Finding[]; skipped: string[] }> {
  const ctx = scanContext(expectedHttpsPorts);
  const service = await identify(host, port, { timeoutMs: ctx.timeoutMs, maxBytes: 64 * 1024 });
  const result = await runChecks({ host, port, service }, ctx, { safe: false, lang: 'en' });
  return { service, findings: result.findings, skipped: result.skipped.map((s) => `${s.checkId}: ${s.reason}`) };
}

export const aboveInfo = (findings: Finding[]): string[] => findings.filter((f) => f.severity !== 'info').map((f) => `${f.checkId} ${f.severity}: ${f.evidence}`);
