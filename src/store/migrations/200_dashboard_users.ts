/**
 * Dashboard logins (owner: dashboard): one row per person, the password only as a scrypt hash,
 * the API token (if any) only as its SHA-256.
 */
import type { Kysely } from 'kysely';
import { autoIdColumn, storeKindOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the current types
export async function up(db: Kysely<any>): Promise<void> {
  const [idType, idColumn] = autoIdColumn(storeKindOf(db));
  await db.schema
    .createTable('dashboard_users')
    .addColumn('id', idType, idColumn)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('api_token_hash', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
