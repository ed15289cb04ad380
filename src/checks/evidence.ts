import type { Lang, Localized } from '../core/types.js';

/** The evidence text in the reader's language; a plain string reads the same in both. */
export function evidenceIn(evidence: string | Localized, lang: Lang): string {
  return typeof evidence === 'string' ? evidence : evidence[lang];
}
