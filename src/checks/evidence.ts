import type { Lang, Localized } from '../core/types.js';
import { capEvidence } from './mask.js';

/** The evidence text in the reader's language; a plain string reads the same in both. */
export function evidenceIn(evidence: string | Localized, lang: Lang): string {
  return typeof evidence === 'string' ? evidence : evidence[lang];
}


/*
 * Building evidence in German and English from the same facts. German nouns do not just add an
 * "s", so every counted noun carries its own singular and plural per language.
 */

/** Singular and plural of a noun in both languages, e.g. { de: ['Dokument', 'Dokumente'], en: ['document', 'documents'] }. */
export type Noun = Readonly<Record<Lang, readonly [one: string, many: string]>>;

/** The noun in the number that fits n, without the number. */
export function nounFor(n: number, noun: Noun): Localized {
  const form = n === 1 ? 0 : 1;
  return { de: noun.de[form], en: noun.en[form] };
}

/** "1 document" / "3 Dokumente". */
export function counted(n: number, noun: Noun): Localized {
  const word = nounFor(n, noun);
  return { de: `${n} ${word.de}`, en: `${n} ${word.en}` };
}

/** Joins parts per language, e.g. signal names with ", " or two clauses with " and " / " und ". */
export function joinBoth(parts: readonly Localized[], separator: string | Localized): Localized {
  const sep = typeof separator === 'string' ? { de: separator, en: separator } : separator;
  return { de: parts.map((p) => p.de).join(sep.de), en: parts.map((p) => p.en).join(sep.en) };
}

/** The same text in both languages (names, paths, masked values). */
export const same = (text: string): Localized => ({ de: text, en: text });

/** Caps both languages: a hostile server must not inflate reports in either. */
export function capBoth(text: Localized): Localized {
  return { de: capEvidence(text.de), en: capEvidence(text.en) };
}

/** "3 Dateien" inside a sentence already written in one language. */
export function countedIn(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
