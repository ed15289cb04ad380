/** Runs the praxiswache CLI from source in a child process (vite-node: no build step needed). */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VITE_NODE = `${ROOT}node_modules/vite-node/vite-node.mjs`;

export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [VITE_NODE, 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return Object.assign(child, { output: () => output });
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  const child = spawnCli(args, env);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`praxiswache ${args.join(' ')} did not end within ${timeoutMs} ms:\n${child.output()}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output: child.output() });
    });
  });
}
