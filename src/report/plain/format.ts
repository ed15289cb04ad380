/** Small formatting helpers both halves of the plain report use. */
import { findCheck } from '../../checks/registry.js';
import type { Lang } from '../../core/types.js';
import { formatBerlin } from '../../respond/berlin-time.js';

/** A stored ISO time as a practice reads it (Berlin time); an unreadable value as it is. */
export function when(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatBerlin(d, lang);
}

/** The catalogue title in the report's language; the stored title for checks this version does not know. */
export function findingTitle(checkId: string, stored: string, lang: Lang): string {
  return findCheck(checkId)?.meta.title[lang] ?? stored;
}
