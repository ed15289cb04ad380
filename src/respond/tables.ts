/**
 * Kysely table types of the breach workflow (GDPR Art. 33/34). The store's `Database`
 * interface extends `IncidentTables`, so these tables live in the same database as the scans.
 * Timestamps are ISO 8601 UTC strings (portable between SQLite and PostgreSQL).
 */
import type { Generated } from 'kysely';

export interface IncidentsTable {
  id: Generated<number>;
  site_id: number | null;
  /** 2-letter Land code; taken from the site when one exists, else set on the incident. */
  land: string | null;
  title: string;
  description: string | null;
  status: string; // 'open' | 'closed'
  discovered_at: string;
  aware_at: string | null;
  aware_decided_by: string | null;
  notified_authority_at: string | null;
  notified_patients_at: string | null;
  closed_at: string | null;
  /** Reasons for a notification later than 72 h (Art. 33(1)). */
  delay_reasons: string | null;
  /** JSON: Art. 33(3) notice details (categories, counts, contact, consequences, measures). */
  details_json: string;
  created_at: string;
  updated_at: string;
}

/** Append-only history: every change with time and author. Never updated, never deleted. */
export interface IncidentEventsTable {
  id: Generated<number>;
  incident_id: number;
  at: string;
  author: string;
  kind: string; // 'opened' | 'updated' | 'assessed' | 'linked' | 'notified' | 'closed' | …
  /** JSON object: the changed fields with old and new values, or the event payload. */
  change_json: string;
}

export interface IncidentFindingsTable {
  incident_id: number;
  finding_id: number;
  linked_at: string;
  linked_by: string;
}

/** Severity assessments (ENISA 2013); the latest one counts, older ones stay as history. */
export interface IncidentAssessmentsTable {
  id: Generated<number>;
  incident_id: number;
  at: string;
  author: string;
  /** JSON: the full SeverityInput (DPC base, adjustments with reasons, EI, CB, flags). */
  input_json: string;
  score: number;
  level: number;
  band: string;
}

/**
 * Deadline reminders (migration 101): one row per incident and step, unique, so a step is sent
 * once even when `watch` and a cron `incident remind` run at the same time. The row is claimed
 * ('sending') before delivery and settled afterwards; a failed or abandoned claim is tried again.
 */
export interface IncidentRemindersTable {
  id: Generated<number>;
  incident_id: number;
  /** 'aware-24h' | 'due-12h' | 'due-2h' | 'overdue' */
  step: string;
  /** 'sending' | 'sent' | 'failed' | 'no-contacts' */
  status: string;
  claimed_at: string;
  settled_at: string | null;
  attempts: number;
  subject: string;
  /** JSON DeliveryOutcome[] (targets masked). */
  delivery_json: string;
}

export interface IncidentTables {
  incidents: IncidentsTable;
  incident_events: IncidentEventsTable;
  incident_findings: IncidentFindingsTable;
  incident_assessments: IncidentAssessmentsTable;
  incident_reminders: IncidentRemindersTable;
}
