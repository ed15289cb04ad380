import type { Finding, Lang } from '../core/types.js';
import { evidenceIn } from './evidence.js';
import { ALL_CHECKS } from './registry.js';
import type { Check, CheckContext, CheckTarget } from './types.js';

export interface RunChecksOptions {
  safe: boolean;
  lang: Lang;
  /** Defaults to ALL_CHECKS; tests and `--check` filters pass a subset. */
  checks?: readonly Check[];
}

export interface RunChecksResult {
  findings: Finding[];
  skipped: { checkId: string; reason: string }[];
}

/**
 * Runs every applicable check against one identified port. A check that throws or overruns
 * never fails the scan: it is recorded as skipped with the reason.
 */
export async function runChecks(target: CheckTarget, ctx: CheckContext, opts: RunChecksOptions): Promise<RunChecksResult> {
  const result: RunChecksResult = { findings: [], skipped: [] };
  for (const check of opts.checks ?? ALL_CHECKS) {
    if (ctx.signal.aborted) break;
    if (!check.appliesTo(target)) continue;
    if (opts.safe && check.meta.intrusive) {
      result.skipped.push({ checkId: check.meta.id, reason: 'safe mode: the check logs in or queries data' });
      continue;
    }
    try {
      const drafts = await withDeadline(check.run(target, ctx), checkBudgetMs(ctx));
      for (const d of drafts) {
        result.findings.push({
          checkId: check.meta.id,
          severity: d.severity ?? check.meta.severity,
          host: target.host,
          port: target.port,
          title: check.meta.title[opts.lang],
          evidence: evidenceIn(d.evidence, opts.lang),
          personalData: d.personalData,
          ...(d.key !== undefined ? { key: d.key } : {}),
        });
      }
    } catch (err) {
      result.skipped.push({ checkId: check.meta.id, reason: `failed: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  return result;
}

/** Checks make several bounded requests; this caps the whole check so one can never stall a scan. */
function checkBudgetMs(ctx: CheckContext): number {
  return ctx.timeoutMs * 12;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
