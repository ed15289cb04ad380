/**
 * A site's schedule, stored as text: "every 24h" (an interval after the last scan) or a cron
 * expression. `nextDue` collapses any number of missed runs into one: after downtime a site
 * is scanned once, not once per missed slot.
 */
import { UsageError } from '../core/types.js';
import { nextCronTime, parseCron, type CronExpression } from './cron.js';
import { formatDuration, parseDuration } from './duration.js';

export type Schedule = { kind: 'interval'; everyMs: number } | { kind: 'cron'; expression: string; cron: CronExpression };

export function intervalSchedule(text: string): string {
  return `every ${formatDuration(parseDuration(text))}`;
}

export function cronSchedule(text: string): string {
  parseCron(text);
  return text.trim().split(/\s+/).join(' ');
}

export function parseSchedule(text: string): Schedule {
  const interval = /^every\s+(.+)$/i.exec(text.trim());
  if (interval) return { kind: 'interval', everyMs: parseDuration(interval[1] ?? '') };
  try {
    return { kind: 'cron', expression: text, cron: parseCron(text) };
  } catch (err) {
    throw new UsageError(`bad schedule "${text}": use "every 24h" or a cron expression (${(err as Error).message})`);
  }
}

/** When the next scan is due, given when the last one started (undefined: never scanned → now). */
export function nextDue(schedule: Schedule, lastStart: Date | undefined, now: Date): Date {
  if (!lastStart) return now;
  const next = schedule.kind === 'interval' ? new Date(lastStart.getTime() + schedule.everyMs) : nextCronTime(schedule.cron, lastStart);
  return next;
}

/** The period used to size jitter: the interval, or the gap between two cron runs. */
export function typicalPeriodMs(schedule: Schedule, now: Date): number {
  if (schedule.kind === 'interval') return schedule.everyMs;
  const first = nextCronTime(schedule.cron, now);
  return nextCronTime(schedule.cron, first).getTime() - first.getTime();
}
