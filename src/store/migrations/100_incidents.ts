/** The breach workflow (owner: respond): incidents, their append-only history, findings, assessments. */
import type { Kysely } from 'kysely';
import { autoIdColumn, storeKindOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the current types
export async function up(db: Kysely<any>): Promise<void> {
  const [idType, idColumn] = autoIdColumn(storeKindOf(db));

  await db.schema
    .createTable('incidents')
    .addColumn('id', idType, idColumn)
    .addColumn('site_id', 'integer', (c) => c.references('sites.id').onDelete('set null'))
    .addColumn('land', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('discovered_at', 'text', (c) => c.notNull())
    .addColumn('aware_at', 'text')
    .addColumn('aware_decided_by', 'text')
    .addColumn('notified_authority_at', 'text')
    .addColumn('notified_patients_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('delay_reasons', 'text')
    .addColumn('details_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incidents_site').on('incidents').column('site_id').execute();

  await db.schema
    .createTable('incident_events')
    .addColumn('id', idType, idColumn)
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('change_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_events_incident').on('incident_events').columns(['incident_id', 'id']).execute();

  await db.schema
    .createTable('incident_findings')
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('finding_id', 'integer', (c) => c.notNull().references('findings.id'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_findings_pk', ['incident_id', 'finding_id'])
    .execute();

  await db.schema
    .createTable('incident_assessments')
    .addColumn('id', idType, idColumn)
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('input_json', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('band', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_assessments_incident').on('incident_assessments').columns(['incident_id', 'id']).execute();
}
