/**
 * Runs a suite against both back ends: SQLite in a temp data dir always, PostgreSQL through the
 * throwaway cluster of test/support/postgres.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresTestsEnabled, startPostgres } from '../support/postgres.js';
import type { StoreOptions } from '../../src/store/index.js';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Options for openStore / the CLI (--data or --db) of a fresh, empty database. */
  start(): Promise<{ options: StoreOptions; cliArgs: string[]; stop: () => Promise<void> }>;
}

export const BACKENDS: Backend[] = ([
  {
    name: 'sqlite',
    start() {
      const dir = mkdtempSync(join(tmpdir(), 'praxiswache-store-'));
      return Promise.resolve({
        options: { data: dir },
        cliArgs: ['--data', dir],
        stop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
      });
    },
  },
  {
    name: 'postgres',
    async start() {
      const pg = await startPostgres();
      return { options: { db: pg.url }, cliArgs: ['--db', pg.url], stop: pg.stop };
    },
  },
] satisfies Backend[]).filter((b) => b.name !== 'postgres' || postgresTestsEnabled());
