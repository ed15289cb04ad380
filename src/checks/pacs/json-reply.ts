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
