/**
 * Which deadline reminders went out. A step is claimed before it is delivered: the unique
 * (incident, step) row means two processes (a running `watch` and a cron `incident remind`)
 * never both send it. A failed delivery, or a claim whose process died mid-delivery, is taken
 * over again after a pause, by a conditional update that only one process can win.
 */
import type { Selectable } from 'kysely';
import type { DeliveryOutcome } from '../store/alerts.js';
import type { Store } from '../store/store.js';
import type { ReminderStep } from './reminder-plan.js';
import type { IncidentRemindersTable } from './tables.js';

export type ReminderStatus = 'sending' | 'sent' | 'failed' | 'no-contacts';
export type ReminderRow = Selectable<IncidentRemindersTable>;

/** A failed step is tried again after this pause (not on every 15-second watch tick). */
export const RETRY_FAILED_AFTER_MS = 15 * 60_000;
/** A claim older than this belongs to a process that died while delivering. */
export const ABANDONED_CLAIM_MS = 10 * 60_000;

export class ReminderLog {
  constructor(private readonly store: Store) {}

  /** Whether `step` of the incident still has to go out (nothing recorded, or retry due). */
  async isPending(incidentId: number, step: ReminderStep, now: Date): Promise<boolean> {
    const row = await this.find(incidentId, step);
    return !row || retryDue(row, now);
  }

  /** Takes the step for sending; undefined when it was sent or another process is on it. */
  async claim(incidentId: number, step: ReminderStep, subject: string, now: Date): Promise<number | undefined> {
    const at = now.toISOString();
    let row = await this.find(incidentId, step);
    if (!row) {
      try {
        const inserted = await this.store.db
          .insertInto('incident_reminders')
          .values({ incident_id: incidentId, step, status: 'sending', claimed_at: at, settled_at: null, attempts: 1, subject, delivery_json: '[]' })
          .returning('id')
          .executeTakeFirstOrThrow();
        return inserted.id;
      } catch (err) {
        // Lost the race for the unique (incident, step) row; anything else is a real error.
        row = await this.find(incidentId, step);
        if (!row) throw err;
      }
    }
    if (!retryDue(row, now)) return undefined;
    const taken = await this.store.db
      .updateTable('incident_reminders')
      .set({ status: 'sending', claimed_at: at, attempts: row.attempts + 1, subject })
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .where('claimed_at', '=', row.claimed_at)
      .executeTakeFirst();
    return taken.numUpdatedRows === 1n ? row.id : undefined;
  }

  async settle(id: number, status: Exclude<ReminderStatus, 'sending'>, deliveries: readonly DeliveryOutcome[], now: Date): Promise<void> {
    await this.store.db
      .updateTable('incident_reminders')
      .set({ status, settled_at: now.toISOString(), delivery_json: JSON.stringify(deliveries) })
      .where('id', '=', id)
      .execute();
  }

  list(incidentId?: number): Promise<ReminderRow[]> {
    let query = this.store.db.selectFrom('incident_reminders').selectAll().orderBy('id');
    if (incidentId !== undefined) query = query.where('incident_id', '=', incidentId);
    return query.execute();
  }

  private find(incidentId: number, step: ReminderStep): Promise<ReminderRow | undefined> {
    return this.store.db.selectFrom('incident_reminders').selectAll().where('incident_id', '=', incidentId).where('step', '=', step).executeTakeFirst();
  }
}

function retryDue(row: ReminderRow, now: Date): boolean {
  const since = now.getTime() - Date.parse(row.status === 'failed' ? (row.settled_at ?? row.claimed_at) : row.claimed_at);
  if (row.status === 'failed') return since >= RETRY_FAILED_AFTER_MS;
  if (row.status === 'sending') return since >= ABANDONED_CLAIM_MS;
  return false;
}
