import { describe, expect, it } from 'vitest';
import type { HostTarget, OpenPort } from '../../src/core/types.js';
import { HOST_DISCOVERY_PORTS, wantsHostDiscovery } from '../../src/discovery/live-hosts.js';
import type { DiscoveryOptions } from '../../src/discovery/types.js';
import { formatReport } from '../../src/report/index.js';
import { runScan, type ScanStages } from '../../src/scan/index.js';
import { errorsOf, validateScanReport } from '../report/schema.js';
import { fakeStages } from './fake-stages.js';

/** Discovery that answers the sweep for `live` addresses only and reports one open port on each host it port-scans. */
function sweepingStages(live: ReadonlySet<string>): ScanStages & { sweeps: { hosts: number; ports: readonly number[] }[]; scanned: string[] } {
  const base = fakeStages({ open: [] });
  const stages = {
    ...base,
    sweeps: [] as { hosts: number; ports: readonly number[] }[],
    scanned: [] as string[],
    async *discover(hosts: AsyncIterable<HostTarget> | Iterable<HostTarget>, opts: DiscoveryOptions): AsyncIterable<OpenPort> {
      const list: HostTarget[] = [];
      for await (const h of hosts) list.push(h);
      if (opts.answered) {
        stages.sweeps.push({ hosts: list.length, ports: opts.ports });
        for (const h of list) if (live.has(h.address)) yield { host: h.address, port: 443 };
        return;
      }
      for (const h of list) {
        stages.scanned.push(h.address);
        yield { host: h.address, port: 4242 };
      }
    },
  };
  return stages;
}

const LIVE = new Set(['127.12.8.7', '127.12.9.200']);

describe('host discovery before the port scan', () => {
  it('auto: a range over 256 addresses is swept first and only the live addresses are port-scanned', async () => {
    const stages = sweepingStages(LIVE);
    const report = await runScan({ targets: ['127.12.8.0/23'], ports: '4242', portsOnly: true }, {}, stages);
    expect(stages.sweeps).toEqual([{ hosts: 512, ports: HOST_DISCOVERY_PORTS }]);
    expect(stages.scanned.sort()).toEqual([...LIVE].sort());
    expect(report.hosts.map((h) => h.address)).toEqual(['127.12.8.7', '127.12.9.200']);
    expect(report.hostDiscovery).toEqual({ ports: [...HOST_DISCOVERY_PORTS], addresses: 512, live: 2 });
    const text = formatReport(report, 'text', { color: false, lang: 'en' });
    expect(text).toContain('Host discovery: 2 of 512 addresses answered on 80,443,22,445,3389; only those were scanned');
    const json = JSON.parse(formatReport(report, 'json', { color: false, lang: 'en' })) as { hostDiscovery?: unknown };
    expect(json.hostDiscovery).toEqual({ ports: [80, 443, 22, 445, 3389], addresses: 512, live: 2 });
    expect(validateScanReport(json), errorsOf(validateScanReport)).toBe(true);
  });

  it('auto: a practice network of 256 addresses or fewer is scanned whole, without a sweep', async () => {
    const stages = sweepingStages(LIVE);
    const report = await runScan({ targets: ['127.12.8.0/24'], ports: '4242', portsOnly: true }, {}, stages);
    expect(stages.sweeps).toEqual([]);
    expect(stages.scanned).toHaveLength(256);
    expect(report.hostDiscovery).toBeUndefined();
  });

  it('never scans every address of a large range; always sweeps even a single address', async () => {
    const never = sweepingStages(LIVE);
    await runScan({ targets: ['127.12.8.0/23'], ports: '4242', portsOnly: true, hostDiscovery: 'never' }, {}, never);
    expect(never.sweeps).toEqual([]);
    expect(never.scanned).toHaveLength(512);

    const always = sweepingStages(LIVE);
    const report = await runScan({ targets: ['127.12.8.8'], ports: '4242', portsOnly: true, hostDiscovery: 'always' }, {}, always);
    expect(always.sweeps).toEqual([{ hosts: 1, ports: HOST_DISCOVERY_PORTS }]);
    expect(always.scanned).toEqual([]);
    expect(report.hosts).toEqual([]);
    expect(report.hostDiscovery).toEqual({ ports: [...HOST_DISCOVERY_PORTS], addresses: 1, live: 0 });
    // German, too: the report never lets a silent range read as "nothing there" without saying why
    expect(formatReport(report, 'text', { color: false, lang: 'de' })).toContain('Host-Suche: 0 von 1 Adressen antworteten');
  });

  it('the threshold counts addresses, also for IPv6 and mixed target lists', () => {
    expect(wantsHostDiscovery('auto', 256)).toBe(false);
    expect(wantsHostDiscovery('auto', 257)).toBe(true);
    expect(wantsHostDiscovery('auto', 1n << 24n)).toBe(true);
    expect(wantsHostDiscovery('never', 1n << 24n)).toBe(false);
    expect(wantsHostDiscovery('always', 1)).toBe(true);
  });
});
