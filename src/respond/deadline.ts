/**
 * The Art. 33(1) clock: notify the authority without undue delay and where feasible within
 * 72 hours after becoming aware. 72 real hours: across a DST switch the Berlin wall clock shows
 * 71 or 73 hours of difference, never a shifted "three calendar days".
 */
import { UsageError } from '../core/types.js';
import { formatBerlin, toBerlinIso } from './berlin-time.js';
import type { Lang } from '../core/types.js';

export const NOTIFICATION_WINDOW_HOURS = 72;
const HOUR_MS = 3600_000;

export interface DeadlineState {
  /** Due time, ISO 8601 in Berlin local time with its offset. */
  due: string;
  /** Hours left until due (negative once passed), one decimal; measured to the notification when one was made. */
  hoursLeft: number;
  /** Due time passed and the authority has not been notified. */
  overdue: boolean;
  /** The notification was made after the due time: reasons for the delay are required (Art. 33(1)). */
  late: boolean;
  notified: boolean;
  display: Record<Lang, string>;
}

export function dueAt(awareAt: Date): Date {
  return new Date(awareAt.getTime() + NOTIFICATION_WINDOW_HOURS * HOUR_MS);
}

export function deadlineState(awareAt: Date, now: Date, notifiedAuthorityAt?: Date | null): DeadlineState {
  const due = dueAt(awareAt);
  const reference = notifiedAuthorityAt ?? now;
  const hoursLeft = Math.round(((due.getTime() - reference.getTime()) / HOUR_MS) * 10) / 10;
  const notified = notifiedAuthorityAt != null;
  return {
    due: toBerlinIso(due),
    hoursLeft,
    overdue: !notified && now.getTime() > due.getTime(),
    late: notified && notifiedAuthorityAt.getTime() > due.getTime(),
    notified,
    display: { de: formatBerlin(due, 'de'), en: formatBerlin(due, 'en') },
  };
}

/** A late notification needs its reasons (Art. 33(1), second sentence). */
export function requireDelayReasons(awareAt: Date, notifiedAuthorityAt: Date, delayReasons: string | null | undefined): void {
  if (notifiedAuthorityAt.getTime() > dueAt(awareAt).getTime() && !delayReasons?.trim()) {
    throw new UsageError(
      'the authority was notified more than 72 hours after awareness: give the reasons for the delay (--delay-reasons), Art. 33(1) GDPR',
    );
  }
}
