import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendEmail } from '../../src/watch/email.js';
import { sendWebhook } from '../../src/watch/webhook.js';
import { startSmtpReceiver, startWebhookReceiver, type SmtpReceiver } from './receivers.js';

const SMTP_HOST = '127.14.21.1';
const HOOK_HOST = '127.14.22.1';
const PASSWORD = 'smtp-test-password';

describe('e-mail delivery over SMTP', () => {
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await startSmtpReceiver(SMTP_HOST, PASSWORD);
  });
  afterAll(() => smtp?.stop());

  it('sends over STARTTLS with login and verifies the server certificate', async () => {
    const outcome = await sendEmail(
      { url: smtp.url, from: 'praxiswache@praxis.example', ca: smtp.ca, timeoutMs: 5_000 },
      ['it@praxis.example'],
      { subject: '[praxiswache] Test', text: 'Neuer offener Port 127.77.1.1:444\n' },
    );
    expect(outcome).toMatchObject({ ok: true, channel: 'email' });
    expect(outcome.target).not.toContain(PASSWORD);
    expect(outcome.target).toContain('sm…(18)');
    const mail = smtp.mails.at(-1);
    expect(mail).toMatchObject({ to: ['it@praxis.example'], user: 'praxis', secure: true });
    expect(mail?.raw).toContain('Subject: [praxiswache] Test');
  });

  it('fails (and says why) with a wrong password or an untrusted certificate', async () => {
    const wrong = smtp.url.replace(encodeURIComponent(PASSWORD), 'wrong');
    const bad = await sendEmail({ url: wrong, from: 'a@b.example', ca: smtp.ca, timeoutMs: 5_000 }, ['it@praxis.example'], { subject: 's', text: 't' });
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/auth|login|535/i);
    const untrusted = await sendEmail({ url: smtp.url, from: 'a@b.example', timeoutMs: 5_000 }, ['it@praxis.example'], { subject: 's', text: 't' });
    expect(untrusted.ok).toBe(false);
    expect(untrusted.error).toMatch(/certificate/i);
  });
});

describe('webhook delivery', () => {
  it('signs the body with HMAC-SHA256 and retries until a receiver that fails twice accepts', async () => {
    const receiver = await startWebhookReceiver(HOOK_HOST, { failFirst: 2 });
    try {
      const payload = { event: 'praxiswache.alert', kind: 'change', findingIds: [7] };
      const outcome = await sendWebhook({ url: receiver.url, secret: 'hook-secret' }, 'alert.change', payload, { attempts: 4, backoffMs: 50 });
      expect(outcome).toMatchObject({ ok: true, attempts: 3 });
      expect(receiver.attempts).toBe(3);
      expect(receiver.hooks).toHaveLength(1);
      const hook = receiver.hooks[0]!;
      expect(JSON.parse(hook.body)).toEqual(payload);
      const expected = `sha256=${createHmac('sha256', 'hook-secret').update(hook.body).digest('hex')}`;
      expect(hook.headers['x-praxiswache-signature']).toBe(expected);
      expect(hook.headers['content-type']).toBe('application/json');
    } finally {
      await receiver.stop();
    }
  });

  it('gives up after the attempts and times out a receiver that does not answer', async () => {
    const failing = await startWebhookReceiver(HOOK_HOST, { failFirst: 99 });
    const slow = await startWebhookReceiver(HOOK_HOST, { delayMs: 5_000 });
    try {
      const down = await sendWebhook({ url: failing.url, secret: 's' }, 'alert.change', {}, { attempts: 3, backoffMs: 10 });
      expect(down).toMatchObject({ ok: false, attempts: 3, error: 'HTTP 503' });
      expect(failing.attempts).toBe(3);
      const started = Date.now();
      const timedOut = await sendWebhook({ url: slow.url, secret: 's' }, 'alert.change', {}, { attempts: 2, backoffMs: 10, timeoutMs: 300 });
      expect(timedOut.ok).toBe(false);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await failing.stop();
      await slow.stop();
    }
  });
});
