/**
 * The breach workflow as a library: the CLI and the dashboard call only this. Every change is
 * validated completely before anything is written, then written together with its history
 * entry in one transaction, so a refused change leaves the incident exactly as it was.
 */
import { UsageError } from '../core/types.js';
import type { Store } from '../store/store.js';
import { normaliseLand } from './authorities.js';
import { requireDelayReasons } from './deadline.js';
import { ART34_GROUNDS } from './decision.js';
import { loadIncident, type IncidentRow } from './incident-view.js';
import type { Incident, IncidentDetails } from './model.js';
import { art33Missing } from './notice-art33.js';
import { assessSeverity, type SeverityInput, type SeverityResult } from './severity.js';

export interface OpenIncidentInput {
  title: string;
  description?: string;
  /** Site name or id; the Land comes from the site. */
  site?: string | number;
  /** Land code when there is no site. */
  land?: string;
  findingIds?: number[];
  discoveredAt?: Date;
  awareAt?: Date;
  awareDecidedBy?: string;
  details?: IncidentDetails;
}

export interface IncidentPatch {
  title?: string;
  description?: string;
  land?: string;
  discoveredAt?: Date;
  awareAt?: Date;
  awareDecidedBy?: string;
  /** First call: the notification time; later calls record follow-up notifications (Art. 33(4)). */
  notifiedAuthorityAt?: Date;
  notifiedPatientsAt?: Date;
  delayReasons?: string;
  details?: IncidentDetails;
  addFindingIds?: number[];
}

export interface ServiceOptions {
  now?: () => Date;
}

type Change = Record<string, { from: unknown; to: unknown }>;

export class IncidentService {
  private readonly now: () => Date;

  constructor(
    private readonly store: Store,
    opts: ServiceOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  async open(input: OpenIncidentInput, author: string): Promise<number> {
    requireAuthor(author);
    if (!input.title.trim()) throw new UsageError('an incident needs a title (--title)');
    let siteId: number | null = null;
    let land: string | null = null;
    if (input.site !== undefined) {
      const site = await this.store.getSite(input.site);
      if (!site) throw new UsageError(`no site "${String(input.site)}" (see: praxiswache site list)`);
      if (input.land !== undefined) throw new UsageError('the Land comes from the site; --land is only for incidents without a site');
      siteId = site.id;
    } else if (input.land !== undefined) {
      land = normaliseLand(input.land);
    }
    const now = this.now();
    // "Aware since 09:00", opened at 09:20: discovery cannot have been after awareness.
    const discoveredAt = input.discoveredAt ?? (input.awareAt && input.awareAt < now ? input.awareAt : now);
    validateTimeline({ discoveredAt, awareAt: input.awareAt ?? null, notifiedAuthorityAt: null, notifiedPatientsAt: null, closedAt: null });
    const details = input.details ?? {};
    validateDetails(details);
    const findingIds = await this.requireFindings(input.findingIds ?? []);

    const at = now.toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('incidents')
        .values({
          site_id: siteId,
          land,
          title: input.title.trim(),
          description: input.description ?? null,
          status: 'open',
          discovered_at: discoveredAt.toISOString(),
          aware_at: input.awareAt?.toISOString() ?? null,
          aware_decided_by: input.awareDecidedBy ?? (input.awareAt ? author : null),
          notified_authority_at: null,
          notified_patients_at: null,
          closed_at: null,
          delay_reasons: null,
          details_json: JSON.stringify(details),
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = inserted.id;
      const opened = { title: input.title.trim(), siteId, land, discoveredAt: discoveredAt.toISOString(), awareAt: input.awareAt?.toISOString() ?? null, findingIds };
      await trx.insertInto('incident_events').values({ incident_id: id, at, author, kind: 'opened', change_json: JSON.stringify(opened) }).execute();
      for (const findingId of findingIds) {
        await trx.insertInto('incident_findings').values({ incident_id: id, finding_id: findingId, linked_at: at, linked_by: author }).execute();
      }
      return id;
    });
  }

  async get(id: number): Promise<Incident> {
    return loadIncident(this.store, await this.row(id), this.now());
  }

  async list(filter: { status?: 'open' | 'closed'; siteId?: number } = {}): Promise<Incident[]> {
    let query = this.store.db.selectFrom('incidents').selectAll().orderBy('id');
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.siteId !== undefined) query = query.where('site_id', '=', filter.siteId);
    const now = this.now();
    const rows = await query.execute();
    return Promise.all(rows.map((r) => loadIncident(this.store, r, now)));
  }

