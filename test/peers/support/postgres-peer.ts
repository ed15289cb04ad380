import { execFileSync } from 'node:child_process';
import { chownSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createSelfSignedCert } from '../../../src/lab/self-signed-cert.js';
import { findBinary, startDaemon, type RunningDaemon } from './daemon.js';

/**
 * A real PostgreSQL cluster for the peer suite with a chosen network authentication method in
 * pg_hba.conf: 'trust' (the exposure) or 'scram-sha-256' (the fixed twin). Superuser is
 * "postgres", the name a scanner tries first; its password is `password` (scram only).
 * (test/support/postgres.ts always runs trust with another superuser, so it cannot be the twin.)
 */
export interface PostgresPeer extends RunningDaemon {
  /** Connection string of the superuser (with password for scram). */
  adminUrl: string;
}

const SERVER_USER = 'postgres';

export async function startPostgresPeer(
  host: string,
  auth: 'trust' | 'scram-sha-256',
  opts: { password?: string; tlsOnly?: boolean } = {},
): Promise<PostgresPeer> {
  const password = opts.password ?? 'Pr4xis-geheim-2026';
  const initdb = findBinary('initdb');
  if (!initdb) throw new Error('initdb not found: apt-get install -y postgresql');
  const ids = {
    uid: Number(execFileSync('id', ['-u', SERVER_USER], { encoding: 'utf8' })),
    gid: Number(execFileSync('id', ['-g', SERVER_USER], { encoding: 'utf8' })),
  };
  const daemon = await startDaemon({
    name: `postgresql (${auth})`,
    binary: 'postgres',
    host,
    user: SERVER_USER,
    prepare: ({ dir }) => {
      chownSync(dir, ids.uid, ids.gid);
      const pwfile = join(dir, 'pw');
      writeFileSync(pwfile, `${password}\n`);
      chownSync(pwfile, ids.uid, ids.gid);
      execFileSync(
        initdb,
        ['-D', join(dir, 'data'), '-U', 'postgres', `--auth=${auth}`, `--pwfile=${pwfile}`, '-E', 'UTF8', '--no-sync', '--no-instructions'],
        { stdio: 'pipe', uid: ids.uid, gid: ids.gid, timeout: 60_000 },
      );
      // initdb's pg_hba.conf covers 127.0.0.1/32 only; our peers live on other 127/8 addresses.
      // tlsOnly: network logins only inside TLS (hostssl), as careful admins set it up.
      const network = opts.tlsOnly ? `hostssl all all 127.0.0.0/8 ${auth}` : `host all all 127.0.0.0/8 ${auth}`;
      writeFileSync(join(dir, 'data', 'pg_hba.conf'), `local all all ${auth}\n${network}\n`);
      if (opts.tlsOnly) {
        const cert = createSelfSignedCert('praxiswache peer', [host]);
        writeFileSync(join(dir, 'data', 'server.crt'), cert.cert);
        writeFileSync(join(dir, 'data', 'server.key'), cert.key, { mode: 0o600 });
        chownSync(join(dir, 'data', 'server.crt'), ids.uid, ids.gid);
        chownSync(join(dir, 'data', 'server.key'), ids.uid, ids.gid);
      }
    },
    args: ({ dir, port }) => [
      '-D', join(dir, 'data'), '-k', dir, '-h', host, '-p', String(port),
      '-c', 'fsync=off', '-c', 'shared_buffers=16MB', '-c', 'max_connections=20', '-c', 'dynamic_shared_memory_type=mmap',
      ...(opts.tlsOnly ? ['-c', 'ssl=on'] : []),
    ],
  });
  const credentials = auth === 'trust' ? 'postgres' : `postgres:${encodeURIComponent(password)}`;
  return { ...daemon, adminUrl: `postgres://${credentials}@${host}:${daemon.port}/postgres` };
}

/** Runs statements as the superuser (seeding fake data for the leak assertions). */
export async function runSql(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}
