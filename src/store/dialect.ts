/**
 * The only place that knows SQLite from PostgreSQL. Everything else speaks Kysely's common
 * subset; the differences (driver setup, auto-increment ids, session tuning) live here.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { PostgresAdapter, PostgresDialect, SqliteDialect, type ColumnDefinitionBuilder, type Dialect, type Kysely } from 'kysely';
import pg from 'pg';

export type StoreKind = 'sqlite' | 'postgres';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export function createDialect(location: string): { kind: StoreKind; dialect: Dialect } {
  if (isPostgresUrl(location)) {
    const pool = new pg.Pool({ connectionString: location, max: 5, connectionTimeoutMillis: 10_000 });
    return { kind: 'postgres', dialect: new PostgresDialect({ pool }) };
  }
  mkdirSync(dirname(location), { recursive: true, mode: 0o700 });
  const database = new SqliteDatabase(location, { timeout: 10_000 });
  // Webhook secrets and the practices' exposure history live here: owner only. SQLite gives
  // its -wal and -shm files the same permissions.
  chmodSync(location, 0o600);
  // WAL lets `watch` write while `diff` or the dashboard read; NORMAL is durable across crashes
  // of the process (SIGKILL) and loses at most the last commit on power loss.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  return { kind: 'sqlite', dialect: new SqliteDialect({ database }) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely
export function storeKindOf(db: Kysely<any>): StoreKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Column type and modifiers for an auto-increment integer primary key. */
export function autoIdColumn(kind: StoreKind): ['integer' | 'serial', (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  return kind === 'postgres' ? ['serial', (c) => c.primaryKey()] : ['integer', (c) => c.primaryKey().autoIncrement()];
}