  async update(id: number, patch: IncidentPatch, author: string): Promise<Incident> {
    requireAuthor(author);
    const row = await this.row(id);
    const current = await loadIncident(this.store, row, this.now());
    const change: Change = {};
    const set: Partial<IncidentRow> = {};
    const track = <K extends keyof IncidentRow>(column: K, field: string, value: IncidentRow[K]): void => {
      if (row[column] !== value) {
        change[field] = { from: row[column], to: value };
        set[column] = value;
      }
    };

    if (patch.title !== undefined) {
      if (!patch.title.trim()) throw new UsageError('the title must not be empty');
      track('title', 'title', patch.title.trim());
    }
    if (patch.description !== undefined) track('description', 'description', patch.description);
    if (patch.land !== undefined) {
      if (row.site_id !== null) throw new UsageError("the Land comes from the incident's site; change it on the site");
      track('land', 'land', normaliseLand(patch.land));
    }
    if (patch.discoveredAt) track('discovered_at', 'discoveredAt', patch.discoveredAt.toISOString());
    if (patch.awareAt) track('aware_at', 'awareAt', patch.awareAt.toISOString());
    if (patch.awareDecidedBy !== undefined) track('aware_decided_by', 'awareDecidedBy', patch.awareDecidedBy);
    else if (patch.awareAt && !row.aware_decided_by) track('aware_decided_by', 'awareDecidedBy', author);
    if (patch.delayReasons !== undefined) track('delay_reasons', 'delayReasons', patch.delayReasons);
    if (patch.notifiedPatientsAt) track('notified_patients_at', 'notifiedPatientsAt', patch.notifiedPatientsAt.toISOString());

    let followUp: string | undefined;
    if (patch.notifiedAuthorityAt) {
      if (row.notified_authority_at === null) track('notified_authority_at', 'notifiedAuthorityAt', patch.notifiedAuthorityAt.toISOString());
      else followUp = patch.notifiedAuthorityAt.toISOString();
    }

    let details = current.details;
    if (patch.details) {
      details = mergeDetails(current.details, patch.details);
      validateDetails(details);
      for (const key of Object.keys(patch.details) as (keyof IncidentDetails)[]) {
        if (JSON.stringify(current.details[key]) !== JSON.stringify(details[key])) change[`details.${key}`] = { from: current.details[key] ?? null, to: details[key] ?? null };
      }
      set.details_json = JSON.stringify(details);
    }
    const newFindings = (await this.requireFindings(patch.addFindingIds ?? [])).filter((f) => !current.findings.some((c) => c.id === f));
    if (newFindings.length > 0) change.findings = { from: current.findings.map((f) => f.id), to: [...current.findings.map((f) => f.id), ...newFindings] };

    const merged = { ...row, ...set };
    const timeline = {
      discoveredAt: new Date(merged.discovered_at),
      awareAt: merged.aware_at ? new Date(merged.aware_at) : null,
      notifiedAuthorityAt: merged.notified_authority_at ? new Date(merged.notified_authority_at) : null,
      notifiedPatientsAt: merged.notified_patients_at ? new Date(merged.notified_patients_at) : null,
      closedAt: merged.closed_at ? new Date(merged.closed_at) : null,
    };
    validateTimeline(timeline);
    const notifying = set.notified_authority_at !== undefined || followUp !== undefined;
    if (notifying) {
      const at = new Date(followUp ?? (merged.notified_authority_at as string));
      if (timeline.awareAt && at < timeline.awareAt) throw new UsageError('a notification cannot be earlier than the time of becoming aware');
      if (followUp && timeline.notifiedAuthorityAt && at < timeline.notifiedAuthorityAt) throw new UsageError('a follow-up notification cannot precede the first one');
      if (timeline.awareAt && !followUp) requireDelayReasons(timeline.awareAt, at, merged.delay_reasons);
      // The notice sent must have been complete: check the state after this change.
      const after = await loadIncident(this.store, { ...merged, notified_authority_at: merged.notified_authority_at }, this.now());
      const missing = art33Missing({ ...after, details });
      if (missing.length > 0) {
        throw new UsageError(`the Art. 33 notice is not complete, so it cannot have been sent; missing: ${missing.map((m) => m.label.en).join('; ')}`);
      }
    }

    if (Object.keys(change).length === 0 && !followUp) return current;
    const at = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      await trx.updateTable('incidents').set({ ...set, updated_at: at }).where('id', '=', id).execute();
      if (Object.keys(change).length > 0) {
        await trx.insertInto('incident_events').values({ incident_id: id, at, author, kind: 'updated', change_json: JSON.stringify(change) }).execute();
      }
      if (newFindings.length > 0) {
        for (const findingId of newFindings) {
          await trx.insertInto('incident_findings').values({ incident_id: id, finding_id: findingId, linked_at: at, linked_by: author }).execute();
        }
      }
      if (notifying) {
        const notifiedAt = followUp ?? (merged.notified_authority_at as string);
        await trx.insertInto('incident_events').values({ incident_id: id, at, author, kind: 'authority-notified', change_json: JSON.stringify({ at: notifiedAt }) }).execute();
      }
    });
    return this.get(id);
  }

  async assess(id: number, input: SeverityInput, author: string): Promise<SeverityResult> {
    requireAuthor(author);
    await this.row(id);
    const result = assessSeverity(input);
    const at = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('incident_assessments')
        .values({ incident_id: id, at, author, input_json: JSON.stringify(input), score: result.score, level: result.level, band: result.band })
        .execute();
      await trx.insertInto('incident_events').values({ incident_id: id, at, author, kind: 'assessed', change_json: JSON.stringify({ input, score: result.score, band: result.band }) }).execute();
      await trx.updateTable('incidents').set({ updated_at: at }).where('id', '=', id).execute();
    });
    return result;
  }

  /** Records that the Art. 33 notice is ready to send; refused while any particular is missing. */
  async markNoticeReady(id: number, author: string): Promise<void> {
    requireAuthor(author);
    const incident = await this.get(id);
    const missing = art33Missing(incident);
    if (missing.length > 0) throw new UsageError(`the Art. 33 notice cannot be marked ready; missing: ${missing.map((m) => m.label.en).join('; ')}`);
    await this.store.db.insertInto('incident_events').values({ incident_id: id, at: this.now().toISOString(), author, kind: 'notice-ready', change_json: '{}' }).execute();
  }

  async close(id: number, author: string, closedAt?: Date): Promise<Incident> {
    requireAuthor(author);
    const row = await this.row(id);
    if (row.status === 'closed') throw new UsageError(`incident ${String(id)} is already closed`);
    const at = closedAt ?? this.now();
    if (at < new Date(row.discovered_at)) throw new UsageError('an incident cannot be closed before it was discovered');
    const now = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      await trx.updateTable('incidents').set({ status: 'closed', closed_at: at.toISOString(), updated_at: now }).where('id', '=', id).execute();
      await trx.insertInto('incident_events').values({ incident_id: id, at: now, author, kind: 'closed', change_json: JSON.stringify({ closedAt: at.toISOString() }) }).execute();
    });
    return this.get(id);
  }

  private async row(id: number): Promise<IncidentRow> {
    if (!Number.isInteger(id) || id <= 0) throw new UsageError(`"${String(id)}" is not an incident id`);
    const row = await this.store.db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new UsageError(`no incident ${String(id)} (see: praxiswache incident list)`);
    return row;
  }

  private async requireFindings(ids: readonly number[]): Promise<number[]> {
    const unique = [...new Set(ids)];
    for (const id of unique) {
      if (!Number.isInteger(id) || id <= 0 || !(await this.store.getFinding(id))) throw new UsageError(`no finding ${String(id)}`);
    }
    return unique;
  }
}

