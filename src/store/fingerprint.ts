import { createHash } from 'node:crypto';
import type { Finding } from '../core/types.js';

/**
 * Stable identity of an exposure across scans: the same check on the same host and port with
 * the same key is the same finding, whatever its evidence or severity says this time.
 */
export function findingFingerprint(f: Pick<Finding, 'checkId' | 'host' | 'port' | 'key'>): string {
  return createHash('sha256')
    .update([f.checkId, f.host, String(f.port), f.key ?? ''].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}
