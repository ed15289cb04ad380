/**
 * The migrations in the order they run. Names are `NNN_name` and never change once released;
 * a new migration is one more line here (its module exports `up(db)`).
 */
import type { Migration } from 'kysely';

export const MIGRATIONS: readonly (readonly [name: string, load: () => Promise<Migration>])[] = [
  ['001_core', () => import('./001_core.js')],
  ['002_scan_skipped_checks', () => import('./002_scan_skipped_checks.js')],
  ['100_incidents', () => import('./100_incidents.js')],
  ['101_incident_reminders', () => import('./101_incident_reminders.js')],
  ['200_dashboard_users', () => import('./200_dashboard_users.js')],
];
