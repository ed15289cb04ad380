import type { HttpReply } from '../http-client.js';

/**
 * The JSON body of a 200 reply, or undefined (other status, cut short, not JSON). Web APIs of
 * PACS and FHIR servers are judged on their JSON structure, never on a status code alone: a
 * soft-404 page answers 200 to everything, but not with a CapabilityStatement.
 */
export function jsonOf(reply: HttpReply | null): unknown {
  if (reply?.status !== 200 || reply.truncated) return undefined;
  try {
    return JSON.parse(reply.body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "1 patient" / "3 patients", "1 study" / "4 studies". */
export function plural(n: number, word: string): string {
  if (n === 1) return `${n} ${word}`;
  return `${n} ${word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`}`;
}
