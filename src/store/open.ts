/** Opening the store: where it lives, connecting, and bringing the schema up to date. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Kysely, Migrator, type Migration, type MigrationProvider } from 'kysely';
import { createDialect, isPostgresUrl } from './dialect.js';
import { maskUrl } from './mask.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Database } from './schema.js';
import { Store } from './store.js';

export interface StoreOptions {
  /** Data directory of the embedded SQLite store (--data). */
  data?: string;
  /** postgres://… URL (--db), or a path of an SQLite file. Wins over `data`. */
  db?: string;
}

export const SQLITE_FILE = 'praxiswache.db';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PRAXISWACHE_DATA) return env.PRAXISWACHE_DATA;
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'praxiswache');
}

/** The database location the options name: a postgres URL or an SQLite file path. */
export function resolveLocation(opts: StoreOptions, env: NodeJS.ProcessEnv = process.env): string {
  const db = opts.db ?? env.PRAXISWACHE_DB;
  if (db) return db;
  return join(opts.data ?? defaultDataDir(env), SQLITE_FILE);
}

export function maskLocation(location: string): string {
  return isPostgresUrl(location) ? maskUrl(location) : location;
}

class ListedMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const entries = await Promise.all(MIGRATIONS.map(async ([name, load]) => [name, await load()] as const));
    return Object.fromEntries(entries);
  }
}

export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  const location = resolveLocation(opts);
  const { kind, dialect } = createDialect(location);
  const db = new Kysely<Database>({ dialect });
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return new Store(db, kind, maskLocation(location));
}

export async function migrate(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: new ListedMigrations() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
  }
}
