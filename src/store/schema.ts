/**
 * Kysely table types of the store. One schema for SQLite and PostgreSQL, so the portable
 * choices are made here: timestamps are ISO 8601 UTC strings, booleans are 0/1 integers,
 * lists and small objects are JSON text.
 */
import type { Generated, Insertable, Selectable } from 'kysely';
import type { IncidentTables } from '../respond/tables.js';

export type ScanStatus = 'running' | 'finished' | 'interrupted';

export interface SitesTable {
  id: Generated<number>;
  name: string;
  /** 2-letter code of the German Land (BY, NI, …): decides the supervisory authority. */
  land: string;
  /** JSON string[]: target tokens as for `praxiswache scan` (the site's scope). */
  targets_json: string;
  /** nmap port syntax; null = the curated default set. */
  ports: string | null;
  /** JSON SiteContacts: e-mail addresses and webhooks. */
  contacts_json: string;
  language: string;
  /** "every 24h" style interval or a 5-field cron expression. */
  schedule: string;
  /** Hours after which a still-open deviation is alerted again. */
  remind_after_hours: number;
  created_at: string;
  updated_at: string;
}

export interface ScansTable {
  id: Generated<number>;
  site_id: number | null;
  status: ScanStatus;
  started_at: string;
  finished_at: string | null;
  targets_json: string;
  scanner_version: string;
  /** "hostname:pid" of the process running the scan; lets a restart find scans whose runner died. */
  runner: string | null;
  host_count: number;
  port_count: number;
  finding_count: number;
  /** Why the scan is interrupted, when it is. */
  note: string | null;
  /** JSON [{checkId, reason}] of checks not run; NULL for scans stored before it was recorded. */
  skipped_checks_json: string | null;
}

export interface HostsTable {
  id: Generated<number>;
  scan_id: number;
  address: string;
  hostname: string | null;
}

export interface PortsTable {
  id: Generated<number>;
  scan_id: number;
  host_id: number;
  port: number;
  protocol: string;
}

export interface ServicesTable {
  port_id: number;
  name: string;
  tls: number;
  product: string | null;
  version: string | null;
  banner: string | null;
}

/** One exposure across scans, identified by its fingerprint; carries the history. */
export interface FindingsTable {
  id: Generated<number>;
  site_id: number | null;
  fingerprint: string;
  check_id: string;
  host: string;
  port: number;
  key: string;
  severity: string;
  title: string;
  evidence: string;
  personal_data: number;
  first_seen_at: string;
  last_seen_at: string;
  resolved_at: string | null;
  first_scan_id: number;
  last_scan_id: number;
  resolved_scan_id: number | null;
}

/** What one scan observed of a finding (severity and evidence may change between scans). */
export interface ScanFindingsTable {
  scan_id: number;
  finding_id: number;
  severity: string;
  title: string;
  evidence: string;
  personal_data: number;
}

export interface BaselinesTable {
  id: Generated<number>;
  site_id: number;
  /** The approved state is exactly this scan's ports, services and findings. */
  scan_id: number;
  approved_at: string;
  approved_by: string;
  note: string | null;
}

/** A deviation from the baseline, open until a later scan no longer shows it. */
export interface AlertItemsTable {
  id: Generated<number>;
  site_id: number;
  item_key: string;
  kind: string;
  /** JSON Deviation (host, port, service, finding id, severity, title). */
  detail_json: string;
  opened_at: string;
  opened_scan_id: number;
  last_alerted_at: string;
  resolved_at: string | null;
  resolved_scan_id: number | null;
}

/** One message sent (or attempted) to a site's contacts. */
export interface AlertsTable {
  id: Generated<number>;
  site_id: number;
  scan_id: number;
  kind: string; // 'change' | 'reminder' | 'all-clear'
  created_at: string;
  /** JSON number[]: the alert_items this message is about. */
  item_ids_json: string;
  subject: string;
  /** JSON: one entry per channel with outcome, attempts and error (targets masked). */
  delivery_json: string;
  delivered: number;
}

export interface CoreTables {
  sites: SitesTable;
  scans: ScansTable;
  hosts: HostsTable;
  ports: PortsTable;
  services: ServicesTable;
  findings: FindingsTable;
  scan_findings: ScanFindingsTable;
  baselines: BaselinesTable;
  alert_items: AlertItemsTable;
  alerts: AlertsTable;
}

export interface Database extends CoreTables, IncidentTables {}

export type SiteRow = Selectable<SitesTable>;
export type ScanRow = Selectable<ScansTable>;
export type FindingRow = Selectable<FindingsTable>;
export type BaselineRow = Selectable<BaselinesTable>;
export type AlertItemRow = Selectable<AlertItemsTable>;
export type AlertRow = Selectable<AlertsTable>;
export type NewSite = Insertable<SitesTable>;
