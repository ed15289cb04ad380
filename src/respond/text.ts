/** Two tiny helpers every document of the respond module uses. */
import type { Lang } from '../core/types.js';

/** The German or the English text, by language. */
export const pick = (lang: Lang, de: string, en: string): string => (lang === 'de' ? de : en);

/** A text field that actually says something (not missing, not blank). */
export const filled = (v: string | undefined | null): v is string => typeof v === 'string' && v.trim() !== '';
