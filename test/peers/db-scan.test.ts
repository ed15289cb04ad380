import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { respCommand } from '../../src/checks/db/resp.js';
import { formatReport } from '../../src/report/index.js';
import { runScan } from '../../src/scan/index.js';
import type { ScanReport } from '../../src/core/types.js';
import { peerAvailable, type RunningDaemon, startAll, startDaemon } from './support/daemon.js';
import { startMariadbPeer } from './support/mariadb-peer.js';
import { runSql, startPostgresPeer } from './support/postgres-peer.js';
import { say } from './support/tcp-say.js';
import { startVsftpdPeer } from './support/vsftpd-peer.js';

const FAKE_NAMES = ['Kowalczyk-Annegret', 'Oberhuber-Friedlinde', 'Meierhoff'];
const FILES = [`Befund_${FAKE_NAMES[0]}.pdf`, `Roentgen_${FAKE_NAMES[2]}.dcm`];
const OPEN_HOST = '127.21.9.1';
const FIXED_HOST = '127.21.9.2';
const peers = ['redis-server', 'memcached', 'vsftpd', 'postgres', 'mariadbd'];
const DEBIAN: Record<string, string> = { postgres: 'postgresql', mariadbd: 'mariadb-server' };

/**
 * The whole pipeline (discover → identify → checks → report) over real peers (redis, memcached,
 * vsftpd, postgresql, mariadb): the misconfigured
 * ones share one address, their fixed twins another. Proves the checks are wired into the scan,
 * that the fixed host yields nothing above info, and that no planted name reaches any format.
 */
describe.skipIf(!peers.every((p) => peerAvailable(p, DEBIAN[p] ?? p)))('scan over the data-service peers', () => {
  const running: RunningDaemon[] = [];
  let report: ScanReport;

  beforeAll(async () => {
    const redis = (host: string, extra: string[]) =>
      startDaemon({ name: 'redis', binary: 'redis-server', host, user: 'nobody', args: ({ port, dir }) => ['--bind', host, '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, ...extra] });
    const memcached = (host: string, extra: string[]) =>
      startDaemon({ name: 'memcached', binary: 'memcached', host, user: 'nobody', args: ({ port }) => ['-l', host, '-p', String(port), '-U', '0', '-m', '16', ...extra] });
    running.push(
      ...(await startAll([
        redis(OPEN_HOST, []), redis(FIXED_HOST, ['--requirepass', 'Pr4xis-geheim-2026']),
        memcached(OPEN_HOST, []),
        startVsftpdPeer(OPEN_HOST, true, FILES), startVsftpdPeer(FIXED_HOST, false, FILES),
        startPostgresPeer(OPEN_HOST, 'trust'), startPostgresPeer(FIXED_HOST, 'scram-sha-256'),
        startMariadbPeer('mariadb (root without password)', OPEN_HOST, [
          `CREATE DATABASE \`${FAKE_NAMES[2]}\``, "CREATE USER 'root'@'%' IDENTIFIED BY ''", "GRANT ALL ON *.* TO 'root'@'%'",
        ]),
        startMariadbPeer('mariadb (root with password)', FIXED_HOST, [
          "CREATE USER 'root'@'%' IDENTIFIED BY 'Pr4xis-geheim-2026'", "GRANT ALL ON *.* TO 'root'@'%'",
        ]),
      ])),
    );
    const [openRedis, , , , , openPg] = running;
    await say(openRedis!.host, openRedis!.port, respCommand('SET', `patient:${FAKE_NAMES[1]}`, FAKE_NAMES[0]!));
    await runSql((openPg as RunningDaemon & { adminUrl: string }).adminUrl, [`CREATE DATABASE "${FAKE_NAMES[1]!.toLowerCase()}"`]);
    const ports = [...new Set(running.map((d) => d.port))].join(',');
    report = await runScan({ targets: [OPEN_HOST, FIXED_HOST], ports, timeoutMs: 3_000 });
  }, 240_000);
  afterAll(async () => {
    await Promise.all(running.map((d) => d.stop()));
  });

  it('reports every exposure on the misconfigured host', () => {
    const open = report.findings.filter((f) => f.host === OPEN_HOST).map((f) => f.checkId).sort();
    expect(open).toEqual(expect.arrayContaining(['db.memcached.open', 'db.mysql.no-auth', 'db.postgres.trust', 'db.redis.no-auth', 'ftp.anonymous']));
  });

  it('nothing above info on the correctly configured host', () => {
    expect(report.findings.filter((f) => f.host === FIXED_HOST && f.severity !== 'info')).toEqual([]);
  });

  it('no planted name appears in any output format', () => {
    for (const format of ['text', 'json', 'jsonl', 'sarif'] as const) {
      const output = formatReport(report, format, { color: false, lang: 'de' });
      for (const name of [...FAKE_NAMES, FAKE_NAMES[1]!.toLowerCase(), 'Befund_', 'Roentgen_']) expect(output).not.toContain(name);
    }
  });
});
