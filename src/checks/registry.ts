import { documentListing } from './http/document-listing.js';
import { unexpectedHttpsPort } from './http/unexpected-https-port.js';
import type { Check } from './types.js';

/** Every check, in catalogue order (DESIGN.md §4). A new check is one file plus one line here. */
export const ALL_CHECKS: readonly Check[] = [documentListing, unexpectedHttpsPort];

export function findCheck(id: string): Check | undefined {
  return ALL_CHECKS.find((c) => c.meta.id === id);
}
