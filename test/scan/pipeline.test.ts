import { describe, expect, it } from 'vitest';
import { UsageError, type Finding } from '../../src/core/types.js';
import { runScan, SCAN_DEFAULTS, ScanFailedError } from '../../src/scan/index.js';
import { fakeStages } from './fake-stages.js';

const critical: Omit<Finding, 'host' | 'port'> = {
  checkId: 'http.document-listing',
  severity: 'critical',
  title: 'Documents listed without login',
  evidence: '12 PDF files',
  personalData: true,
};

describe('runPipeline with scripted stages', () => {
  it('identifies and checks exactly the ports discovery reported, streaming events', async () => {
    const stages = fakeStages({
      open: [
        { host: '127.12.1.2', port: 443 },
        { host: '127.12.1.1', port: 8080 },
        { host: '127.12.1.1', port: 441 },
      ],
      findings: (_h, port) => (port === 441 ? [critical, { ...critical, checkId: 'http.unexpected-https-port', severity: 'high', personalData: false }] : []),
    });
    const events: string[] = [];
    const report = await runScan(
      { targets: ['127.12.1.1-2', 'praxis.test'], ports: '441,443,8080', safe: true },
      {
        onOpenPort: (p) => events.push(`open ${p.host}:${p.port}`),
        onService: (h, p) => events.push(`service ${h}:${p.port} ${p.service.name}`),
        onFinding: (f) => events.push(`finding ${f.checkId}`),
      },
      stages,
    );
    expect(stages.expanded).toEqual(['127.12.1.1', '127.12.1.2', '127.12.1.9']);
    expect(stages.identified.sort()).toEqual(['127.12.1.1:441', '127.12.1.1:8080', '127.12.1.2:443']);
    expect(stages.checked.sort()).toEqual(stages.identified);
    expect(events.filter((e) => e.startsWith('open'))).toHaveLength(3);
    expect(events).toContain('finding http.document-listing');
    expect(report.interrupted).toBe(false);
    expect(report.hosts.map((h) => [h.address, h.ports.map((p) => p.port)])).toEqual([
      ['127.12.1.1', [441, 8080]],
      ['127.12.1.2', [443]],
    ]);
    expect(report.findings.map((f) => f.severity)).toEqual(['critical', 'high']);
    expect(report.skippedChecks).toEqual([{ checkId: 'db.mysql.no-auth', reason: 'safe mode' }]);
    expect(report.targets).toEqual(['127.12.1.1-2', 'praxis.test']);
  });

  it('--ports-only stops after discovery', async () => {
    const stages = fakeStages({ open: [{ host: '127.12.1.1', port: 22 }] });
    const report = await runScan({ targets: ['127.12.1.1'], ports: '22', portsOnly: true }, {}, stages);
    expect(stages.identified).toEqual([]);
    expect(stages.checked).toEqual([]);
    expect(report.hosts[0]?.ports[0]?.service).toEqual({ name: 'unknown', tls: false });
  });

  it('an abort resolves with the partial report marked interrupted', async () => {
    const stages = fakeStages({ open: [{ host: '127.12.1.1', port: 441 }, { host: '127.12.1.1', port: 442 }], hangAfter: 1, findings: () => [critical] });
    const stop = new AbortController();
    const report = await runScan(
      { targets: ['127.12.1.1'], ports: '440-449', signal: stop.signal },
      { onFinding: () => stop.abort() },
      stages,
    );
    expect(report.interrupted).toBe(true);
    expect(report.hosts[0]?.ports.map((p) => p.port)).toEqual([441]);
    expect(report.findings).toHaveLength(1);
  });

  it('after an abort, ports found open but not yet identified are still reported', async () => {
    const open = Array.from({ length: 40 }, (_, i) => ({ host: '127.12.1.1', port: 1000 + i }));
    const stages = fakeStages({ open });
    const stop = new AbortController();
    // Identification hangs until the abort, so most ports are still waiting for a slot.
    stages.identify = (_host, _port, o) =>
      new Promise((resolve) => o.signal?.addEventListener('abort', () => resolve({ name: 'unknown', tls: false }), { once: true }));
    let seen = 0;
    let abortedAt = 0;
    const report = await runScan(
      { targets: ['127.12.1.1'], ports: '1000-1039', signal: stop.signal },
      {
        onOpenPort: () => {
          if (++seen < open.length) return;
          abortedAt = Date.now();
          stop.abort();
        },
      },
      stages,
    );
    expect(report.interrupted).toBe(true);
    expect(report.hosts[0]?.ports).toHaveLength(40);
    // Nothing new starts after the abort, so the scan ends without waiting out the grace period.
    expect(Date.now() - abortedAt).toBeLessThan(SCAN_DEFAULTS.abortGraceMs);
    expect(stages.checked).toEqual([]);
  });

  it('a discovery failure throws ScanFailedError carrying what was found', async () => {
    const stages = fakeStages({ open: [{ host: '127.12.1.1', port: 80 }, { host: '127.12.1.1', port: 81 }], failAfter: 1 });
    const err = await runScan({ targets: ['127.12.1.1'], ports: '80-81' }, {}, stages).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanFailedError);
    expect((err as ScanFailedError).message).toContain('EMFILE');
    expect((err as ScanFailedError).partial.interrupted).toBe(true);
    expect((err as ScanFailedError).partial.hosts[0]?.ports.map((p) => p.port)).toEqual([80]);
  });

  it.each([
    [['127.12.1.1', 'nope!'], {}, '"nope!"'],
    [['127.12.1.1'], { ports: '0' }, 'port 0'],
    [['does-not-exist.test'], {}, '"does-not-exist.test": host name does not resolve'],
    [['127.12.1.1'], { maxRate: 0 }, '--max-rate must be'],
  ])('bad input %j %j fails before discovery', async (targets, extra, message) => {
    const stages = fakeStages({ open: [] });
    const err = await runScan({ targets, ...extra }, {}, stages).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain(message);
    expect(stages.expanded).toEqual([]);
  });

  it('keeps the host name of resolved targets', async () => {
    const stages = fakeStages({ open: [{ host: '127.12.1.9', port: 80 }] });
    const report = await runScan({ targets: ['praxis.test'], ports: '80' }, {}, stages);
    expect(report.hosts[0]).toMatchObject({ address: '127.12.1.9', hostname: 'praxis.test' });
  });
});
