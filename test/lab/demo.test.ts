import { describe, expect, it } from 'vitest';
import { demoPorts, demoProblems } from '../../src/cli/commands/demo.js';
import type { Finding, ScanReport } from '../../src/core/types.js';
import type { RunningLab, ScenarioInstance } from '../../src/lab/index.js';

function instance(name: string, host: string, ports: number[]): ScenarioInstance {
  return {
    name,
    hosts: [host],
    ports,
    services: ports.map((port) => ({ host, port, description: '' })),
    openExtraPorts: () => Promise.resolve(),
    closeExtraPorts: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
}

const lab: RunningLab = {
  services: [],
  hosts: ['127.77.1.1', '127.77.2.1'],
  ports: [443, 444, 446, 8022],
  scenarios: [instance('router-portforward', '127.77.1.1', [443, 444, 446]), instance('hardened', '127.77.2.1', [443, 8022])],
  stop: () => Promise.resolve(),
};

function finding(checkId: string, host: string, port: number, severity: Finding['severity'] = 'high'): Finding {
  return { checkId, host, port, severity, title: checkId, evidence: '', personalData: false };
}

function report(findings: Finding[]): ScanReport {
  return { scanner: { name: 'praxiswache', version: '0' }, startedAt: '', finishedAt: '', targets: [], interrupted: false, hosts: [], findings };
}

describe('demo verdict', () => {
  const celle = [finding('http.document-listing', '127.77.1.1', 444, 'critical'), finding('http.unexpected-https-port', '127.77.1.1', 444)];

  it('is clean when each scenario shows exactly what it should', () => {
    expect(demoProblems(lab, report([...celle, finding('tls.weak', '127.77.2.1', 443, 'info')]))).toEqual([]);
  });

  it('names a missing Celle finding', () => {
    expect(demoProblems(lab, report(celle.slice(0, 1)))).toEqual(['router-portforward: http.unexpected-https-port missing']);
  });

  it('names a finding above info on the hardened control as a false positive', () => {
    expect(demoProblems(lab, report([...celle, finding('http.unexpected-https-port', '127.77.2.1', 443)]))).toEqual([
      'hardened: unexpected http.unexpected-https-port on port 443',
    ]);
  });

  it('scans the lab ports plus the Celle range and the usual remote ports, nothing more', () => {
    const ports = demoPorts(lab);
    expect(ports).toEqual([22, 80, 440, 441, 442, 443, 444, 445, 446, 447, 448, 449, 8022, 8443]);
  });
});
