/**
 * Wall-clock time in Europe/Berlin through the Intl API only (no tz library): German practices and
 * authorities read deadlines in local time, while every calculation stays on UTC instants.
 */
import { UsageError } from '../core/types.js';
import type { Lang } from '../core/types.js';

export const BERLIN = 'Europe/Berlin';

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Offset to UTC in minutes, e.g. 120 in summer. */
  offsetMinutes: number;
}

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: BERLIN,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'longOffset',
});

export function berlinWallClock(instant: Date): WallClock {
  const parts = Object.fromEntries(partsFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  const offset = /GMT([+-])(\d{2}):(\d{2})/.exec(parts.timeZoneName ?? '');
  const offsetMinutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    offsetMinutes,
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO 8601 with the Berlin offset of that instant, e.g. 2024-04-02T10:00:00+02:00. */
export function toBerlinIso(instant: Date): string {
  const w = berlinWallClock(instant);
  const sign = w.offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(w.offsetMinutes);
  return `${String(w.year)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`;
}

const displayFormats: Record<Lang, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', {
    timeZone: BERLIN, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: BERLIN, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
  }),
};

/** Human display, e.g. "02.04.2024, 10:00 MESZ" / "2 Apr 2024, 10:00 CEST". */
export function formatBerlin(instant: Date, lang: Lang): string {
  return displayFormats[lang].format(instant);
}

const WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Parses an ISO 8601 time. With an offset or Z it is taken as given; without one it is read as
 * Berlin wall-clock time, which is what a practice types. A time that does not exist in Berlin
 * (the hour skipped in March) is refused; one that happens twice (October) means the first.
 */
export function parseInstant(text: string, what = 'time'): Date {
  const trimmed = text.trim();
  const zoned = WITH_ZONE.exec(trimmed);
  if (zoned) {
    const d = new Date(trimmed.replace(' ', 'T'));
    if (Number.isNaN(d.getTime())) throw new UsageError(`${what}: "${text}" is not a valid ISO 8601 time`);
    return d;
  }
  const local = LOCAL.exec(trimmed);
  if (!local) throw new UsageError(`${what}: "${text}" is not an ISO 8601 time (e.g. 2024-03-29T14:30 or 2024-03-29T14:30:00+01:00)`);
  const [y, mo, d, h, mi, s] = local.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  return fromBerlinWallClock({ year: y, month: mo, day: d, hour: h, minute: mi, second: s }, text, what);
}

function fromBerlinWallClock(w: Omit<WallClock, 'offsetMinutes'>, text: string, what: string): Date {
  const naiveUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  // Berlin is UTC+1 or UTC+2: try both offsets, earliest first, keep the ones that read back.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(naiveUtc - offsetHours * 3600_000);
    const back = berlinWallClock(candidate);
    if (back.year === w.year && back.month === w.month && back.day === w.day && back.hour === w.hour && back.minute === w.minute) {
      return candidate;
    }
  }
  const calendar = new Date(naiveUtc);
  if (calendar.getUTCMonth() !== w.month - 1 || calendar.getUTCDate() !== w.day) {
    throw new UsageError(`${what}: "${text}" is not a valid date`);
  }
  throw new UsageError(`${what}: "${text}" does not exist in Europe/Berlin (clocks skip that hour in March); give an offset`);
}
