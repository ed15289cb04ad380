import { describe, expect, it } from 'vitest';
import { nextCronTime, parseCron } from '../../src/watch/cron.js';
import { parseDuration } from '../../src/watch/duration.js';
import { cronSchedule, intervalSchedule, nextDue, parseSchedule } from '../../src/watch/schedule.js';

const local = (y: number, mo: number, d: number, h = 0, mi = 0): Date => new Date(y, mo - 1, d, h, mi);

describe('durations', () => {
  it('parses units and combinations and rejects junk', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('7d')).toBe(7 * 86_400_000);
    for (const bad of ['', '5', '5x', '-1h', 'h', '0m', '5m junk']) expect(() => parseDuration(bad), bad).toThrow(/bad duration/);
    expect(intervalSchedule('1440m')).toBe('every 1d');
  });
});

describe('cron', () => {
  it('finds the next matching minute', () => {
    const daily3 = parseCron('0 3 * * *');
    expect(nextCronTime(daily3, local(2025, 3, 10, 2, 59))).toEqual(local(2025, 3, 10, 3, 0));
    expect(nextCronTime(daily3, local(2025, 3, 10, 3, 0))).toEqual(local(2025, 3, 11, 3, 0));
    const every15 = parseCron('*/15 8-18 * * 1-5');
    // Friday 18:50 → Monday 08:00
    expect(nextCronTime(every15, local(2025, 3, 14, 18, 50))).toEqual(local(2025, 3, 17, 8, 0));
    const sunday = parseCron('30 2 * * 7');
    expect(nextCronTime(sunday, local(2025, 3, 10))).toEqual(local(2025, 3, 16, 2, 30));
  });

  it('treats restricted day-of-month and weekday as either (Vixie cron)', () => {
    const c = parseCron('0 0 1 * 1'); // the 1st or any Monday
    expect(nextCronTime(c, local(2025, 3, 11))).toEqual(local(2025, 3, 17)); // Monday before April 1st
  });

  it('rejects bad expressions with the bad part named', () => {
    expect(() => parseCron('0 3 * *')).toThrow(/5 fields/);
    expect(() => parseCron('61 * * * *')).toThrow(/"61"/);
    expect(() => parseCron('a * * * *')).toThrow(/"a"/);
    expect(() => cronSchedule('0 0 31 2 *') && nextCronTime(parseCron('0 0 31 2 *'), new Date())).toThrow(/never/);
  });
});

describe('schedules', () => {
  it('collapses missed runs into one due time', () => {
    const s = parseSchedule('every 1h');
    const now = local(2025, 3, 10, 12);
    expect(nextDue(s, undefined, now)).toEqual(now);
    // Down for 5 hours: due once, at the first missed slot (in the past → now), not five times.
    expect(nextDue(s, local(2025, 3, 10, 7), now)).toEqual(local(2025, 3, 10, 8));
    expect(nextDue(parseSchedule('0 3 * * *'), local(2025, 3, 1, 3), now)).toEqual(local(2025, 3, 2, 3));
  });
});
