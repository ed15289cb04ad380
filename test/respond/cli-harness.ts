/** Runs the respond CLI commands in-process (fresh commander program per call) and a store per back end. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { vi } from 'vitest';
import { register as registerIncident } from '../../src/cli/commands/incident.js';
import { register as registerRegister } from '../../src/cli/commands/register.js';
import type { ScanReport } from '../../src/core/types.js';
import { openStore, type StoreOptions } from '../../src/store/index.js';
import { postgresTestsEnabled, startPostgres } from '../support/postgres.js';

export async function cli(args: string[]): Promise<string> {
  const program = new Command('praxiswache').exitOverride();
  registerIncident(program);
  registerRegister(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return out;
}

export interface TestBackend {
  name: string;
  start(): Promise<{ options: StoreOptions; args: string[]; stop: () => Promise<void> }>;
}

export const RESPOND_BACKENDS: TestBackend[] = ([
  {
    name: 'sqlite',
    start() {
      const dir = mkdtempSync(join(tmpdir(), 'praxiswache-respond-'));
      return Promise.resolve({ options: { data: dir }, args: ['--data', dir], stop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) });
    },
  },
  {
    name: 'postgres',
    async start() {
      const pg = await startPostgres();
      return { options: { db: pg.url }, args: ['--db', pg.url], stop: pg.stop };
    },
  },
] satisfies TestBackend[]).filter((b) => b.name !== 'postgres' || postgresTestsEnabled());

/** The dubidoc exposure as the scanner would have stored it (seed 002), on a test address. */
export async function seedDubidocFindings(options: StoreOptions): Promise<number[]> {
  const store = await openStore(options);
  try {
    const site = await store.sites.add({
      name: 'dubidoc', land: 'BY', targets: ['127.15.0.2'], ports: null,
      contacts: { emails: [], webhooks: [] }, language: 'de', schedule: 'every 24h', remindAfterHours: 24,
    });
    const at = new Date().toISOString();
    const report: ScanReport = {
      scanner: { name: 'praxiswache', version: 'test' }, startedAt: at, finishedAt: at, targets: ['127.15.0.2'], interrupted: false,
      hosts: [{ address: '127.15.0.2', ports: [
        { port: 443, protocol: 'tcp', state: 'open', service: { name: 'http', tls: true } },
        { port: 3306, protocol: 'tcp', state: 'open', service: { name: 'mysql', tls: false } },
      ] }],
      findings: [
        { checkId: 'http.symfony-profiler', severity: 'critical', host: '127.15.0.2', port: 443, title: 'Symfony profiler exposed', evidence: 'env panel: DATABASE_URL=my…(41), MAILER_DSN=sm…(38)', personalData: false, key: '/_profiler' },
        { checkId: 'db.mysql.no-auth', severity: 'critical', host: '127.15.0.2', port: 3306, title: 'MySQL reachable from the internet', evidence: 'login with leaked credentials not attempted; server greeting 8.0', personalData: true },
      ],
    };
    const scanId = await store.saveScan(site.id, report);
    return (await store.listFindings({ scanId })).map((f) => f.id);
  } finally {
    await store.close();
  }
}

/** The parts of `incident show --format json` the tests read. */
export interface ShowJson {
  site: string | null;
  land: string | null;
  severity: { score: number; level: number; band: string; label: { de: string; en: string }; flags: { manyAffected: boolean } } | null;
  deadline: { due: string; hoursLeft: number; overdue: boolean; notified: boolean } | null;
  decision: { action: string };
  noticeMissing: string[];
  suggestions: { category?: string; confidentiality?: number; hints: unknown[] };
  authorityNotifications: { phase: number }[];
  history: { kind: string; author: string; at: string }[];
  timeline: Record<string, string | null>;
}

export async function showJson(id: string, args: string[]): Promise<ShowJson> {
  return JSON.parse(await cli(['incident', 'show', id, ...args, '--format', 'json'])) as ShowJson;
}
