/**
 * When to remind a practice of the Art. 33 deadline. Four fixed points on the 72-hour clock;
 * only the latest one that has passed is ever due, so a watch that was down for a day sends
 * one reminder with the current state, not a burst of stale ones.
 */
import { dueAt } from './deadline.js';
import type { Incident } from './model.js';

const HOUR_MS = 3_600_000;

export const REMINDER_STEPS = ['aware-24h', 'due-12h', 'due-2h', 'overdue'] as const;
export type ReminderStep = (typeof REMINDER_STEPS)[number];

/** The instant each step becomes due, in order. */
export function reminderTimes(awareAt: Date): { step: ReminderStep; at: Date }[] {
  const due = dueAt(awareAt).getTime();
  return [
    { step: 'aware-24h', at: new Date(awareAt.getTime() + 24 * HOUR_MS) },
    { step: 'due-12h', at: new Date(due - 12 * HOUR_MS) },
    { step: 'due-2h', at: new Date(due - 2 * HOUR_MS) },
    { step: 'overdue', at: new Date(due) },
  ];
}

/** The latest step that has passed at `now`, or undefined before the first one. */
export function currentStep(awareAt: Date, now: Date): ReminderStep | undefined {
  let current: ReminderStep | undefined;
  for (const { step, at } of reminderTimes(awareAt)) if (at.getTime() <= now.getTime()) current = step;
  return current;
}

/**
 * Whether the deadline still concerns this incident: open, aware, authority not yet notified,
 * and not decided as register-only (no risk → no notification duty, Art. 33(1)).
 */
export function needsReminder(incident: Incident): boolean {
  return (
    incident.status === 'open' &&
    incident.timeline.awareAt !== null &&
    incident.timeline.notifiedAuthorityAt === null &&
    incident.decision.action !== 'register-only'
  );
}
