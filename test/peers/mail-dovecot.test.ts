import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailPlaintextAuth } from '../../src/checks/mail/plaintext-auth.js';
import { peerAvailable, startAll } from './support/daemon.js';
import { startDovecotPeer, type DovecotPeer } from './support/dovecot-peer.js';
import { bilingualEvidence, expectFinding, expectNoFinding } from './support/run-check.js';

describe.skipIf(!peerAvailable('dovecot', 'dovecot-imapd dovecot-pop3d'))('mail.plaintext-auth against dovecot', () => {
  let open: DovecotPeer;
  let fixed: DovecotPeer;

  beforeAll(async () => {
    [open, fixed] = await startAll([startDovecotPeer('127.21.8.1', true), startDovecotPeer('127.21.8.2', false)]);
  });
  afterAll(async () => {
    await Promise.all([open?.stop(), fixed?.stop()]);
  });

  it('plaintext auth allowed: IMAP and POP3 on random ports identified and reported, nobody logged in', async () => {
    const imap = await expectFinding(mailPlaintextAuth, open.host, open.port, 'imap');
    expect(bilingualEvidence(imap)).toEqual({
      de: 'IMAP bietet Passwort-Anmeldung ohne TLS an: LOGIN-Befehl, PLAIN, LOGIN (gar kein STARTTLS)',
      en: 'IMAP offers password login without TLS: LOGIN command, PLAIN, LOGIN (no STARTTLS at all)',
    });
    const pop3 = await expectFinding(mailPlaintextAuth, open.host, open.pop3Port, 'pop3');
    expect(bilingualEvidence(pop3).en).toMatch(/^POP3 offers password login without TLS: USER\/PASS, PLAIN, LOGIN \(no STARTTLS at all\)$/);
    expect(bilingualEvidence(pop3).de).toMatch(/^POP3 bietet Passwort-Anmeldung ohne TLS an: USER\/PASS, PLAIN, LOGIN \(gar kein STARTTLS\)$/);
    expect(open.logTail()).not.toMatch(/auth failed|Aborted login.*user=<[^>]/);
  });

  it('disable_plaintext_auth = yes with STARTTLS (fixed twin): LOGINDISABLED, no finding on either port', async () => {
    await expectNoFinding(mailPlaintextAuth, fixed.host, fixed.port, 'imap');
    await expectNoFinding(mailPlaintextAuth, fixed.host, fixed.pop3Port, 'pop3');
  });
});
