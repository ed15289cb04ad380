/**
 * Alert e-mail through SMTP with nodemailer: implicit TLS (smtps://, port 465) or STARTTLS
 * (smtp://, required unless told otherwise), optional login, a private CA for internal relays.
 */
import nodemailer from 'nodemailer';
import type { DeliveryOutcome } from '../store/alerts.js';
import { maskUrl } from '../store/mask.js';

export interface SmtpSettings {
  /** smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465 (TLS from the start). */
  url: string;
  from: string;
  /** 'required' (default): refuse to send without TLS; 'opportunistic'; 'off' for a local relay. */
  starttls?: 'required' | 'opportunistic' | 'off';
  /** PEM of a CA to trust in addition to the system's (internal mail relays). */
  ca?: string;
  timeoutMs?: number;
}

export async function sendEmail(settings: SmtpSettings, to: readonly string[], mail: { subject: string; text: string }): Promise<DeliveryOutcome> {
  const target = `${to.join(', ')} via ${maskUrl(settings.url)}`;
  const url = new URL(settings.url);
  const implicitTls = url.protocol === 'smtps:';
  const starttls = settings.starttls ?? 'required';
  const timeout = settings.timeoutMs ?? 20_000;
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : implicitTls ? 465 : 587,
    secure: implicitTls,
    requireTLS: !implicitTls && starttls === 'required',
    ignoreTLS: !implicitTls && starttls === 'off',
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    ...(settings.ca ? { tls: { ca: settings.ca } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  try {
    await transport.sendMail({ from: settings.from, to: [...to], subject: mail.subject, text: mail.text });
    return { channel: 'email', target, ok: true, attempts: 1 };
  } catch (err) {
    return { channel: 'email', target, ok: false, attempts: 1, error: (err as Error).message.slice(0, 300) };
  } finally {
    transport.close();
  }
}
