/**
 * Shared harness for the real-peer suite (`npm run test:peers`): starts a Debian daemon with its
 * config in a throwaway directory, bound to one 127.x.y.z address and a free port, waits until the
 * port accepts connections and removes everything again on stop() — and on process exit, so a
 * failing test never leaves a server behind.
 *
 *   const found = peerAvailable('redis-server');          // false → describe.skipIf(!found)
 *   const redis = await startDaemon({
 *     name: 'redis (no auth)', binary: 'redis-server', host: '127.21.3.1',
 *     args: ({ host, port }) => ['--bind', host, '--port', String(port), '--save', ''],
 *   });
 *   try { ... redis.host / redis.port ... } finally { await redis.stop(); }
 *
 * A missing binary SKIPS a peer test locally (with a message naming the Debian package) but FAILS
 * when process.env.CI is set: CI must never pass by silently skipping the proof.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { accessSync, chownSync, constants, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';

export interface DaemonContext {
  /** Throwaway directory for config, data, pid and log files (owned by `user` when given). */
  dir: string;
  host: string;
  port: number;
}

export interface DaemonSpec {
  /** Shown in error messages, e.g. "mariadb (root without password)". */
  name: string;
  /** Binary name (looked up in PATH, /usr/sbin, /sbin, /usr/lib/postgresql/<v>/bin) or absolute path. */
  binary: string;
  /** 127.x.y.z address the daemon binds to (never a wildcard). */
  host: string;
  /** Fixed port; default: a port that is free on `host`. */
  port?: number;
  args: (ctx: DaemonContext) => string[];
  /** Writes config files etc. into ctx.dir before the daemon starts. Runs as the test user (root). */
  prepare?: (ctx: DaemonContext) => void | Promise<void>;
  /** Run as this unprivileged user via `runuser -u <user> --` (the temp dir is chowned to it). */
  user?: string;
  env?: Record<string, string>;
  /** Extra log file inside ctx.dir whose tail is added to failure messages. */
  logFile?: string;
  /** Readiness beyond "port accepts", e.g. a protocol-level query. Polled until true. */
  ready?: (ctx: DaemonContext) => Promise<boolean>;
  readyTimeoutMs?: number;
}

export interface RunningDaemon extends DaemonContext {
  /** Last few KB of the daemon's stdout/stderr (and logFile), for assertion messages. */
  logTail(): string;
  stop(): Promise<void>;
}

const TAIL_BYTES = 6_000;

/**
 * Kill-and-remove actions of every running daemon, run when the test process ends without
 * stop(): on exit, and on SIGTERM/SIGINT (a worker stopped by the test runner gets no 'exit').
 */
const lastResort = new Set<() => void>();
let lastResortInstalled = false;
function installLastResort(): void {
  if (lastResortInstalled) return;
  lastResortInstalled = true;
  const runAll = (): void => {
    for (const action of lastResort) action();
    lastResort.clear();
  };
  process.once('exit', runAll);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      runAll();
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  }
}
const EXTRA_BIN_DIRS = ['/usr/sbin', '/sbin', '/usr/local/sbin'];

