import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telnetExposed } from '../../src/checks/telnet/exposed.js';
import { identify } from '../../src/identify/index.js';
import { peerAvailable, type RunningDaemon, startAll, startDaemon } from './support/daemon.js';
import { bilingualEvidence, expectFinding, peerContext } from './support/run-check.js';

/**
 * inetutils telnetd behind inetutils inetd (foreground, own config, own pid file), bound to one
 * 127/8 address. Telnet has no safe configuration: the fix is to remove it. The fixed twin is the
 * same inetd with the telnet line replaced by /bin/date (a daytime-like service) on that port.
 */
function startInetd(host: string, service: 'telnet' | 'daytime'): Promise<RunningDaemon> {
  return startDaemon({
    name: `inetd (${service})`,
    binary: 'inetutils-inetd',
    host,
    prepare: ({ dir, port }) => {
      const line = service === 'telnet'
        ? `${host}:${port} stream tcp nowait root /usr/sbin/telnetd telnetd`
        : `${host}:${port} stream tcp nowait nobody /bin/date date`;
      writeFileSync(join(dir, 'inetd.conf'), `${line}\n`);
    },
    args: ({ dir }) => ['-d', `--pidfile=${join(dir, 'inetd.pid')}`, join(dir, 'inetd.conf')],
  });
}

const available = peerAvailable('inetutils-inetd', 'inetutils-telnetd') && peerAvailable('telnetd', 'inetutils-telnetd');

describe.skipIf(!available)('telnet.exposed against inetutils telnetd', () => {
  let telnet: RunningDaemon;
  let removed: RunningDaemon;

  beforeAll(async () => {
    [telnet, removed] = await startAll([startInetd('127.21.7.1', 'telnet'), startInetd('127.21.7.2', 'daytime')]);
  });
  afterAll(async () => {
    await Promise.all([telnet?.stop(), removed?.stop()]);
  });

  it('telnetd: identified on a random port by its IAC negotiation, finding names the options', async () => {
    const draft = await expectFinding(telnetExposed, telnet.host, telnet.port, 'telnet');
    const { de, en } = bilingualEvidence(draft);
    expect(en).toMatch(/^telnet negotiation: (?:WILL|DO) [A-Z-]+(?:, (?:WILL|WONT|DO|DONT) [A-Za-z0-9 -]+)*/);
    expect(de).toMatch(/^Telnet-Aushandlung: (?:WILL|DO) [A-Z-]+(?:, (?:WILL|WONT|DO|DONT) [A-Za-z0-9 -]+)*/);
    for (const text of [de, en]) expect(text).toContain('DO TERMINAL-TYPE');
  });

  it('telnet removed (fixed twin, another service on the port): not telnet, no finding even when forced', async () => {
    const service = await identify(removed.host, removed.port, { timeoutMs: 3_000, maxBytes: 16 * 1024 });
    expect(service.name).not.toBe('telnet');
    const target = { host: removed.host, port: removed.port, service };
    expect(telnetExposed.appliesTo(target)).toBe(false);
    expect(await telnetExposed.run(target, peerContext())).toEqual([]);
  });
});
