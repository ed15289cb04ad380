import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresTestsEnabled, startPostgres } from '../support/postgres.js';

describe.runIf(postgresTestsEnabled())('startPostgres', () => {
  it('starts a throwaway server on 127.14.0.1 and removes it on stop', async () => {
    const server = await startPostgres();
    const url = new URL(server.url);
    expect(url.hostname).toBe('127.14.0.1');
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    await client.end();
    expect(rows[0]?.db).toBe(url.pathname.slice(1));
    await server.stop();
    const again = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 1_000 });
    await expect(again.connect()).rejects.toThrow();
  });
});
