import { execFileSync } from 'node:child_process';
import { chownSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findBinary, startDaemon, type RunningDaemon } from './daemon.js';

const SERVER_USER = 'mysql';

/**
 * A real MariaDB server for the peer suite: mariadb-install-db into a temp datadir (root only via
 * unix_socket, as Debian installs it), then `initSql` run at startup through --init-file, which
 * is where each test creates the accounts that make the exposure or its fixed twin.
 */
export async function startMariadbPeer(name: string, host: string, initSql: string[]): Promise<RunningDaemon> {
  const install = findBinary('mariadb-install-db');
  if (!install) throw new Error('mariadb-install-db not found: apt-get install -y mariadb-server');
  const ids = {
    uid: Number(execFileSync('id', ['-u', SERVER_USER], { encoding: 'utf8' })),
    gid: Number(execFileSync('id', ['-g', SERVER_USER], { encoding: 'utf8' })),
  };
  return startDaemon({
    name,
    binary: 'mariadbd',
    host,
    user: SERVER_USER,
    readyTimeoutMs: 60_000,
    prepare: ({ dir }) => {
      chownSync(dir, ids.uid, ids.gid);
      execFileSync(
        install,
        ['--no-defaults', `--datadir=${join(dir, 'data')}`, `--user=${SERVER_USER}`, '--auth-root-authentication-method=socket',
          '--skip-test-db', '--skip-name-resolve'],
        { stdio: 'pipe', timeout: 120_000 },
      );
      writeFileSync(join(dir, 'init.sql'), `${initSql.join(';\n')};\n`);
    },
    args: ({ dir, port }) => [
      '--no-defaults', `--datadir=${join(dir, 'data')}`, `--socket=${join(dir, 'mysqld.sock')}`, `--pid-file=${join(dir, 'mysqld.pid')}`,
      `--bind-address=${host}`, `--port=${port}`, `--init-file=${join(dir, 'init.sql')}`, '--skip-name-resolve',
      '--skip-log-bin', '--innodb-buffer-pool-size=16M', '--key-buffer-size=1M', '--performance-schema=OFF',
    ],
  });
}
