/**
 * Alert webhooks: a JSON POST signed with HMAC-SHA256 over the exact body bytes, retried with
 * exponential backoff on network errors, timeouts, 429 and 5xx. Receivers verify
 *   X-Praxiswache-Signature: sha256=<hex HMAC-SHA256(secret, body)>
 * and may drop repeats by X-Praxiswache-Delivery (the same id on every retry).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { request } from 'undici';
import type { DeliveryOutcome } from '../store/alerts.js';
import type { WebhookContact } from '../store/sites.js';
import { maskUrl } from '../store/mask.js';

export interface WebhookOptions {
  attempts?: number;
  /** Wait before the 2nd attempt; doubles each time. */
  backoffMs?: number;
  /** Whole request, per attempt. */
  timeoutMs?: number;
}

const MAX_RESPONSE_BYTES = 16 * 1024;

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function sendWebhook(hook: WebhookContact, event: string, payload: unknown, opts: WebhookOptions = {}): Promise<DeliveryOutcome> {
  const attempts = Math.max(1, opts.attempts ?? 4);
  const backoffMs = opts.backoffMs ?? 1_000;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const body = JSON.stringify(payload);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'praxiswache-webhook',
    'x-praxiswache-event': event,
    'x-praxiswache-delivery': randomUUID(),
    'x-praxiswache-signature': signBody(hook.secret, body),
  };
  let lastError = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await new Promise((r) => setTimeout(r, backoffMs * 2 ** (attempt - 2)));
    try {
      const res = await request(hook.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      await res.body.dump({ limit: MAX_RESPONSE_BYTES }).catch(() => {});
      if (res.statusCode >= 200 && res.statusCode < 300) return { channel: 'webhook', target: maskUrl(hook.url), ok: true, attempts: attempt };
      lastError = `HTTP ${res.statusCode}`;
      if (res.statusCode < 500 && res.statusCode !== 429) break; // the receiver rejects it: retrying will not help
    } catch (err) {
      lastError = (err as Error).message.slice(0, 300);
    }
  }
  return { channel: 'webhook', target: maskUrl(hook.url), ok: false, attempts, error: lastError };
}