function requireAuthor(author: string): void {
  if (!author.trim()) throw new UsageError('every change needs an author (--author)');
}

interface TimelineDates {
  discoveredAt: Date;
  awareAt: Date | null;
  notifiedAuthorityAt: Date | null;
  notifiedPatientsAt: Date | null;
  closedAt: Date | null;
}

/** The order of events that must hold; the message names the pair that is out of order. */
export function validateTimeline(t: TimelineDates): void {
  if (t.awareAt && t.awareAt < t.discoveredAt) throw new UsageError('awareness cannot be before discovery (--aware-at is earlier than the discovery time)');
  for (const [name, value] of [['the authority notification', t.notifiedAuthorityAt], ['the patient notification', t.notifiedPatientsAt]] as const) {
    if (!value) continue;
    if (!t.awareAt) throw new UsageError(`record the time of becoming aware (--aware-at) before ${name}`);
    if (value < t.awareAt) throw new UsageError(`${name} cannot be before the time of becoming aware`);
  }
  if (t.closedAt && t.closedAt < t.discoveredAt) throw new UsageError('an incident cannot be closed before it was discovered');
}

function mergeDetails(current: IncidentDetails, patch: IncidentDetails): IncidentDetails {
  const merged: IncidentDetails = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

function validateDetails(d: IncidentDetails): void {
  for (const key of ['subjectsApprox', 'recordsApprox'] as const) {
    const v = d[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new UsageError(`${key} must be a whole number ≥ 0 (got ${String(v)})`);
  }
  const ex = d.art34Exemption;
  if (ex) {
    if (!(ART34_GROUNDS as readonly string[]).includes(ex.ground)) throw new UsageError(`Art. 34(3) exemption ground must be a, b or c (got "${ex.ground}")`);
    if (!ex.justification.trim()) throw new UsageError('an Art. 34(3) exemption needs its justification (--art34-justification)');
  }
}
