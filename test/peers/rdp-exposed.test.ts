import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rdpExposed } from '../../src/checks/rdp/exposed.js';
import { peerAvailable, startDaemon, type RunningDaemon } from './support/daemon.js';
import { bilingualEvidence, identifyAndRun } from './support/run-check.js';

// xrdp (Debian package xrdp, installed with --no-install-recommends) as the RDP peer, once with
// standard RDP security and once negotiating TLS; a php -S web server as the non-RDP control.
// xrdp keeps a fixed pid file, so the two configurations run one after the other.
const HOST = '127.23.9.1';

function startXrdp(securityLayer: 'rdp' | 'negotiate'): Promise<RunningDaemon> {
  return startDaemon({
    name: `xrdp (security_layer=${securityLayer})`,
    binary: 'xrdp',
    host: HOST,
    // 3389 on our own address: xrdp answers nothing but a complete TPKT frame, so on an odd port
    // identification gives up (two silent asks) before the RDP probe; on 3389 it goes first.
    port: 3389,
    logFile: 'xrdp.log',
    prepare: ({ dir, host, port }) => {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-subj', '/CN=praxis-rdp', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], {
        stdio: 'ignore',
      });
      writeFileSync(
        join(dir, 'xrdp.ini'),
        `[Globals]\nini_version=1\nfork=false\nport=tcp://${host}:${port}\nsecurity_layer=${securityLayer}\ncrypt_level=high\n` +
          `certificate=${join(dir, 'cert.pem')}\nkey_file=${join(dir, 'key.pem')}\nssl_protocols=TLSv1.2, TLSv1.3\n` +
          `[Logging]\nLogFile=${join(dir, 'xrdp.log')}\nLogLevel=INFO\nEnableSyslog=false\n` +
          '[Xorg]\nname=Xorg\nlib=libxup.so\nusername=ask\npassword=ask\nip=127.0.0.1\nport=-1\ncode=20\n',
      );
    },
    args: ({ dir }) => ['-n', '-c', join(dir, 'xrdp.ini')],
  });
}

describe.skipIf(!peerAvailable('xrdp'))('rdp.exposed against xrdp', () => {
  it.each([
    ['rdp', 'selected standard RDP security: no Network Level Authentication required'],
    ['negotiate', 'selected TLS: no Network Level Authentication required'],
  ] as const)('security_layer=%s: identified as rdp on 3389, X.224 confirm reported', async (layer, expected) => {
    const xrdp = await startXrdp(layer);
    try {
      const { service, drafts } = await identifyAndRun(rdpExposed, xrdp.host, xrdp.port);
      expect(service.name, xrdp.logTail()).toBe('rdp');
      expect(drafts.map((d) => bilingualEvidence(d).en)).toEqual([`RDP answers (X.224 Connection Confirm), ${expected}`]);
      expect(bilingualEvidence(drafts[0]!).de).toMatch(/^RDP antwortet \(X\.224 Connection Confirm\), Server wählt (?:Standard-RDP-Sicherheit|TLS): keine Network Level Authentication verlangt$/);
    } finally {
      await xrdp.stop();
    }
  });

  it.skipIf(!peerAvailable('php', 'php-cli'))('a web server on the port (no RDP) produces nothing, even when asked directly', async () => {
    const web = await startDaemon({ name: 'php -S', binary: 'php', host: '127.23.9.2', args: ({ host, port, dir }) => ['-S', `${host}:${port}`, '-t', dir] });
    try {
      const { service, drafts } = await identifyAndRun(rdpExposed, web.host, web.port);
      expect(service.name).toBe('http');
      expect(drafts).toEqual([]);
      expect(await rdpExposed.run({ host: web.host, port: web.port, service: { name: 'rdp', tls: false } }, { timeoutMs: 3000, maxBytes: 65536, expectedHttpsPorts: new Set(), signal: new AbortController().signal })).toEqual([]);
    } finally {
      await web.stop();
    }
  });
});
