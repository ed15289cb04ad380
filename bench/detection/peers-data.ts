/**
 * Databases, caches, FTP, telnet and mail: each misconfigured the way practices get it wrong, and
 * its correctly configured twin. Reuses the peer suite's starters where they are exported
 * (MariaDB, PostgreSQL, vsftpd, Dovecot); redis, memcached and inetd are one startDaemon call each.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { respCommand } from '../../src/checks/db/resp.js';
import { startDaemon } from '../../test/peers/support/daemon.js';
import { startDovecotPeer } from '../../test/peers/support/dovecot-peer.js';
import { startMariadbPeer } from '../../test/peers/support/mariadb-peer.js';
import { runSql, startPostgresPeer } from '../../test/peers/support/postgres-peer.js';
import { say } from '../../test/peers/support/tcp-say.js';
import { startVsftpdPeer } from '../../test/peers/support/vsftpd-peer.js';
import type { PeerSpec } from './peer-types.js';
import { aliasedPeer, daemonPeer } from './started.js';

const PASSWORD = 'Bench-geheim-2026';
const FTP_FILES = ['Befund_Quellmann_Ilse.pdf', 'Roentgen_Birkholt.dcm', 'liesmich.txt'];
const need = (binary: string, debianPackage = binary): { binary: string; debianPackage: string } => ({ binary, debianPackage });

function redis(name: string, host: string, extra: string[]) {
  return startDaemon({
    name, binary: 'redis-server', host, port: 6379, user: 'nobody',
    args: ({ port, dir }) => ['--bind', host, '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, ...extra],
  });
}

function memcached(name: string, host: string, auth: boolean) {
  return startDaemon({
    name, binary: 'memcached', host, port: 11211, user: 'nobody',
    prepare: ({ dir }) => {
      if (auth) writeFileSync(join(dir, 'auth'), `praxis:${PASSWORD}\n`);
    },
    args: ({ port, dir }) => ['-l', host, '-p', String(port), '-U', '0', '-m', '16', ...(auth ? ['-Y', join(dir, 'auth')] : [])],
  });
}

/** inetutils inetd on port 23 running telnetd, or (telnet removed) /bin/date on that port. */
function inetd(name: string, host: string, telnet: boolean) {
  return startDaemon({
    name, binary: 'inetutils-inetd', host, port: 23,
    prepare: ({ dir, port }) => {
      const server = telnet ? 'root /usr/sbin/telnetd telnetd' : 'nobody /bin/date date';
      writeFileSync(join(dir, 'inetd.conf'), `${host}:${port} stream tcp nowait ${server}\n`);
    },
    args: ({ dir }) => ['-d', `--pidfile=${join(dir, 'inetd.pid')}`, join(dir, 'inetd.conf')],
  });
}

const MARIADB_SEED = ['CREATE DATABASE praxis_akten', 'CREATE TABLE praxis_akten.patienten (name VARCHAR(80))', "INSERT INTO praxis_akten.patienten VALUES ('Wiesenkamp')"];

