/**
 * Real processes for the distributed peer tests: the BUILT CLI (`dist/cli/main.js`, as systemd
 * would start it; `npm ci` builds it in CI), plus a Redis of the test's own on 127.62.x.y and a
 * condition poller. Every child is tracked and SIGKILLed when the test process ends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { MAIN, ROOT } from '../cli/harness.js';
import { startDaemon, type RunningDaemon } from '../peers/support/daemon.js';

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

export type CliProcess = ChildProcess & { output: () => string; exited: Promise<number | null> };

/**
 * `hostname`: run the process in a UTS namespace of its own under that host name (as root), so
 * it looks like a worker on another machine: same network, but a runner id of another host.
 */
export function spawnBuiltCli(args: string[], opts: { hostname?: string } = {}): CliProcess {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const [command, argv] = opts.hostname
    ? ['unshare', ['--uts', '--', 'sh', '-c', 'hostname "$0" && exec "$@"', opts.hostname, process.execPath, MAIN, ...args]]
    : [process.execPath, [MAIN, ...args]];
  const child = spawn(command, argv, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return Object.assign(child, { output: () => output, exited });
}

export async function runBuiltCli(args: string[], timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  const child = spawnBuiltCli(args);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await child.exited;
  clearTimeout(timer);
  return { code, output: child.output() };
}

export function startRedis(host: string): Promise<RunningDaemon> {
  return startDaemon({
    name: 'redis (job queue)',
    binary: 'redis-server',
    host,
    user: 'nobody',
    // BullMQ requires this eviction policy; nothing is written to disk
    args: ({ port, dir }) => ['--bind', host, '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, '--maxmemory-policy', 'noeviction'],
  });
}
