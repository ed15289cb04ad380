/**
 * Option parsing shared by `incident` and `register`: strict, every bad value is a UsageError.
 * The --data/--db flags themselves come from store/cli-options.ts, the one definition for all commands.
 */
import { userInfo } from 'node:os';
import { UsageError } from '../core/types.js';
import type { Lang } from '../core/types.js';
import { withStore } from '../store/cli-options.js';
import type { StoreOptions } from '../store/open.js';
import { parseInstant } from './berlin-time.js';
import { IncidentService } from './service.js';
import { oneOf as choice } from '../cli/options.js';

/** The store flags (added by addStoreOptions in store/cli-options.ts) and --author. */
export interface StoreFlags extends StoreOptions {
  author?: string;
}

export function authorOf(flags: StoreFlags): string {
  if (flags.author !== undefined) return flags.author;
  return process.env.PRAXISWACHE_AUTHOR ?? safeUserName();
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Opens the store, runs `fn` with the service and always closes the store again. */
export async function withService<T>(flags: StoreFlags, fn: (service: IncidentService) => Promise<T>): Promise<T> {
  return withStore(flags, (store) => fn(new IncidentService(store)));
}

export function parseId(text: string, what = 'incident id'): number {
  if (!/^\d+$/.test(text) || Number(text) <= 0) throw new UsageError(`"${text}" is not a valid ${what}`);
  return Number(text);
}

export function parseCount(text: string, what: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${what} must be a whole number ≥ 0 (got "${text}")`);
  return Number(text);
}

/** Parses a number and checks it against the allowed values (score out of range → UsageError). */
export function parseChoice(text: string, what: string, allowed: readonly number[]): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !allowed.includes(n)) {
    throw new UsageError(`${what} must be one of ${allowed.join(', ')} (got "${text}")`);
  }
  return n;
}

export function parseNumber(text: string, what: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${what} must be a number (got "${text}")`);
  return n;
}

export function parseLang(text: string | undefined): Lang {
  if (text === undefined) return 'en';
  if (text !== 'de' && text !== 'en') throw new UsageError(`--lang must be de or en (got "${text}")`);
  return text;
}

export function parseTime(text: string | undefined, what: string): Date | undefined {
  return text === undefined ? undefined : parseInstant(text, what);
}

/** An optional choice option: the fallback when absent, the CLI's one check when given. */
export function oneOf<T extends string>(text: string | undefined, what: string, allowed: readonly T[], fallback: T): T {
  return text === undefined ? fallback : choice(what, allowed)(text);
}

/** Comma-separated list option ("Namen, Geburtsdaten") → trimmed non-empty items. */
export function parseList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