export const DATA_PEERS: readonly PeerSpec[] = [
  {
    name: 'redis (no auth)', host: '127.40.2.1', role: 'exposed', expected: [{ check: 'db.redis.no-auth' }], needs: [need('redis-server')],
    start: async () => {
      // Redis 7 answers only 127.0.0.1 while it has no password, unless protected mode is
      // switched off, which is what exposed installations (and many container images) do.
      const d = await redis('redis (no auth)', '127.40.2.1', ['--protected-mode', 'no']);
      await say(d.host, d.port, respCommand('SET', 'patient:1', 'Wiesenkamp'));
      return daemonPeer(d);
    },
  },
  {
    name: 'redis (requirepass)', host: '127.40.2.2', role: 'fixed', expected: [], needs: [need('redis-server')],
    start: async () => daemonPeer(await redis('redis (requirepass)', '127.40.2.2', ['--requirepass', PASSWORD])),
  },
  {
    name: 'memcached (open)', host: '127.40.2.3', role: 'exposed', expected: [{ check: 'db.memcached.open' }], needs: [need('memcached')],
    start: async () => daemonPeer(await memcached('memcached (open)', '127.40.2.3', false)),
  },
  {
    name: 'memcached (ASCII auth)', host: '127.40.2.4', role: 'fixed', expected: [], needs: [need('memcached')],
    start: async () => daemonPeer(await memcached('memcached (ASCII auth)', '127.40.2.4', true)),
  },
  {
    name: 'mariadb (root@% without password)', host: '127.40.2.5', role: 'exposed', expected: [{ check: 'db.mysql.no-auth' }], needs: [need('mariadbd', 'mariadb-server')],
    start: async () => {
      const d = await startMariadbPeer('mariadb (root without password)', '127.40.2.5', [...MARIADB_SEED, "CREATE USER 'root'@'%' IDENTIFIED BY ''", "GRANT ALL ON *.* TO 'root'@'%'"]);
      return aliasedPeer(d.host, [[3306, d]], () => d.stop());
    },
  },
  {
    name: 'mariadb (root@% with password)', host: '127.40.2.6', role: 'fixed', expected: [], needs: [need('mariadbd', 'mariadb-server')],
    start: async () => {
      const d = await startMariadbPeer('mariadb (root with password)', '127.40.2.6', [...MARIADB_SEED, `CREATE USER 'root'@'%' IDENTIFIED BY '${PASSWORD}'`, "GRANT ALL ON *.* TO 'root'@'%'"]);
      return aliasedPeer(d.host, [[3306, d]], () => d.stop());
    },
  },
  {
    name: 'postgresql (trust)', host: '127.40.2.7', role: 'exposed', expected: [{ check: 'db.postgres.trust' }], needs: [need('postgres', 'postgresql')],
    start: async () => {
      const d = await startPostgresPeer('127.40.2.7', 'trust');
      await runSql(d.adminUrl, ['CREATE DATABASE praxis_akten']);
      return aliasedPeer(d.host, [[5432, d]], () => d.stop());
    },
  },
  {
    name: 'postgresql (scram-sha-256)', host: '127.40.2.8', role: 'fixed', expected: [], needs: [need('postgres', 'postgresql')],
    start: async () => {
      const d = await startPostgresPeer('127.40.2.8', 'scram-sha-256');
      return aliasedPeer(d.host, [[5432, d]], () => d.stop());
    },
  },
  {
    name: 'vsftpd (anonymous_enable=YES)', host: '127.40.2.9', role: 'exposed', expected: [{ check: 'ftp.anonymous' }], needs: [need('vsftpd')],
    start: async () => {
      const d = await startVsftpdPeer('127.40.2.9', true, FTP_FILES);
      return aliasedPeer(d.host, [[21, d]], () => d.stop());
    },
  },
  {
    name: 'vsftpd (anonymous_enable=NO)', host: '127.40.2.10', role: 'fixed', expected: [], needs: [need('vsftpd')],
    start: async () => {
      const d = await startVsftpdPeer('127.40.2.10', false, FTP_FILES);
      return aliasedPeer(d.host, [[21, d]], () => d.stop());
    },
  },
  {
    name: 'inetutils telnetd', host: '127.40.2.11', role: 'exposed', expected: [{ check: 'telnet.exposed' }],
    needs: [need('inetutils-inetd', 'inetutils-inetd'), need('telnetd', 'inetutils-telnetd')],
    start: async () => daemonPeer(await inetd('inetd (telnetd)', '127.40.2.11', true)),
  },
  {
    name: 'inetd (telnet removed, date on 23)', host: '127.40.2.12', role: 'fixed', expected: [], needs: [need('inetutils-inetd', 'inetutils-inetd')],
    start: async () => daemonPeer(await inetd('inetd (date)', '127.40.2.12', false)),
  },
  {
    name: 'dovecot (plaintext auth)', host: '127.40.2.13', role: 'exposed',
    expected: [{ check: 'mail.plaintext-auth', port: 143 }, { check: 'mail.plaintext-auth', port: 110 }], needs: [need('dovecot', 'dovecot-imapd dovecot-pop3d')],
    start: async () => {
      const d = await startDovecotPeer('127.40.2.13', true);
      return aliasedPeer(d.host, [[143, d], [110, { host: d.host, port: d.pop3Port }]], () => d.stop());
    },
  },
  {
    name: 'dovecot (STARTTLS, plaintext disabled)', host: '127.40.2.14', role: 'fixed', expected: [], needs: [need('dovecot', 'dovecot-imapd dovecot-pop3d')],
    start: async () => {
      const d = await startDovecotPeer('127.40.2.14', false);
      return aliasedPeer(d.host, [[143, d], [110, { host: d.host, port: d.pop3Port }]], () => d.stop());
    },
  },
];
