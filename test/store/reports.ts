/** Small scan reports for store and watch tests. */
import type { Finding, ScanReport } from '../../src/core/types.js';

export function report(opts: {
  ports: Record<string, number[]>;
  findings?: Partial<Finding>[];
  interrupted?: boolean;
  targets?: string[];
  at?: string;
}): ScanReport {
  const at = opts.at ?? new Date().toISOString();
  return {
    scanner: { name: 'praxiswache', version: 'test' },
    startedAt: at,
    finishedAt: at,
    targets: opts.targets ?? Object.keys(opts.ports),
    interrupted: opts.interrupted ?? false,
    hosts: Object.entries(opts.ports).map(([address, ports]) => ({
      address,
      ports: ports.map((port) => ({ port, protocol: 'tcp' as const, state: 'open' as const, service: { name: 'https', tls: true } })),
    })),
    findings: (opts.findings ?? []).map((f) => ({
      checkId: 'http.document-listing',
      severity: 'critical',
      host: Object.keys(opts.ports)[0] ?? '127.0.0.1',
      port: 441,
      title: 'Document listing without authentication',
      evidence: '12 PDF files listed',
      personalData: true,
      ...f,
    })),
  };
}
