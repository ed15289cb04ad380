/** Deadline reminders of the breach workflow (owner: respond): one row per incident and reminder step. */
import type { Kysely } from 'kysely';
import { autoIdColumn, storeKindOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the current types
export async function up(db: Kysely<any>): Promise<void> {
  const [idType, idColumn] = autoIdColumn(storeKindOf(db));
  await db.schema
    .createTable('incident_reminders')
    .addColumn('id', idType, idColumn)
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('settled_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('delivery_json', 'text', (c) => c.notNull())
    .addUniqueConstraint('incident_reminders_once', ['incident_id', 'step'])
    .execute();
}
