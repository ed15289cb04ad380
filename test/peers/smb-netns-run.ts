// Runs inside the SMB peer test's own network namespace (ip netns exec … vite-node smb-netns-run.ts):
// smbd only binds addresses it finds on an interface, so its 127.23.7.x addresses live on that
// namespace's loopback. Starts smbd with a guest share and its hardened twin, scans both as the
// pipeline does, and prints one JSON line with what it saw.
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, type DaemonContext, type RunningDaemon } from './support/daemon.js';
import { scanPort } from './web-scan.js';

export const GUEST_ON = '127.23.7.1';
export const GUEST_OFF = '127.23.7.2';
/** Synthetic patient-like file names planted in the share; none may appear in any output. */
export const PLANTED = ['Befund_Quellmann_Ilse.pdf', 'Arztbrief_Birkholt_Jorin.docx', 'Roentgen_Tannwald_Odila.dcm'];

function smbConf(ctx: DaemonContext, guest: boolean): string {
  const d = (n: string): string => {
    mkdirSync(join(ctx.dir, n), { recursive: true });
    return join(ctx.dir, n);
  };
  const share = d('Befunde');
  for (const name of PLANTED) writeFileSync(join(share, name), 'synthetic\n');
  chmodSync(ctx.dir, 0o755); // the guest account (nobody) must reach the share
  return `[global]
  interfaces = ${ctx.host}
  bind interfaces only = yes
  smb ports = ${ctx.port}
  disable netbios = yes
  server role = standalone server
  private dir = ${d('private')}
  lock directory = ${d('lock')}
  state directory = ${d('state')}
  cache directory = ${d('cache')}
  pid directory = ${d('pid')}
  ncalrpc dir = ${d('ncalrpc')}
  log file = ${join(ctx.dir, 'smbd.log')}
  passdb backend = tdbsam:${join(ctx.dir, 'private', 'passdb.tdb')}
  load printers = no
  printcap name = /dev/null
  disable spoolss = yes
  guest account = nobody
${guest ? '  map to guest = bad user\n' : '  map to guest = never\n  restrict anonymous = 2\n'}
[Befunde]
  path = ${share}
  read only = yes
  guest ok = ${guest ? 'yes' : 'no'}
`;
}

function startSmbd(name: string, host: string, guest: boolean): Promise<RunningDaemon> {
  return startDaemon({
    name,
    binary: 'smbd',
    host,
    // 445 in the namespace of its own: smbd answers nothing but a complete SMB frame, so on an odd
    // port identification gives up (two silent asks) before the SMB probe; on 445 it goes first.
    port: 445,
    logFile: 'smbd.log',
    prepare: (ctx) => writeFileSync(join(ctx.dir, 'smb.conf'), smbConf(ctx, guest)),
    args: ({ dir }) => ['-F', '--no-process-group', '--debug-stdout', '-d', '1', '-s', join(dir, 'smb.conf')],
  });
}

/**
 * smbd starts samba-dcerpcd and its rpcd_* workers on demand (share enumeration), and they
 * leave smbd's process group, so stopping the daemon misses them. They are found by their
 * --configfile in the daemon's throwaway dir and ended by pid.
 */
function stopRpcHelpers(dir: string): void {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmdline.includes(`--configfile=${join(dir, 'smb.conf')}`)) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

async function stop(d: RunningDaemon): Promise<void> {
  stopRpcHelpers(d.dir);
  await d.stop();
}

const on = await startSmbd('smbd (guest share)', GUEST_ON, true);
const off = await startSmbd('smbd (guest off, restrict anonymous = 2)', GUEST_OFF, false);
try {
  const result = { guestOn: await scanPort(on.host, on.port), guestOff: await scanPort(off.host, off.port) };
  console.log(JSON.stringify(result));
} finally {
  await stop(on);
  await stop(off);
}
