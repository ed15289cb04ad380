/** Delivers one message to every contact of a site: e-mail (one message) and each webhook. */
import type { DeliveryOutcome } from '../store/alerts.js';
import type { Site } from '../store/sites.js';
import { sendEmail, type SmtpSettings } from './email.js';
import { sendWebhook, type WebhookOptions } from './webhook.js';

/** What the channels carry: alert messages (messages.ts) and incident deadline reminders. */
export interface Deliverable {
  /** The webhook event is `alert.<kind>`. */
  kind: string;
  subject: string;
  text: string;
  payload: unknown;
}

export interface Notifier {
  deliver(site: Site, message: Deliverable): Promise<DeliveryOutcome[]>;
}

export interface NotifierOptions {
  smtp?: SmtpSettings;
  webhook?: WebhookOptions;
}

export function createNotifier(opts: NotifierOptions): Notifier {
  return {
    async deliver(site, message) {
      const jobs: Promise<DeliveryOutcome>[] = [];
      if (site.contacts.emails.length) {
        jobs.push(
          opts.smtp
            ? sendEmail(opts.smtp, site.contacts.emails, message)
            : Promise.resolve({ channel: 'email', target: site.contacts.emails.join(', '), ok: false, attempts: 0, error: 'no SMTP server configured (--smtp)' }),
        );
      }
      for (const hook of site.contacts.webhooks) jobs.push(sendWebhook(hook, `alert.${message.kind}`, message.payload, opts.webhook));
      return Promise.all(jobs);
    },
  };
}
