import type { LineSession } from './line-session.js';

/** What a mail server offers before TLS: the password mechanisms usable in clear, and STARTTLS. */
export interface PlaintextOffer {
  protocol: 'SMTP' | 'IMAP' | 'POP3';
  /** Password logins a client may use on this unencrypted connection (empty = none). */
  mechanisms: string[];
  starttls: boolean;
}

const PASSWORD_MECHANISMS = ['PLAIN', 'LOGIN', 'CRAM-MD5', 'DIGEST-MD5', 'NTLM'];

const smtpReplyDone = (text: string): boolean => /(?:^|\r?\n)\d{3} [^\r\n]*\r?\n$/.test(text);
const popLineDone = (text: string): boolean => /\r?\n$/.test(text);
const popListDone = (text: string): boolean => /^-ERR[^\n]*\n$/.test(text) || /(?:^|\r?\n)\.\r?\n$/.test(text);

function saslMechanisms(words: string[]): string[] {
  return words.map((w) => w.toUpperCase()).filter((w) => PASSWORD_MECHANISMS.includes(w));
}

/** SMTP: greeting, EHLO; AUTH advertised before STARTTLS means passwords travel in clear. */
export async function smtpOffer(session: LineSession): Promise<PlaintextOffer | null> {
  const greeting = await session.reply(smtpReplyDone);
  if (!greeting?.startsWith('220')) return null;
  session.send('EHLO praxiswache.invalid');
  const ehlo = await session.reply(smtpReplyDone);
  if (!ehlo?.startsWith('250')) return null;
  const lines = ehlo.split(/\r?\n/).map((l) => l.slice(4).trim());
  const auth = lines.find((l) => /^AUTH[ =]/i.test(l));
  let mechanisms = auth ? saslMechanisms(auth.slice(5).split(/\s+/)) : [];
  // Some servers advertise AUTH in clear but answer it with "538 STARTTLS first": only a 334
  // challenge proves the login would proceed. "*" cancels it (RFC 4954) before any credential.
  const probe = mechanisms.find((m) => m === 'LOGIN' || m === 'PLAIN');
  if (probe) {
    session.send(`AUTH ${probe}`);
    const challenge = await session.reply(smtpReplyDone);
    if (challenge?.startsWith('334')) {
      session.send('*');
      await session.reply(smtpReplyDone);
    } else {
      mechanisms = [];
    }
  }
  session.send('QUIT');
  return { protocol: 'SMTP', mechanisms, starttls: lines.some((l) => /^STARTTLS$/i.test(l)) };
}

/** IMAP: without LOGINDISABLED the LOGIN command accepts a password in clear; AUTH=… too. */
export async function imapOffer(session: LineSession): Promise<PlaintextOffer | null> {
  const greeting = await session.reply((t) => /\r?\n/.test(t));
  if (!greeting || !/^\* (?:OK|PREAUTH)/i.test(greeting)) return null;
  session.send('pw1 CAPABILITY');
  const reply = await session.reply((t) => /(?:^|\r?\n)pw1 [^\r\n]*\r?\n$/.test(t));
  session.send('pw2 LOGOUT');
  if (!reply || !/(?:^|\n)pw1 OK/i.test(reply)) return null;
  const capabilities = (/^\* CAPABILITY ([^\r\n]*)/im.exec(reply)?.[1] ?? '').split(/\s+/).map((c) => c.toUpperCase());
  const mechanisms = saslMechanisms(capabilities.filter((c) => c.startsWith('AUTH=')).map((c) => c.slice(5)));
  if (!capabilities.includes('LOGINDISABLED')) mechanisms.unshift('LOGIN command');
  return { protocol: 'IMAP', mechanisms, starttls: capabilities.includes('STARTTLS') };
}

/** POP3: CAPA listing USER or SASL with a password mechanism before STLS. */
export async function pop3Offer(session: LineSession): Promise<PlaintextOffer | null> {
  const greeting = await session.reply(popLineDone);
  if (!greeting?.startsWith('+OK')) return null;
  session.send('CAPA');
  const reply = await session.reply(popListDone);
  session.send('QUIT');
  if (!reply?.startsWith('+OK')) return null;
  const lines = reply.split(/\r?\n/).slice(1).map((l) => l.trim().toUpperCase());
  const sasl = lines.find((l) => l.startsWith('SASL '));
  const mechanisms = sasl ? saslMechanisms(sasl.split(/\s+/).slice(1)) : [];
  if (lines.includes('USER')) mechanisms.unshift('USER/PASS');
  return { protocol: 'POP3', mechanisms, starttls: lines.includes('STLS') };
}
