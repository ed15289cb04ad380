import { describe, expect, it } from 'vitest';
import { deadlineState, requireDelayReasons } from '../../src/respond/deadline.js';
import { formatBerlin, parseInstant, toBerlinIso } from '../../src/respond/berlin-time.js';

describe('72-hour deadline in Europe/Berlin', () => {
  it('spans the March switch as 72 real hours (wall clock moves 73 h)', () => {
    // Aware Friday 29 March 2024, 10:00 CET; clocks jump 02:00 → 03:00 on Sunday 31 March.
    const aware = parseInstant('2024-03-29T10:00');
    expect(aware.toISOString()).toBe('2024-03-29T09:00:00.000Z');
    const d = deadlineState(aware, aware);
    expect(d.due).toBe('2024-04-01T11:00:00+02:00');
    expect(d.hoursLeft).toBe(72);
    expect(d.display.de).toBe('01.04.2024, 11:00 MESZ');
  });

  it('spans the October switch as 72 real hours (wall clock moves 71 h)', () => {
    // Aware Friday 25 October 2024, 10:00 CEST; clocks go back 03:00 → 02:00 on Sunday 27 October.
    const aware = parseInstant('2024-10-25T10:00');
    expect(aware.toISOString()).toBe('2024-10-25T08:00:00.000Z');
    const d = deadlineState(aware, aware);
    expect(d.due).toBe('2024-10-28T09:00:00+01:00');
    expect(d.display.en).toBe('28 Oct 2024, 09:00 CET');
  });

  it('reads an explicit offset as given and shows it in Berlin time', () => {
    const aware = parseInstant('2024-03-30T23:30:00Z');
    expect(toBerlinIso(aware)).toBe('2024-03-31T00:30:00+01:00');
    expect(deadlineState(aware, aware).due).toBe('2024-04-03T01:30:00+02:00');
  });

  it('refuses a Berlin time inside the skipped March hour and takes the first of a doubled October hour', () => {
    expect(() => parseInstant('2024-03-31T02:30')).toThrow(/does not exist in Europe\/Berlin/);
    expect(parseInstant('2024-10-27T02:30').toISOString()).toBe('2024-10-27T00:30:00.000Z');
    expect(formatBerlin(parseInstant('2024-10-27T02:30'), 'de')).toBe('27.10.2024, 02:30 MESZ');
  });

  it('counts hours left, overdue and late notification', () => {
    const aware = parseInstant('2024-10-25T10:00');
    const now = parseInstant('2024-10-28T08:30'); // 30 min before due (CET)
    expect(deadlineState(aware, now).hoursLeft).toBe(0.5);
    expect(deadlineState(aware, now).overdue).toBe(false);
    const later = parseInstant('2024-10-28T12:00');
    const s = deadlineState(aware, later);
    expect(s.overdue).toBe(true);
    expect(s.hoursLeft).toBe(-3);
    const notifiedLate = deadlineState(aware, later, later);
    expect(notifiedLate.overdue).toBe(false);
    expect(notifiedLate.late).toBe(true);
    expect(() => requireDelayReasons(aware, later, undefined)).toThrow(/reasons for the delay/);
    expect(() => requireDelayReasons(aware, later, 'Forensic analysis by the vendor took until Monday')).not.toThrow();
    expect(() => requireDelayReasons(aware, now, undefined)).not.toThrow();
  });

  it('rejects malformed times', () => {
    expect(() => parseInstant('yesterday')).toThrow(/not an ISO 8601 time/);
    expect(() => parseInstant('2024-02-30T10:00')).toThrow(/not a valid date/);
  });
});
