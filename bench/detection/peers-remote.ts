/**
 * Remote access and file sharing: Samba with a guest share vs guest off (smbd on 445; it binds
 * only addresses present on an interface, which run.sh adds to the namespace's lo), x11vnc on
 * Xvfb without password vs with a VNC password, and xrdp on 3389 (RDP has no "safe" twin here:
 * the fix is not exposing it, which the other peers' addresses already show).
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, type DaemonContext } from '../../test/peers/support/daemon.js';
import type { PeerSpec, StartedPeer } from './peer-types.js';
import { daemonPeer } from './started.js';

const SHARE_FILES = ['Befund_Quellmann_Ilse.pdf', 'Arztbrief_Birkholt_Jorin.docx'];

function smbConf(ctx: DaemonContext, guest: boolean): string {
  const sub = (name: string): string => {
    mkdirSync(join(ctx.dir, name), { recursive: true });
    return join(ctx.dir, name);
  };
  const share = sub('Befunde');
  for (const f of SHARE_FILES) writeFileSync(join(share, f), 'synthetic\n');
  chmodSync(ctx.dir, 0o755); // the guest account must reach the share
  const params: [string, string][] = [['private dir', 'private'], ['lock directory', 'lock'], ['state directory', 'state'], ['cache directory', 'cache'], ['pid directory', 'pid'], ['ncalrpc dir', 'ncalrpc']];
  const dirs = params.map(([param, name]) => `  ${param} = ${sub(name)}`);
  return [
    '[global]', `  interfaces = ${ctx.host}`, '  bind interfaces only = yes', `  smb ports = ${ctx.port}`, '  disable netbios = yes',
    '  server role = standalone server', ...dirs, `  log file = ${join(ctx.dir, 'smbd.log')}`,
    `  passdb backend = tdbsam:${join(ctx.dir, 'private', 'passdb.tdb')}`, '  load printers = no', '  printcap name = /dev/null', '  disable spoolss = yes',
    '  guest account = nobody', ...(guest ? ['  map to guest = bad user'] : ['  map to guest = never', '  restrict anonymous = 2']),
    '[Befunde]', `  path = ${share}`, '  read only = yes', `  guest ok = ${guest ? 'yes' : 'no'}`, '',
  ].join('\n');
}

function startSmbd(name: string, host: string, guest: boolean) {
  return startDaemon({
    name, binary: 'smbd', host, port: 445, logFile: 'smbd.log',
    prepare: (ctx) => writeFileSync(join(ctx.dir, 'smb.conf'), smbConf(ctx, guest)),
    args: ({ dir }) => ['-F', '--no-process-group', '--debug-stdout', '-d', '1', '-s', join(dir, 'smb.conf')],
  });
}

/** Xvfb on a display it picks itself (-displayfd), no TCP listener; resolves with ":N". */
function startXvfb(): Promise<{ display: string; stop(): void }> {
  return new Promise((resolve, reject) => {
    const child = spawn('Xvfb', ['-displayfd', '1', '-nolisten', 'tcp', '-screen', '0', '320x240x16'], { stdio: ['ignore', 'pipe', 'ignore'], detached: true });
    const stop = (): void => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone already
      }
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error('Xvfb reported no display within 15 s'));
    }, 15_000);
    child.stdout.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      resolve({ display: `:${chunk.toString().trim()}`, stop });
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
}

async function startVnc(name: string, host: string, password: boolean): Promise<StartedPeer> {
  const xvfb = await startXvfb();
  try {
    const d = await startDaemon({
      name, binary: 'x11vnc', host, port: 5900, logFile: 'x11vnc.log',
      prepare: ({ dir }) => {
        if (password) execFileSync('x11vnc', ['-storepasswd', 'Bench26x', join(dir, 'passwd')], { stdio: 'ignore' });
      },
      args: ({ port, dir }) => [
        '-display', xvfb.display, '-listen', host, '-rfbport', String(port), '-noipv6', '-forever', '-shared', '-o', join(dir, 'x11vnc.log'),
        ...(password ? ['-rfbauth', join(dir, 'passwd')] : ['-nopw']),
      ],
    });
    return { ports: [d.port], stop: async () => { await d.stop(); xvfb.stop(); } };
  } catch (err) {
    xvfb.stop();
    throw err;
  }
}

function startXrdp(host: string) {
  return startDaemon({
    name: 'xrdp', binary: 'xrdp', host, port: 3389, logFile: 'xrdp.log',
    prepare: ({ dir, port }) => {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-subj', '/CN=praxis-rdp', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
      writeFileSync(
        join(dir, 'xrdp.ini'),
        [
          '[Globals]', 'ini_version=1', 'fork=false', `port=tcp://${host}:${port}`, 'security_layer=negotiate', 'crypt_level=high',
          `certificate=${join(dir, 'cert.pem')}`, `key_file=${join(dir, 'key.pem')}`, 'ssl_protocols=TLSv1.2, TLSv1.3',
          '[Logging]', `LogFile=${join(dir, 'xrdp.log')}`, 'LogLevel=INFO', 'EnableSyslog=false',
          '[Xorg]', 'name=Xorg', 'lib=libxup.so', 'username=ask', 'password=ask', 'ip=127.0.0.1', 'port=-1', 'code=20', '',
        ].join('\n'),
      );
    },
    args: ({ dir }) => ['-n', '-c', join(dir, 'xrdp.ini')],
  });
}

const smbNeeds = [{ binary: 'smbd', debianPackage: 'samba' }];
const vncNeeds = [{ binary: 'x11vnc', debianPackage: 'x11vnc' }, { binary: 'Xvfb', debianPackage: 'xvfb' }];

export const REMOTE_PEERS: readonly PeerSpec[] = [
  {
    name: 'smbd (guest share)', host: '127.40.3.1', role: 'exposed', expected: [{ check: 'smb.guest-share' }], needs: smbNeeds,
    start: async () => daemonPeer(await startSmbd('smbd guest', '127.40.3.1', true)),
  },
  {
    name: 'smbd (guest off, restrict anonymous = 2)', host: '127.40.3.2', role: 'fixed', expected: [], needs: smbNeeds,
    start: async () => daemonPeer(await startSmbd('smbd no guest', '127.40.3.2', false)),
  },
  {
    name: 'x11vnc -nopw', host: '127.40.3.3', role: 'exposed', expected: [{ check: 'vnc.no-auth' }], needs: vncNeeds,
    start: () => startVnc('x11vnc -nopw', '127.40.3.3', false),
  },
  {
    name: 'x11vnc -rfbauth (password)', host: '127.40.3.4', role: 'fixed', expected: [], needs: vncNeeds,
    start: () => startVnc('x11vnc -rfbauth', '127.40.3.4', true),
  },
  {
    name: 'xrdp (TLS, no NLA)', host: '127.40.3.5', role: 'exposed', expected: [{ check: 'rdp.exposed' }], needs: [{ binary: 'xrdp', debianPackage: 'xrdp' }],
    start: async () => daemonPeer(await startXrdp('127.40.3.5')),
  },
];