/** Absolute path of a peer binary, or undefined when it is not installed. */
export function findBinary(binary: string): string | undefined {
  if (isAbsolute(binary)) return isExecutable(binary) ? binary : undefined;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...EXTRA_BIN_DIRS, ...postgresBinDirs()];
  for (const dir of dirs) {
    const candidate = join(dir, binary);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * True when the peer binary exists. When it does not: false locally (the caller skips, a warning
 * names the package), but an Error under CI so the suite fails instead of passing without proof.
 */
export function peerAvailable(binary: string, debianPackage = binary): boolean {
  if (findBinary(binary)) return true;
  const message = `peer binary "${binary}" not found: apt-get install -y ${debianPackage}`;
  if (process.env.CI) throw new Error(`${message} (CI is set: peer tests may not be skipped)`);
  console.warn(`SKIP ${message}`);
  return false;
}

export async function startDaemon(spec: DaemonSpec): Promise<RunningDaemon> {
  const binary = findBinary(spec.binary);
  if (!binary) throw new Error(`${spec.name}: binary ${spec.binary} not found`);
  const dir = mkdtempSync(join(tmpdir(), 'praxiswache-peer-'));
  const owner = spec.user ? userIds(spec.user) : undefined;
  installLastResort();
  let child: ChildProcess | undefined;
  let output = '';
  const logTail = (): string => {
    const file = spec.logFile ? readTail(join(dir, spec.logFile)) : '';
    return `${output}${file ? `\n--- ${spec.logFile} ---\n${file}` : ''}`;
  };
  const onExit = (): void => {
    // Last resort when the test process dies without stop(): no stray daemons, no temp dirs.
    killGroup(child, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  lastResort.add(onExit);
  const cleanup = async (): Promise<void> => {
    if (child) await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
    // only now: until the daemon is really gone, an exiting test process must still kill it
    lastResort.delete(onExit);
  };
  try {
    const ctx: DaemonContext = { dir, host: spec.host, port: spec.port ?? (await freePort(spec.host)) };
    await spec.prepare?.(ctx);
    if (owner) chownRecursive(dir, owner.uid, owner.gid);
    const argv = spec.args(ctx);
    const [command, commandArgs] = spec.user ? ['runuser', ['-u', spec.user, '--', binary, ...argv]] : [binary, argv];
    // detached: own process group, so stop() also reaches children that runuser or the daemon forks
    child = spawn(command, commandArgs, {
      cwd: dir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...spec.env },
    });
    const append = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-TAIL_BYTES);
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    await waitUntilReady(spec, ctx, child, logTail);
    let stopped = false;
    return {
      ...ctx,
      logTail,
      async stop() {
        if (stopped) return;
        stopped = true;
        await cleanup();
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** A port nobody listens on at `host` right now (bind 0, read it back, release it). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** True when a TCP connection to host:port succeeds within timeoutMs. */
export function portAccepts(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitUntilReady(
  spec: DaemonSpec,
  ctx: DaemonContext,
  child: ChildProcess,
  logTail: () => string,
): Promise<void> {
  const timeoutMs = spec.readyTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${spec.name} exited (${child.exitCode ?? child.signalCode}) before accepting:\n${logTail()}`);
    }
    if ((await portAccepts(ctx.host, ctx.port)) && (!spec.ready || (await spec.ready(ctx).catch(() => false)))) return;
    if (Date.now() > deadline) {
      throw new Error(`${spec.name} not ready on ${ctx.host}:${ctx.port} after ${timeoutMs} ms:\n${logTail()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    // the leader is gone, but helpers it forked (socat relays, smbd workers) may live on in its group
    killGroup(child, 'SIGKILL');
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const hard = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(hard);
      // the group may still hold children of runuser / forked workers
      killGroup(child, 'SIGKILL');
      resolve();
    });
    killGroup(child, 'SIGTERM');
  });
}

/** The daemon's process group (runuser and forked workers) and, should it have left the group, the daemon itself. */
function killGroup(child: ChildProcess | undefined, signal: NodeJS.Signals): void {
  if (!child?.pid) return;
  for (const target of [-child.pid, child.pid]) {
    try {
      process.kill(target, signal);
    } catch {
      // already gone
    }
  }
}

function userIds(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function chownRecursive(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chownRecursive(child, uid, gid);
    else chownSync(child, uid, gid);
  }
}

function readTail(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(-TAIL_BYTES);
  } catch {
    return '';
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function postgresBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'));
}

/**
 * Starts several peers at once. When one fails, the ones already running are stopped before the
 * error is rethrown: with a plain Promise.all they would be lost to the test's afterAll.
 */
export async function startAll<const T extends readonly Promise<{ stop(): Promise<void> }>[]>(
  starts: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(starts);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    const started = settled.filter((s) => s.status === 'fulfilled').map((s) => s.value);
    await Promise.all(started.map((d) => d.stop()));
    throw failed.reason;
  }
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
