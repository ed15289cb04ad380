/** Which checks a scan did not run and why (e.g. --safe), so a stored scan can say so later. */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the current types
export async function up(db: Kysely<any>): Promise<void> {
  // NULL: a scan stored before this column existed (not known), '[]': every check ran.
  await db.schema.alterTable('scans').addColumn('skipped_checks_json', 'text').execute();
}
