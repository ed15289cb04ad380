/**
 * The command-line flags for the alert channels (SMTP server, webhook attempts and time limit),
 * shared by `watch` and `incident remind` so both reach the same contacts the same way.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../core/types.js';
import { parseDuration } from './duration.js';
import type { SmtpSettings } from './email.js';
import { createNotifier, type Notifier } from './notify.js';

export interface DeliveryFlags {
  smtp?: string;
  smtpFrom?: string;
  smtpStarttls: string;
  smtpCa?: string;
  webhookAttempts: string;
  webhookTimeout: string;
}

export function addDeliveryOptions(cmd: Command): Command {
  return cmd
    .option('--smtp <url>', 'SMTP server for alert e-mail, smtp://user:pass@host:587 or smtps://…:465 (or $PRAXISWACHE_SMTP_URL)')
    .option('--smtp-from <address>', 'sender address (or $PRAXISWACHE_SMTP_FROM)')
    .option('--smtp-starttls <mode>', 'required | opportunistic | off (smtp:// only)', 'required')
    .option('--smtp-ca <file>', 'PEM file of a CA to trust for the SMTP server')
    .option('--webhook-attempts <n>', 'attempts per webhook delivery', '4')
    .option('--webhook-timeout <duration>', 'time limit per webhook attempt', '10s');
}

export function positiveInt(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${flag} ${text}: a positive whole number`);
  return Number(text);
}

export function smtpSettings(flags: DeliveryFlags): SmtpSettings | undefined {
  const url = flags.smtp ?? process.env.PRAXISWACHE_SMTP_URL;
  if (!url) return undefined;
  if (!/^smtps?:\/\//i.test(url)) throw new UsageError('--smtp: smtp://user:pass@host:587 (STARTTLS) or smtps://…:465 (TLS)');
  const starttls = flags.smtpStarttls;
  if (starttls !== 'required' && starttls !== 'opportunistic' && starttls !== 'off') throw new UsageError('--smtp-starttls: required, opportunistic or off');
  return {
    url,
    from: flags.smtpFrom ?? process.env.PRAXISWACHE_SMTP_FROM ?? 'praxiswache@localhost',
    starttls,
    ...(flags.smtpCa ? { ca: readFileSync(flags.smtpCa, 'utf8') } : {}),
  };
}

export function notifierFromFlags(flags: DeliveryFlags): Notifier {
  const smtp = smtpSettings(flags);
  return createNotifier({
    ...(smtp ? { smtp } : {}),
    webhook: { attempts: positiveInt('--webhook-attempts', flags.webhookAttempts), timeoutMs: parseDuration(flags.webhookTimeout) },
  });
}
