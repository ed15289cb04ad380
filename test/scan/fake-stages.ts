// Scripted stages for pipeline tests: discovery yields the ports a test lists, identification and
// checks record every call, so a test can prove nothing touched a port discovery did not report.
import type { Finding, HostTarget, OpenPort, ServiceInfo } from '../../src/core/types.js';
import type { ScanStages } from '../../src/scan/index.js';

export interface FakeStages extends ScanStages {
  expanded: string[];
  identified: string[];
  checked: string[];
}

export function fakeStages(script: {
  open: OpenPort[];
  /** Discovery waits for the abort signal after yielding this many ports. */
  hangAfter?: number;
  failAfter?: number;
  findings?: (host: string, port: number) => Omit<Finding, 'host' | 'port'>[];
  service?: ServiceInfo;
}): FakeStages {
  const stages: FakeStages = {
    expanded: [],
    identified: [],
    checked: [],
    async *discover(hosts: AsyncIterable<HostTarget>, opts) {
      for await (const h of hosts) stages.expanded.push(h.address);
      let n = 0;
      for (const open of script.open) {
        if (opts.signal?.aborted) return;
        if (n === script.hangAfter) {
          await new Promise<void>((resolve) => opts.signal?.addEventListener('abort', () => resolve(), { once: true }));
          return;
        }
        if (n === script.failAfter) throw new Error('EMFILE: too many open files');
        n++;
        yield open;
        await new Promise((r) => setTimeout(r, 1));
      }
    },
    identify(host, port) {
      stages.identified.push(`${host}:${port}`);
      return Promise.resolve(script.service ?? { name: 'http', tls: false });
    },
    runChecks(target) {
      stages.checked.push(`${target.host}:${target.port}`);
      const drafts = script.findings?.(target.host, target.port) ?? [];
      return Promise.resolve({
        findings: drafts.map((d) => ({ ...d, host: target.host, port: target.port })),
        skipped: [{ checkId: 'db.mysql.no-auth', reason: 'safe mode' }],
      });
    },
    resolve: (name) => (name === 'praxis.test' ? Promise.resolve(['127.12.1.9']) : Promise.reject(new Error('ENOTFOUND'))),
  };
  return stages;
}
