import type { ServiceInfo } from '../../src/core/types.js';
import type { CheckContext, CheckTarget } from '../../src/checks/types.js';

export function checkContext(overrides: Partial<CheckContext> = {}): CheckContext {
  return {
    timeoutMs: 2000,
    maxBytes: 256 * 1024,
    expectedHttpsPorts: new Set([443, 8443]),
    signal: new AbortController().signal,
    ...overrides,
  };
}

export function httpTarget(host: string, port: number, tls: boolean, extra: Partial<ServiceInfo> = {}): CheckTarget {
  return { host, port, service: { name: 'http', tls, ...extra } };
}
