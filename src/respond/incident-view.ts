/** Reads an incident with everything that hangs off it and derives deadline, severity and decision. */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { deadlineState } from './deadline.js';
import { decide } from './decision.js';
import type { Assessment, Incident, IncidentDetails, IncidentEvent, LinkedFinding } from './model.js';
import { assessSeverity, type SeverityInput } from './severity.js';
import { suggestInputs } from './suggest.js';
import type { IncidentsTable } from './tables.js';

export type IncidentRow = Selectable<IncidentsTable>;

export async function loadIncident(store: Store, row: IncidentRow, now: Date): Promise<Incident> {
  const db: Kysely<Database> = store.db;
  const [site, links, assessmentRow, eventRows] = await Promise.all([
    row.site_id === null ? undefined : store.getSite(row.site_id),
    db.selectFrom('incident_findings').select('finding_id').where('incident_id', '=', row.id).orderBy('finding_id').execute(),
    db.selectFrom('incident_assessments').selectAll().where('incident_id', '=', row.id).orderBy('id', 'desc').executeTakeFirst(),
    db.selectFrom('incident_events').selectAll().where('incident_id', '=', row.id).orderBy('id').execute(),
  ]);

  const findings: LinkedFinding[] = [];
  for (const link of links) {
    const f = await store.getFinding(link.finding_id);
    if (f) {
      findings.push({ id: f.id, checkId: f.checkId, host: f.host, port: f.port, severity: f.severity, title: f.title, personalData: f.personalData });
    }
  }

  let assessment: Assessment | null = null;
  if (assessmentRow) {
    const input = JSON.parse(assessmentRow.input_json) as SeverityInput;
    assessment = { at: assessmentRow.at, author: assessmentRow.author, input, result: assessSeverity(input) };
  }

  const history: IncidentEvent[] = eventRows.map((e) => ({
    at: e.at,
    author: e.author,
    kind: e.kind,
    change: JSON.parse(e.change_json) as Record<string, unknown>,
  }));
  const authorityNotifications = history
    .filter((e) => e.kind === 'authority-notified')
    .map((e, i) => ({ at: String(e.change.at), phase: i + 1 }));

  const details = JSON.parse(row.details_json) as IncidentDetails;
  const deadline = row.aware_at
    ? deadlineState(new Date(row.aware_at), now, row.notified_authority_at ? new Date(row.notified_authority_at) : null)
    : null;

  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status === 'closed' ? 'closed' : 'open',
    siteId: row.site_id,
    siteName: site?.name ?? null,
    land: row.land ?? site?.land ?? null,
    timeline: {
      discoveredAt: row.discovered_at,
      awareAt: row.aware_at,
      awareDecidedBy: row.aware_decided_by,
      notifiedAuthorityAt: row.notified_authority_at,
      notifiedPatientsAt: row.notified_patients_at,
      closedAt: row.closed_at,
    },
    delayReasons: row.delay_reasons,
    details,
    findings,
    assessment,
    deadline,
    decision: decide({
      ...(assessment ? { severity: { result: assessment.result, input: assessment.input } } : {}),
      ...(details.noRiskReasoning ? { noRiskReasoning: details.noRiskReasoning } : {}),
      ...(details.art34Exemption ? { art34Exemption: details.art34Exemption } : {}),
    }),
    suggestions: suggestInputs(findings),
    authorityNotifications,
    history,
  };
}
