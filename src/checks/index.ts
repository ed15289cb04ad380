export { ALL_CHECKS, findCheck } from './registry.js';
export { runChecks, type RunChecksOptions, type RunChecksResult } from './runner.js';
export type { Check, CheckContext, CheckMeta, CheckTarget, FindingDraft } from './types.js';
export { maskSecret, maskFileName } from './mask.js';
