import type { Localized } from '../../core/types.js';
import type { Check } from '../types.js';
import { INCIDENTS } from '../incidents.js';
import { imapOffer, pop3Offer, smtpOffer, type PlaintextOffer } from './dialogs.js';
import { openLineSession, type LineSession } from './line-session.js';

const REPLY_MAX_BYTES = 16 * 1024;
const DIALOGS: Record<string, (s: LineSession) => Promise<PlaintextOffer | null>> = {
  smtp: smtpOffer,
  imap: imapOffer,
  pop3: pop3Offer,
};

/**
 * mail.plaintext-auth — an IMAP, POP3 or SMTP server offers password login on an unencrypted
 * connection: mailbox passwords (often the practice's e-mail with patient letters) cross the
 * network readable.
 *
 * Proof: the server's own capability list before any TLS — IMAP CAPABILITY without
 * LOGINDISABLED or with AUTH=PLAIN/LOGIN, POP3 CAPA with USER or SASL PLAIN/LOGIN, SMTP EHLO with
 * AUTH before STARTTLS. Nothing is logged in: no user name or password is ever sent.
 *
 * Sample evidence: "IMAP offers password login without TLS: LOGIN command, PLAIN (STARTTLS offered but not required)"
 * (de: "IMAP bietet Passwort-Anmeldung ohne TLS an: LOGIN-Befehl, PLAIN (STARTTLS angeboten, aber nicht verlangt)")
 */
export const mailPlaintextAuth: Check = {
  meta: {
    id: 'mail.plaintext-auth',
    severity: 'medium',
    title: { de: 'Mailserver erlaubt Passwort-Anmeldung ohne Verschlüsselung', en: 'Mail server allows password login without encryption' },
    description: {
      de: 'Der IMAP-, POP3- oder SMTP-Dienst bietet die Anmeldung mit Passwort auf einer unverschlüsselten Verbindung an: Zugangsdaten und Nachrichten können unterwegs mitgelesen werden.',
      en: 'The IMAP, POP3 or SMTP service offers password login on an unencrypted connection: credentials and messages can be read in transit.',
    },
    remediation: {
      de: 'Anmeldung nur nach TLS zulassen (Dovecot: ssl = required, auth_allow_cleartext = no bzw. disable_plaintext_auth = yes; Postfix: smtpd_tls_auth_only = yes), bevorzugt die TLS-Ports 993, 995 und 465 nutzen und Klartext-Ports nicht freigeben.',
      en: 'Allow login only after TLS (Dovecot: ssl = required, auth_allow_cleartext = no or disable_plaintext_auth = yes; Postfix: smtpd_tls_auth_only = yes), prefer the TLS ports 993, 995 and 465 and do not expose plaintext ports.',
    },
    cwe: [319, 523],
    kbv: ['topic/encryption-in-transit'],
    incidents: [INCIDENTS.docCirrus2020],
    intrusive: false,
  },

  appliesTo: (target) => !target.service.tls && target.service.name in DIALOGS,

  async run(target, ctx) {
    const dialog = DIALOGS[target.service.name];
    if (!dialog) return [];
    const session = openLineSession(target.host, target.port, {
      timeoutMs: ctx.timeoutMs,
      maxBytes: Math.min(ctx.maxBytes, REPLY_MAX_BYTES),
      signal: ctx.signal,
    });
    try {
      const offer = await dialog(session);
      if (!offer || offer.mechanisms.length === 0) return [];
      return [
        {
          evidence: offerEvidence(offer),
          personalData: false,
          key: offer.protocol.toLowerCase(),
        },
      ];
    } finally {
      session.close();
    }
  },
};

/** Mechanism names are the protocol's own words; only our description of a plain command is translated. */
const MECHANISM_DE: Record<string, string> = { 'LOGIN command': 'LOGIN-Befehl' };

function offerEvidence(offer: PlaintextOffer): Localized {
  const mechanismsDe = offer.mechanisms.map((m) => MECHANISM_DE[m] ?? m).join(', ');
  return {
    de: `${offer.protocol} bietet Passwort-Anmeldung ohne TLS an: ${mechanismsDe} (${offer.starttls ? 'STARTTLS angeboten, aber nicht verlangt' : 'gar kein STARTTLS'})`,
    en: `${offer.protocol} offers password login without TLS: ${offer.mechanisms.join(', ')} (${offer.starttls ? 'STARTTLS offered but not required' : 'no STARTTLS at all'})`,
  };
}
