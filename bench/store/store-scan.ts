/**
 * Benchmark: storing one scan of 10,000 hosts × 5 open ports (plus 1,000 findings) in the
 * embedded SQLite store. Goal (issue 4): under 10 s. Prints the figure; sends no packets.
 *
 *   node node_modules/vite-node/vite-node.mjs bench/store/store-scan.ts [--db postgres://…] [--hosts N]
 *
 * Runs twice: into an empty store, and a second scan of the same site (finding history updates).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanReport } from '../../src/core/types.js';
import { openStore } from '../../src/store/index.js';

const PORTS = [22, 80, 443, 445, 3389];
const hostsArg = process.argv.indexOf('--hosts');
const HOSTS = hostsArg > 0 ? Number(process.argv[hostsArg + 1]) : 10_000;
const dbArg = process.argv.indexOf('--db');
const DB = dbArg > 0 ? process.argv[dbArg + 1] : undefined;

function syntheticReport(): ScanReport {
  const at = new Date().toISOString();
  const hosts = Array.from({ length: HOSTS }, (_, i) => ({
    address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    ports: PORTS.map((port) => ({
      port,
      protocol: 'tcp' as const,
      state: 'open' as const,
      service: { name: port === 22 ? 'ssh' : port === 445 ? 'microsoft-ds' : port === 3389 ? 'ms-wbt-server' : 'http', tls: port === 443, product: 'bench', version: '1.0' },
    })),
  }));
  const findings = hosts.slice(0, 1_000).map((h) => ({
    checkId: 'rdp.exposed',
    severity: 'medium' as const,
    host: h.address,
    port: 3389,
    title: 'RDP reachable',
    evidence: 'X.224 connection confirm',
    personalData: false,
  }));
  return { scanner: { name: 'praxiswache', version: 'bench' }, startedAt: at, finishedAt: at, targets: ['10.0.0.0/18'], interrupted: false, hosts, findings };
}

const dir = mkdtempSync(join(tmpdir(), 'praxiswache-bench-'));
const store = await openStore(DB ? { db: DB } : { data: dir });
try {
  const site = await store.sites.add({
    name: `bench-${process.pid}`, land: 'BY', targets: ['10.0.0.0/18'], ports: PORTS.join(','),
    contacts: { emails: [], webhooks: [] }, language: 'en', schedule: 'every 1d', remindAfterHours: 168,
  });
  const report = syntheticReport();
  for (const label of ['first scan (empty store)', 'second scan (history update)']) {
    const started = performance.now();
    const scanId = await store.saveScan(site.id, report);
    const seconds = (performance.now() - started) / 1000;
    const ok = seconds < 10 ? 'goal < 10 s met' : 'GOAL < 10 s MISSED';
    console.log(`${store.kind}: ${label}: scan ${scanId}, ${HOSTS} hosts × ${PORTS.length} ports, ${report.findings.length} findings stored in ${seconds.toFixed(2)} s (${ok})`);
  }
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
