/** The --data / --db flags every command that uses the store shares, and opening it from them. */
import type { Command } from 'commander';
import { openStore, type StoreOptions } from './open.js';
import type { Store } from './store.js';

export function addStoreOptions(cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'data directory of the embedded SQLite store (default $PRAXISWACHE_DATA or ~/.local/share/praxiswache)')
    .option('--db <url>', 'PostgreSQL instead (postgres://user:pass@host/db) or an SQLite file; wins over --data (default $PRAXISWACHE_DB)');
}

export async function withStore<T>(opts: StoreOptions, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ ...(opts.data ? { data: opts.data } : {}), ...(opts.db ? { db: opts.db } : {}) });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
