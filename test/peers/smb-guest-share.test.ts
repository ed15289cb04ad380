import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, ServiceInfo } from '../../src/core/types.js';
import { peerAvailable } from './support/daemon.js';

// smbd binds only addresses present on an interface, so this suite gives it a network namespace
// of its own with 127.23.7.1/.2 on that namespace's loopback; smb-netns-run.ts runs inside it.
const root = join(import.meta.dirname, '..', '..');
const ns = `pw-cw-smb-${process.pid}`;
const PLANTED = ['Quellmann', 'Birkholt', 'Tannwald', 'Befunde'];

function canUseNetns(): boolean {
  const ok = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v ip']).status === 0;
  if (!ok && process.env.CI) throw new Error('the SMB peer needs root and iproute2 (ip netns) (CI is set: peer tests may not be skipped)');
  if (!ok) console.warn('SKIP smb peer: needs root and iproute2 (ip netns)');
  return ok;
}

interface Scan {
  service: ServiceInfo;
  findings: Finding[];
  skipped: string[];
}

const available = peerAvailable('smbd', 'samba') && peerAvailable('smbclient') && canUseNetns();

describe.skipIf(!available)('smb.guest-share against smbd (Samba)', () => {
  let result: { guestOn: Scan; guestOff: Scan };

  beforeAll(() => {
    execFileSync('ip', ['netns', 'add', ns]);
    execFileSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    for (const a of ['127.23.7.1/32', '127.23.7.2/32']) execFileSync('ip', ['-n', ns, 'addr', 'add', a, 'dev', 'lo']);
    const out = execFileSync('ip', ['netns', 'exec', ns, join(root, 'node_modules/.bin/vite-node'), join(import.meta.dirname, 'smb-netns-run.ts')], {
      encoding: 'utf8',
      timeout: 110_000,
      cwd: root,
    });
    result = JSON.parse(out.trim().split('\n').pop() ?? '{}') as typeof result;
  }, 120_000);
  afterAll(() => {
    spawnSync('ip', ['netns', 'del', ns]);
  });

  it('guest share: identified as SMB2, share list and a readable share with the guest session, names masked', () => {
    expect(result.guestOn.service).toMatchObject({ name: 'smb', product: 'SMB2' });
    const smb = result.guestOn.findings.filter((f) => f.checkId === 'smb.guest-share');
    expect(smb).toHaveLength(1);
    expect(smb[0]).toMatchObject({ severity: 'high', personalData: true });
    expect(smb[0]?.evidence).toMatch(/session lists 2 shares \(Be…\(7\), IPC\$\); readable without password: Be…\(7\) \(3 entries\)$/);
    const out = JSON.stringify(result);
    for (const name of PLANTED) expect(out).not.toContain(name);
  });

  it('guest off and restrict anonymous = 2 (fixed twin): still SMB, nothing above info', () => {
    expect(result.guestOff.service).toMatchObject({ name: 'smb' });
    expect(result.guestOff.skipped).toEqual([]);
    expect(result.guestOff.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});
