import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import net from 'node:net';

/**
 * Samba's smbclient as a subprocess: the real SMB2/3 implementation (signing, dialects, NTLMSSP
 * and the DCE/RPC share enumeration) rather than a hand-written one. Every run has a time limit
 * (the process group is killed) and an output cap, ignores the machine's smb.conf, and never
 * gets a password: only the null session (-U%) and the guest account with an empty password.
 */
export type Session = 'null' | 'guest';

export interface SmbclientRun {
  ok: boolean;
  output: string;
  /** NT_STATUS code smbclient printed, e.g. NT_STATUS_ACCESS_DENIED. */
  status?: string;
}

const OUTPUT_CAP = 64 * 1024;
const BINARY_DIRS = ['/usr/bin', '/usr/local/bin', '/bin'];

export function smbclientPath(): string | null {
  for (const dir of BINARY_DIRS) {
    try {
      accessSync(`${dir}/smbclient`, constants.X_OK);
      return `${dir}/smbclient`;
    } catch {
      // not in this directory
    }
  }
  return null;
}

export function runSmbclient(args: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<SmbclientRun> {
  const binary = smbclientPath();
  if (!binary) return Promise.reject(new Error('smbclient not installed (Debian package smbclient)'));
  return new Promise((resolve) => {
    const child = spawn(binary, ['--configfile=/dev/null', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C', HOME: '/nonexistent' },
    });
    let output = '';
    let done = false;
    const finish = (ok: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', kill);
      kill();
      const status = /NT_STATUS_[A-Z_]+/.exec(output)?.[0];
      resolve({ ok: ok && status === undefined, output, ...(status ? { status } : {}) });
    };
    const kill = (): void => {
      try {
        if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      finish(false);
    };
    const timer = setTimeout(kill, timeoutMs);
    signal?.addEventListener('abort', kill, { once: true });
    const take = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.length > OUTPUT_CAP) {
        output = output.slice(0, OUTPUT_CAP);
        kill();
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', () => finish(false));
    child.on('close', (code) => finish(code === 0));
  });
}

export function sessionArgs(session: Session): string[] {
  return ['-U', session === 'null' ? '%' : 'guest%'];
}

export function serverArg(host: string, share?: string): string {
  const h = net.isIPv6(host) ? `[${host}]` : host;
  return share === undefined ? `//${h}` : `//${h}/${share}`;
}

export interface ShareEntry {
  type: string;
  name: string;
}

/** `smbclient -g -L` lines: "Disk|name|comment". */
export function parseShareList(output: string): ShareEntry[] {
  const shares: ShareEntry[] = [];
  for (const line of output.split('\n')) {
    const m = /^(Disk|IPC|Printer|Device)\|([^|]{1,80})\|/.exec(line);
    if (m?.[1] && m[2]) shares.push({ type: m[1], name: m[2] });
    if (shares.length >= 200) break;
  }
  return shares;
}

/** Entries of an `ls` listing, without "." and "..". */
export function countListing(output: string): number {
  let n = 0;
  for (const line of output.split('\n')) {
    const m = /^ {2}(.+?)\s+[A-Z]*\s+\d+\s+\w{3} \w{3}\s+\d+ [\d:]+ \d{4}\s*$/.exec(line);
    if (m && m[1] !== '.' && m[1] !== '..') n++;
  }
  return n;
}
