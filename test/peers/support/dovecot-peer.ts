import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSelfSignedCert } from '../../../src/lab/self-signed-cert.js';
import { freePort, portAccepts, startDaemon, type RunningDaemon } from './daemon.js';

export interface DovecotPeer extends RunningDaemon {
  /** `port` is IMAP (143-style, STARTTLS); this is POP3 on the same address. */
  pop3Port: number;
}

/**
 * A real Dovecot (IMAP and POP3 in clear, on one 127/8 address, two free ports) in the
 * foreground. `plaintextAuth: true` is the exposure (ssl = no, disable_plaintext_auth = no);
 * false is the fixed twin (STARTTLS with a self-signed certificate, disable_plaintext_auth = yes).
 */
export async function startDovecotPeer(host: string, plaintextAuth: boolean): Promise<DovecotPeer> {
  const pop3Port = await freePort(host);
  const daemon = await startDaemon({
    name: `dovecot (${plaintextAuth ? 'plaintext auth' : 'TLS required'})`,
    binary: 'dovecot',
    host,
    logFile: 'dovecot.log',
    prepare: ({ dir, port }) => {
      for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub));
      const tls = plaintextAuth ? ['ssl = no'] : tlsSettings(dir, host);
      writeFileSync(join(dir, 'users'), 'praxis:{PLAIN}Pr4xis-geheim-2026::::::\n');
      writeFileSync(
        join(dir, 'dovecot.conf'),
        [
          `base_dir = ${join(dir, 'run')}`, `state_dir = ${join(dir, 'state')}`, `log_path = ${join(dir, 'dovecot.log')}`,
          'protocols = imap pop3', `listen = ${host}`, ...tls,
          `disable_plaintext_auth = ${plaintextAuth ? 'no' : 'yes'}`, 'auth_mechanisms = plain login',
          'default_internal_user = dovecot', 'default_login_user = dovenull',
          `passdb {\n  driver = passwd-file\n  args = ${join(dir, 'users')}\n}`,
          `userdb {\n  driver = static\n  args = uid=nobody gid=nogroup home=${join(dir, 'mail')}/%u\n}`,
          `mail_location = maildir:${join(dir, 'mail')}/%u`,
          `service imap-login {\n  inet_listener imap {\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
          `service pop3-login {\n  inet_listener pop3 {\n    port = ${pop3Port}\n  }\n  inet_listener pop3s {\n    port = 0\n  }\n}`,
          '',
        ].join('\n'),
      );
    },
    args: ({ dir }) => ['-F', '-c', join(dir, 'dovecot.conf')],
    ready: async () => portAccepts(host, pop3Port),
  });
  return { ...daemon, pop3Port };
}

function tlsSettings(dir: string, host: string): string[] {
  const cert = createSelfSignedCert('praxiswache peer', [host]);
  writeFileSync(join(dir, 'cert.pem'), cert.cert);
  writeFileSync(join(dir, 'key.pem'), cert.key, { mode: 0o600 });
  return ['ssl = yes', `ssl_cert = <${join(dir, 'cert.pem')}`, `ssl_key = <${join(dir, 'key.pem')}`];
}
