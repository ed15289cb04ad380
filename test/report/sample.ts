// A report as a scan of a small Celle-like practice would produce it (IPv4 and IPv6 hosts).
import type { ScanReport } from '../../src/core/types.js';

export function sampleReport(overrides: Partial<ScanReport> = {}): ScanReport {
  return {
    scanner: { name: 'praxiswache', version: '0.1.0' },
    startedAt: '2026-01-05T09:00:00.000Z',
    finishedAt: '2026-01-05T09:00:07.250Z',
    targets: ['127.12.5.0/24', '::1'],
    interrupted: false,
    hosts: [
      {
        address: '127.12.5.1',
        hostname: 'praxis.example',
        ports: [
          { port: 443, protocol: 'tcp', state: 'open', service: { name: 'http', tls: true, product: 'nginx', version: '1.24.0' } },
          { port: 441, protocol: 'tcp', state: 'open', service: { name: 'http', tls: true } },
        ],
      },
      { address: '::1', ports: [{ port: 22, protocol: 'tcp', state: 'open', service: { name: 'ssh', tls: false, banner: 'SSH-2.0-OpenSSH_9.2' } }] },
    ],
    findings: [
      {
        checkId: 'http.document-listing',
        severity: 'critical',
        host: '127.12.5.1',
        port: 441,
        title: 'Documents listed without login',
        evidence: '3 folders, 12 PDF files listed without authentication (names masked: Mü…(14))',
        personalData: true,
        key: '/',
      },
      {
        checkId: 'http.unexpected-https-port',
        severity: 'high',
        host: '127.12.5.1',
        port: 441,
        title: 'HTTPS service on an unexpected port',
        evidence: 'HTTPS answers on port 441 (status 200, server nginx), expected only on 443, 8443',
        personalData: false,
      },
      { checkId: 'custom.unknown-check', severity: 'low', host: '::1', port: 22, title: 'Something minor', evidence: 'banner seen', personalData: false },
    ],
    skippedChecks: [{ checkId: 'db.mysql.no-auth', reason: 'safe mode: the check logs in or queries data' }],
    ...overrides,
  };
}
