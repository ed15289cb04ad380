import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { mailPlaintextAuth } from '../../../src/checks/mail/plaintext-auth.js';
import { closeAfterEach, startTcpServer, testCert } from '../../identify/tcp-fixtures.js';
import { checkContext } from '../context.js';

const HOST = '127.21.17.1';
const track = closeAfterEach();
const target = (port: number, name: string) => ({ host: HOST, port, service: { name, tls: false } });

/** A real SMTP server (smtp-server): AUTH before STARTTLS only when allowInsecureAuth is set. */
function startSmtp(allowInsecureAuth: boolean) {
  let logins = 0;
  const server = new SMTPServer({
    ...testCert(),
    allowInsecureAuth,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth: (_auth, _session, cb) => {
      logins++;
      cb(new Error('no'));
    },
  });
  return new Promise<{ port: number; logins: () => number; close(): Promise<void> }>((resolve) => {
    server.listen(0, HOST, () =>
      resolve({
        port: (server.server.address() as AddressInfo).port,
        logins: () => logins,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    );
  });
}

/** Line-oriented IMAP/POP3 stand-ins: a greeting, then a fixed answer per command word. */
function startDialog(greeting: string, answers: Record<string, string>) {
  return startTcpServer(HOST, (socket) => {
    socket.write(greeting);
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let newline: number;
      while ((newline = pending.indexOf('\n')) !== -1) {
        const line = pending.slice(0, newline).trim();
        pending = pending.slice(newline + 1);
        const [first = '', second = ''] = line.split(' ');
        const tag = /^[A-Za-z]+\d+$/.test(first) && second ? first : '';
        const command = (tag ? second : first).toUpperCase();
        const answer = answers[command];
        if (answer !== undefined) socket.write(answer.replaceAll('TAG', tag));
      }
    });
  });
}

describe('mail.plaintext-auth', () => {
  it('SMTP advertising AUTH PLAIN LOGIN before STARTTLS: finding, and no login attempted', async () => {
    const smtp = await track(startSmtp(true));
    expect(await mailPlaintextAuth.run(target(smtp.port, 'smtp'), checkContext())).toEqual([
      {
        evidence: {
          de: 'SMTP bietet Passwort-Anmeldung ohne TLS an: PLAIN, LOGIN (STARTTLS angeboten, aber nicht verlangt)',
          en: 'SMTP offers password login without TLS: PLAIN, LOGIN (STARTTLS offered but not required)',
        },
        personalData: false,
        key: 'smtp',
      },
    ]);
    expect(smtp.logins()).toBe(0);
  });

  it('SMTP fixed twin: AUTH advertised but refused before STARTTLS (538) → no finding', async () => {
    const smtp = await track(startSmtp(false));
    expect(await mailPlaintextAuth.run(target(smtp.port, 'smtp'), checkContext())).toEqual([]);
  });

  it('IMAP without LOGINDISABLED and with AUTH=PLAIN: finding', async () => {
    const imap = await track(startDialog('* OK IMAP4rev1 ready\r\n', {
      CAPABILITY: '* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN\r\nTAG OK done\r\n',
      LOGOUT: '* BYE\r\nTAG OK\r\n',
    }));
    expect((await mailPlaintextAuth.run(target(imap.port, 'imap'), checkContext()))[0]?.evidence).toEqual({
      de: 'IMAP bietet Passwort-Anmeldung ohne TLS an: LOGIN-Befehl, PLAIN (STARTTLS angeboten, aber nicht verlangt)',
      en: 'IMAP offers password login without TLS: LOGIN command, PLAIN (STARTTLS offered but not required)',
    });
  });

  it('IMAP fixed twin: LOGINDISABLED and no AUTH= before STARTTLS → no finding', async () => {
    const imap = await track(startDialog('* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n', {
      CAPABILITY: '* CAPABILITY IMAP4rev1 SASL-IR STARTTLS LOGINDISABLED\r\nTAG OK done\r\n',
    }));
    expect(await mailPlaintextAuth.run(target(imap.port, 'imap'), checkContext())).toEqual([]);
  });

  it('POP3 CAPA with USER and SASL PLAIN without STLS: finding', async () => {
    const pop = await track(startDialog('+OK POP3 ready\r\n', { CAPA: '+OK\r\nTOP\r\nUSER\r\nSASL PLAIN LOGIN\r\nUIDL\r\n.\r\n' }));
    expect((await mailPlaintextAuth.run(target(pop.port, 'pop3'), checkContext()))[0]?.evidence).toEqual({
      de: 'POP3 bietet Passwort-Anmeldung ohne TLS an: USER/PASS, PLAIN, LOGIN (gar kein STARTTLS)',
      en: 'POP3 offers password login without TLS: USER/PASS, PLAIN, LOGIN (no STARTTLS at all)',
    });
  });

  it('POP3 fixed twin: only STLS before TLS → no finding', async () => {
    const pop = await track(startDialog('+OK POP3 ready\r\n', { CAPA: '+OK\r\nTOP\r\nSTLS\r\nUIDL\r\n.\r\n' }));
    expect(await mailPlaintextAuth.run(target(pop.port, 'pop3'), checkContext())).toEqual([]);
  });

  it('a server that floods, stalls mid-reply or is not mail ends quietly within the limits', async () => {
    const flood = await track(startTcpServer(HOST, (socket) => {
      const t = setInterval(() => socket.write('250-AUTH PLAIN\r\n'.repeat(100)), 1);
      socket.on('close', () => clearInterval(t));
    }));
    expect(await mailPlaintextAuth.run(target(flood.port, 'smtp'), checkContext({ timeoutMs: 1_000 }))).toEqual([]);
    const stall = await track(startDialog('* OK ready\r\n', { CAPABILITY: '* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n' }));
    const started = Date.now();
    expect(await mailPlaintextAuth.run(target(stall.port, 'imap'), checkContext({ timeoutMs: 300 }))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('does not apply to TLS-wrapped mail (IMAPS, SMTPS) or other services', () => {
    expect(mailPlaintextAuth.appliesTo({ host: HOST, port: 993, service: { name: 'imap', tls: true } })).toBe(false);
    expect(mailPlaintextAuth.appliesTo(target(21, 'ftp'))).toBe(false);
  });
});
