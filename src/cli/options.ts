// Parsers for flags that several commands share. Each throws UsageError naming the flag, so
// a typo ends with exit code 2 before anything is sent.
import type { Command } from 'commander';
import { UsageError, SEVERITIES, type Lang, type Severity } from '../core/types.js';

/** --lang, else the locale: LC_ALL, LC_MESSAGES, LANG (POSIX order); German when it starts with "de". */
export function resolveLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag !== undefined) {
    if (flag === 'de' || flag === 'en') return flag;
    throw new UsageError(`--lang must be "de" or "en", not "${flag}"`);
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function parseSeverity(flag: string, value: string): Severity {
  const v = value.toLowerCase();
  if ((SEVERITIES as readonly string[]).includes(v)) return v as Severity;
  throw new UsageError(`${flag} must be one of ${SEVERITIES.join(', ')}, not "${value}"`);
}

/** A whole number ≥ min; returns a commander-style parser that names the flag. */
export function wholeNumber(flag: string, min: number): (value: string) => number {
  return (value: string) => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < min) {
      throw new UsageError(`${flag} must be a whole number ≥ ${min}, not "${value}"`);
    }
    return Number(value);
  };
}

/** Milliseconds, written as 500, 500ms, 2s or 1.5s. */
export function duration(flag: string): (value: string) => number {
  return (value: string) => {
    const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(value.trim());
    const ms = m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : NaN;
    if (!Number.isFinite(ms) || ms < 1) throw new UsageError(`${flag} must be a duration such as 500ms or 2s, not "${value}"`);
    return Math.round(ms);
  };
}

export function oneOf<T extends string>(flag: string, allowed: readonly T[]): (value: string) => T {
  return (value: string) => {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
  };
}

/** Colour on a terminal unless NO_COLOR is set (https://no-color.org) or --no-color was given. */
export function useColor(stream: NodeJS.WriteStream, flag: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return flag && stream.isTTY === true && !env.NO_COLOR;
}

/** Columns to wrap text at on a terminal (capped for readability); none for files and pipes. */
export function terminalWidth(stream: NodeJS.WriteStream): number | undefined {
  return stream.isTTY && stream.columns > 0 ? Math.min(stream.columns, 120) : undefined;
}

export type TextOrJson = 'text' | 'json';

/**
 * `--format text|json` plus `--json` as its shorthand, the same on every command that prints
 * records (scan has more formats and its own flag). Both spellings stay accepted because scripts
 * already use either.
 */
export function addFormatOptions(cmd: Command): Command {
  return cmd
    .option('--format <format>', 'output format: text or json (default: text)')
    .option('--json', 'same as --format json');
}

export function outputFormat(given: { format?: unknown; json?: unknown } | Readonly<Record<string, unknown>>): TextOrJson {
  const flags = given as { format?: unknown; json?: unknown };
  const format = typeof flags.format === 'string' ? oneOf('--format', ['text', 'json'] as const)(flags.format) : undefined;
  if (flags.json === true && format === 'text') throw new UsageError('--json and --format text contradict each other: give one');
  return flags.json === true ? 'json' : (format ?? 'text');
}

/** Help line for --lang on screen output: follows the locale so LANG=de_DE.UTF-8 gives German. */
export const LANG_HELP = 'de or en (default: from the locale; LANG=de_DE.UTF-8 gives German)';
