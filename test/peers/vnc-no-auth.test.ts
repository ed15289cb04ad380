import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerAvailable, startDaemon, type RunningDaemon } from './support/daemon.js';
import { aboveInfo, scanPort } from './web-scan.js';

// x11vnc sharing an Xvfb screen: without a password (-nopw) vs with a VNC password (-rfbauth).
// Xvfb listens on no TCP port at all (-nolisten tcp); it picks a free display itself (-displayfd).
const OPEN = '127.23.8.1';
const LOCKED = '127.23.8.2';

interface Xvfb {
  display: string;
  stop(): void;
}

function startXvfb(): Promise<Xvfb> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn('Xvfb', ['-displayfd', '1', '-nolisten', 'tcp', '-screen', '0', '320x240x16'], { stdio: ['ignore', 'pipe', 'ignore'], detached: true });
    const stop = (): void => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    process.once('exit', stop);
    const timer = setTimeout(() => {
      stop();
      reject(new Error('Xvfb did not report a display within 15 s'));
    }, 15_000);
    child.stdout?.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      resolve({ display: `:${chunk.toString().trim()}`, stop });
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
}

/** x11vnc on the Xvfb screen; `auth(dir)` gives its authentication options (files live in the daemon's dir). */
function startX11vnc(name: string, host: string, display: string, auth: (dir: string) => string[]): Promise<RunningDaemon> {
  return startDaemon({
    name,
    binary: 'x11vnc',
    host,
    logFile: 'x11vnc.log',
    args: ({ port, dir }) => ['-display', display, '-listen', host, '-rfbport', String(port), '-noipv6', '-forever', '-shared', '-o', join(dir, 'x11vnc.log'), ...auth(dir)],
  });
}

describe.skipIf(!(peerAvailable('Xvfb', 'xvfb') && peerAvailable('x11vnc')))('vnc.no-auth against x11vnc on Xvfb', () => {
  let xvfb: Xvfb;
  let open: RunningDaemon;
  let locked: RunningDaemon;

  beforeAll(async () => {
    xvfb = await startXvfb();
    open = await startX11vnc('x11vnc -nopw', OPEN, xvfb.display, () => ['-nopw']);
    locked = await startX11vnc('x11vnc -rfbauth', LOCKED, xvfb.display, (dir) => {
      execFileSync('x11vnc', ['-storepasswd', 'Pr4xis26', join(dir, 'passwd')], { stdio: 'ignore' });
      return ['-rfbauth', join(dir, 'passwd')];
    });
  });
  afterAll(async () => {
    await open?.stop();
    await locked?.stop();
    xvfb?.stop();
  });

  it('no password: identified as VNC from its greeting, security type None offered (critical)', async () => {
    const { service, findings } = await scanPort(open.host, open.port);
    expect(service).toMatchObject({ name: 'vnc', version: '003.008' });
    const vnc = findings.filter((f) => f.checkId === 'vnc.no-auth');
    expect(vnc.map((f) => [f.severity, f.evidence])).toEqual([['critical', expect.stringMatching(/^RFB 3\.8 offers security types .*None\(1\)/)]]);
  });

  it('VNC password set (fixed twin): still VNC, nothing above info', async () => {
    const { service, findings } = await scanPort(locked.host, locked.port);
    expect(service.name).toBe('vnc');
    expect(aboveInfo(findings)).toEqual([]);
  });
});
