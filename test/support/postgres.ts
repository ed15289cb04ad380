/**
 * Throwaway PostgreSQL cluster for tests: Debian's `postgresql` binaries, a fresh data directory
 * in /tmp, listening only on 127.14.0.1 at a free port, deleted again by `stop()`.
 *
 *   const pg = await startPostgres();
 *   try { ... use pg.url ... } finally { await pg.stop(); }
 *
 * initdb refuses to run as root, so as root the server runs as the `postgres` system user
 * (falling back to `nobody`) with the temp directory chowned to it. Set
 * PRAXISWACHE_TEST_PG_URL to use an existing server instead (then stop() does nothing).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { freePort } from '../peers/support/daemon.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface RunningPostgres {
  /** Connection string of an empty database, e.g. postgres://praxis@127.14.0.1:54321/test */
  url: string;
  stop: () => Promise<void>;
}

const LISTEN_ADDRESS = '127.14.0.1';
const SUPERUSER = 'praxis';
const READY_TIMEOUT_MS = 30_000;

let databaseCounter = 0;

export async function startPostgres(): Promise<RunningPostgres> {
  const external = process.env.PRAXISWACHE_TEST_PG_URL;
  if (external) return createDatabaseOn(external, async () => {});

  const bin = findPostgresBin();
  const owner = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'praxiswache-pg-'));
  const dataDir = join(dir, 'data');
  let server: ChildProcess | undefined;
  const cleanup = async (): Promise<void> => {
    if (server) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  };
  const onExit = (): void => {
    // Last resort when the test process dies without calling stop(): no stray servers.
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  try {
    if (owner) chownSync(dir, owner.uid, owner.gid);
    execFileSync(
      join(bin, 'initdb'),
      ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'],
      { stdio: 'pipe', ...(owner ?? {}), timeout: 60_000 },
    );
    const port = await freePort(LISTEN_ADDRESS);
    server = spawn(
      join(bin, 'postgres'),
      ['-D', dataDir, '-k', dir, '-h', LISTEN_ADDRESS, '-p', String(port),
        '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
        '-c', 'shared_buffers=16MB', '-c', 'max_connections=40', '-c', 'dynamic_shared_memory_type=mmap'],
      { stdio: ['ignore', 'ignore', 'pipe'], ...(owner ?? {}) },
    );
    const stderr = collectTail(server);
    const adminUrl = `postgres://${SUPERUSER}@${LISTEN_ADDRESS}:${port}/postgres`;
    await waitUntilReady(adminUrl, server, stderr);
    const running = await createDatabaseOn(adminUrl, async () => {
      process.removeListener('exit', onExit);
      await cleanup();
    });
    return running;
  } catch (err) {
    process.removeListener('exit', onExit);
    await cleanup();
    throw err;
  }
}

async function createDatabaseOn(adminUrl: string, stopServer: () => Promise<void>): Promise<RunningPostgres> {
  const name = `praxiswache_test_${process.pid}_${++databaseCounter}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let stopped = false;
  return {
    url: url.toString(),
    async stop() {
      if (stopped) return;
      stopped = true;
      await withClient(adminUrl, async (c) => {
        await untilNoSessions(c, name, 15_000);
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }).catch(() => {});
      await stopServer();
    },
  };
}

/**
 * pg's pool.end() resolves once Terminate is sent, not when the server has let go: a forced drop
 * right then kills those sessions, and their clients throw into the test process. Wait for the
 * server first (bounded: a session that never ends is then forced out as before).
 */
async function untilNoSessions(admin: pg.Client, database: string, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    const { rows } = await admin.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [database]);
    if (rows[0]?.n === '0') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function newestPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? undefined : join(root, newest, 'bin');
}

function findPostgresBin(): string {
  const bin = newestPostgresBin();
  if (!bin) throw new Error('PostgreSQL not found in /usr/lib/postgresql: apt-get install -y postgresql');
  return bin;
}

let warned = false;

/**
 * Whether suites should run their PostgreSQL variant. Without Debian's postgresql a developer's
 * `npm test` skips them with a message; in CI (`CI` set) they always run, so a missing server
 * fails instead of passing silently.
 */
export function postgresTestsEnabled(): boolean {
  if (process.env.PRAXISWACHE_TEST_PG_URL || process.env.CI || newestPostgresBin()) return true;
  if (!warned) console.warn('SKIPPED: PostgreSQL variants need Debian\'s postgresql (apt-get install -y postgresql); in CI they fail instead');
  warned = true;
  return false;
}

/** As root, the user the cluster runs as; otherwise undefined (run as ourselves). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      if (uid > 0) return { uid, gid };
    } catch {
      // user does not exist: try the next one
    }
  }
  throw new Error('running as root and neither the postgres nor the nobody user exists');
}

function collectTail(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4_000);
  });
  return () => tail;
}

async function waitUntilReady(url: string, server: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited (${server.exitCode}): ${stderr()}`);
    try {
      await withClient(url, (c) => c.query('SELECT 1'));
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`postgres not ready after ${READY_TIMEOUT_MS} ms: ${String(err)}\n${stderr()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    server.kill('SIGINT'); // "fast shutdown": disconnect clients, no checkpoint wait needed
  });
}
