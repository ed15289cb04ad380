import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTlsWeak } from '../../src/checks/tls/weak.js';
import { createSelfSignedCert } from '../../src/lab/self-signed-cert.js';
import { peerAvailable, type RunningDaemon } from './support/daemon.js';
import { opensslCertificate, startNginx } from './support/nginx-peer.js';
import { peerContext } from './support/run-check.js';
import { aboveInfo, scanPort } from './web-scan.js';

// Debian's nginx-light: a web root that is a git checkout with its .env (the classic deploy
// mistake), stub_status open, and TLS servers with TLS 1.0 + an expired certificate vs TLS 1.2+.
const LEAKY = '127.23.10.1';
const FIXED = '127.23.10.2';
const TLS_OLD = '127.23.10.3';
const TLS_NEW = '127.23.10.4';
const DB_PASSWORD = 'nginx-peer-synthetic-pw-4711';
const ENV_FILE = `APP_ENV=prod\nAPP_SECRET=0123456789abcdef0123456789abcdef\nDATABASE_URL=mysql://app:${DB_PASSWORD}@10.0.0.5:3306/praxis\n`;

function webRoot(dir: string): string {
  const root = join(dir, 'www');
  mkdirSync(join(root, '.git'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<html><head><title>Praxis Dr. Beispiel</title></head><body>Willkommen</body></html>');
  writeFileSync(join(root, '.env'), ENV_FILE);
  writeFileSync(join(root, '.git', 'config'), '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n');
  writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  return root;
}

describe.skipIf(!peerAvailable('nginx', 'nginx-light'))('web leaks and TLS against nginx', () => {
  let leaky: RunningDaemon;
  let fixed: RunningDaemon;
  let tlsOld: RunningDaemon;
  let tlsNew: RunningDaemon;

  beforeAll(async () => {
    leaky = await startNginx('nginx (dot files served, stub_status open)', LEAKY, () => '    location = /nginx_status { stub_status; }', webRoot);
    fixed = await startNginx('nginx (dot files denied)', FIXED, () => '    location ~ /\\. { deny all; }\n    location = /nginx_status { deny all; }', webRoot);
    tlsOld = await startNginx('nginx (TLS 1.0, expired certificate)', TLS_OLD, ({ dir }) => {
      const expired = createSelfSignedCert('alte-praxis-box', [TLS_OLD], 0);
      writeFileSync(join(dir, 'old.crt'), expired.cert);
      writeFileSync(join(dir, 'old.key'), expired.key);
      return `    ssl_certificate ${join(dir, 'old.crt')}; ssl_certificate_key ${join(dir, 'old.key')};\n    ssl_protocols TLSv1 TLSv1.1 TLSv1.2;\n    ssl_ciphers ALL:@SECLEVEL=0;`;
    }, webRoot);
    tlsNew = await startNginx('nginx (TLS 1.2+, valid openssl certificate)', TLS_NEW, ({ dir }) => {
      return `${opensslCertificate(dir, TLS_NEW, 'new')}\n    ssl_protocols TLSv1.2 TLSv1.3;\n    location ~ /\\. { deny all; }`;
    }, webRoot);
  });
  afterAll(async () => {
    await Promise.all([leaky, fixed, tlsOld, tlsNew].map((d) => d?.stop()));
  });

  it('dot files served: .env (critical, masked), .git (high) and stub_status are found', async () => {
    const { service, findings } = await scanPort(leaky.host, leaky.port);
    expect(service).toMatchObject({ name: 'http', tls: false, product: 'nginx' });
    const byCheck = new Map(findings.map((f) => [f.checkId, f]));
    expect([...byCheck.keys()].sort()).toEqual(['http.debug-endpoint', 'http.env-file', 'http.git-config']);
    expect(byCheck.get('http.env-file')).toMatchObject({ severity: 'critical', key: '/.env' });
    expect(byCheck.get('http.env-file')?.evidence).toContain(`DATABASE_URL=my…(${`mysql://app:${DB_PASSWORD}@10.0.0.5:3306/praxis`.length})`);
    expect(byCheck.get('http.git-config')).toMatchObject({ severity: 'high' });
    expect(byCheck.get('http.debug-endpoint')?.key).toBe('/nginx_status');
    expect(JSON.stringify(findings)).not.toContain(DB_PASSWORD);
  });

  it('fixed twin: dot files denied, stub_status closed: nothing above info', async () => {
    const { service, findings } = await scanPort(fixed.host, fixed.port);
    expect(service.name).toBe('http');
    expect(aboveInfo(findings)).toEqual([]);
  });

  it('TLS 1.0/1.1 accepted and the expired certificate are reported', async () => {
    const { service, findings } = await scanPort(tlsOld.host, tlsOld.port);
    expect(service).toMatchObject({ name: 'http', tls: true });
    const tls = findings.filter((f) => f.checkId === 'tls.weak').map((f) => [f.key, f.evidence]);
    expect(tls).toEqual([
      ['protocol', 'accepts TLSv1, TLSv1.1 (deprecated since RFC 8996)'],
      ['expired', expect.stringMatching(/^certificate expired on /)],
    ]);
  });

  it('fixed twin: TLS 1.2+ with a current certificate: nothing above info on a practice address', async () => {
    const { service, findings } = await scanPort(tlsNew.host, tlsNew.port);
    expect(service).toMatchObject({ name: 'http', tls: true });
    // HTTPS on a random test port is rightly http.unexpected-https-port; everything else must be quiet.
    expect(aboveInfo(findings.filter((f) => f.checkId !== 'http.unexpected-https-port'))).toEqual([]);
  });

  it('the same openssl certificate counts as self-signed on a public service (and only that)', async () => {
    const check = createTlsWeak({ isPublicAddress: () => true });
    const drafts = await check.run({ host: tlsNew.host, port: tlsNew.port, service: { name: 'http', tls: true } }, peerContext());
    expect(drafts.map((d) => d.key)).toEqual(['self-signed']);
  });
});
