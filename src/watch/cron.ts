/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week) in local time:
 * `*`, lists `1,15`, ranges `1-5`, steps `*\/10` and `8-18/2`; day-of-week 0–7 (0 and 7 are
 * Sunday). As in Vixie cron, when both day fields are restricted a day matching either counts.
 */
import { UsageError } from '../core/types.js';

interface Field {
  min: number;
  max: number;
}
const FIELDS: readonly Field[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12 },
  { min: 0, max: 7 },
];

export interface CronExpression {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  daysRestricted: boolean;
  weekdaysRestricted: boolean;
}

export function parseCron(text: string): CronExpression {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 5) throw new UsageError(`bad cron expression "${text}": expected 5 fields (minute hour day month weekday)`);
  const sets = parts.map((part, i) => parseField(part, FIELDS[i] ?? { min: 0, max: 0 }, text));
  const weekdays = sets[4] ?? new Set<number>();
  if (weekdays.has(7)) weekdays.add(0);
  return {
    minutes: sets[0] ?? new Set(),
    hours: sets[1] ?? new Set(),
    days: sets[2] ?? new Set(),
    months: sets[3] ?? new Set(),
    weekdays,
    daysRestricted: parts[2] !== '*',
    weekdaysRestricted: parts[4] !== '*',
  };
}

function parseField(part: string, field: Field, whole: string): Set<number> {
  const out = new Set<number>();
  for (const item of part.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!m) throw new UsageError(`bad cron field "${item}" in "${whole}"`);
    const from = m[1] === '*' ? field.min : Number(m[2]);
    const to = m[1] === '*' ? field.max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? field.max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < field.min || to > field.max || from > to || step < 1) throw new UsageError(`cron field "${item}" out of range in "${whole}"`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

function dayMatches(c: CronExpression, d: Date): boolean {
  const dom = c.days.has(d.getDate());
  const dow = c.weekdays.has(d.getDay());
  if (c.daysRestricted && c.weekdaysRestricted) return dom || dow;
  return dom && dow;
}

/** The first matching minute strictly after `after`. */
export function nextCronTime(c: CronExpression, after: Date): Date {
  const t = new Date(after.getTime());
  t.setSeconds(0, 0);
  t.setMinutes(t.getMinutes() + 1);
  const limit = after.getTime() + 5 * 366 * 86_400_000; // e.g. "0 0 30 2 *" never matches
  while (t.getTime() <= limit) {
    if (!c.months.has(t.getMonth() + 1)) {
      t.setMonth(t.getMonth() + 1, 1);
      t.setHours(0, 0);
    } else if (!dayMatches(c, t)) {
      t.setDate(t.getDate() + 1);
      t.setHours(0, 0);
    } else if (!c.hours.has(t.getHours())) {
      t.setHours(t.getHours() + 1, 0);
    } else if (!c.minutes.has(t.getMinutes())) {
      t.setMinutes(t.getMinutes() + 1);
    } else {
      return t;
    }
  }
  throw new UsageError('cron expression never matches');
}
