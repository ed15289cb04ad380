/**
 * Runs praxiswache and nmap over the peers of the manifest (inside the bench namespace), each with
 * a time limit, and prints the comparison as Markdown: per expected exposure who reported it,
 * per correctly configured peer what either tool flagged, skipped peers, and both wall-clock times.
 *
 *   compare.ts <work dir with manifest.json> [time limit per tool in s]
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, ScanReport } from '../../src/core/types.js';
import { NMAP_RULES, NSE_SCRIPTS, nmapProof, parseNmapXml, type NmapScan } from './nmap-evidence.js';
import type { Expected, Manifest } from './peer-types.js';

const [workDir = '.', limitArg = '900'] = process.argv.slice(2);
const LIMIT_S = Number(limitArg);
const SEVERITY_RANK: Record<string, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

interface Timed {
  seconds: number;
  code: number | null;
  timedOut: boolean;
  stderr: string;
}

function timedRun(command: string, args: string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, LIMIT_S * 1000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, code, timedOut, stderr });
    });
  });
}

const matches = (f: Finding, host: string, e: Expected): boolean =>
  f.host === host && f.checkId === e.check && (e.port === undefined || f.port === e.port) && (e.key === undefined || f.key === e.key);

const label = (e: Expected): string => `${e.check}${e.key ? ` (${e.key})` : ''}${e.port ? ` :${e.port}` : ''}`;
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function nmapVerdicts(scan: NmapScan, host: string, ports: number[]): string[] {
  return Object.keys(NMAP_RULES).flatMap((check) => {
    const proof = nmapProof(scan, host, ports, check);
    return proof ? [`${check}: ${proof}`] : [];
  });
}

async function main(): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(workDir, 'manifest.json'), 'utf8')) as Manifest;
  const hosts = manifest.peers.map((p) => p.host);
  const ports = [...new Set(manifest.peers.flatMap((p) => p.ports))].sort((a, b) => a - b).join(',');
  const pwFile = join(workDir, 'praxiswache.json');
  const nmapFile = join(workDir, 'nmap.xml');

  process.stderr.write(`scanning ${hosts.length} addresses × ports ${ports}\n`);
  const pw = await timedRun('node', ['dist/cli/main.js', 'scan', ...hosts, '-p', ports, '--format', 'json', '-o', pwFile, '-q', '--fail-on', 'none']);
  process.stderr.write(`praxiswache: ${pw.seconds.toFixed(1)} s (exit ${pw.code}${pw.timedOut ? ', TIME LIMIT' : ''})\n`);
  const nm = await runNmap(hosts, ports, NSE_SCRIPTS, nmapFile);
  // http-enum alone asks every web server for a few thousand paths: the second run shows
  // how much of nmap's time that is, and what nmap proves without it.
  const lean = NSE_SCRIPTS.filter((s) => s !== 'http-enum');
  const nmLean = await runNmap(hosts, ports, lean, join(workDir, 'nmap-lean.xml'));

  const report = readJson<ScanReport>(pwFile);
  const findings = report?.findings ?? [];
  const nmapXml = readText(nmapFile);
  const scan = parseNmapXml(nmapXml);
  const leanScan = parseNmapXml(readText(join(workDir, 'nmap-lean.xml')));

  const out: string[] = [];
  out.push(`Scanned ${hosts.length} peer addresses × ports ${ports}.`, '');
  out.push('| peer | address | expected exposure | praxiswache | nmap | nmap output that proves it (or why not) |', '|---|---|---|:-:|:-:|---|');
  const counts = { expected: 0, pw: 0, nmap: 0, nmapOnly: 0, lean: 0 };
  for (const peer of manifest.peers.filter((p) => p.role === 'exposed')) {
    for (const e of peer.expected) {
      const byPw = findings.some((f) => matches(f, peer.host, e));
      const proof = nmapProof(scan, peer.host, e.port ? [e.port] : peer.ports, e.check, e.key);
      const why = proof ?? (NMAP_RULES[e.check] ? `nothing in ${NMAP_RULES[e.check]?.scripts}` : 'no NSE script for this');
      counts.expected++;
      if (byPw) counts.pw++;
      if (proof) counts.nmap++;
      if (proof && !byPw) counts.nmapOnly++;
      if (nmapProof(leanScan, peer.host, e.port ? [e.port] : peer.ports, e.check, e.key)) counts.lean++;
      out.push(`| ${cell(peer.name)} | ${peer.host} | ${label(e)} | ${byPw ? 'yes' : '**no**'} | ${proof ? 'yes' : 'no'} | ${cell(why)} |`);
    }
  }
  out.push('', `Expected exposures: ${counts.expected}; praxiswache reported ${counts.pw}, nmap ${counts.nmap} (${counts.lean} without http-enum); reported by nmap but not praxiswache: ${counts.nmapOnly}.`, '');

  out.push('Correctly configured peers (praxiswache: findings above info, must be none; nmap: what the same rules read from its output):', '');
  out.push('| peer | address | praxiswache above info | nmap |', '|---|---|---|---|');
  for (const peer of manifest.peers.filter((p) => p.role === 'fixed')) {
    const above = findings.filter((f) => f.host === peer.host && (SEVERITY_RANK[f.severity] ?? 4) > 0).map((f) => `${f.checkId} ${f.severity}${f.key ? ` (${f.key})` : ''}`);
    const nmap = nmapVerdicts(scan, peer.host, peer.ports);
    out.push(`| ${cell(peer.name)} | ${peer.host} | ${above.length ? `**${cell(above.join('; '))}**` : 'none'} | ${cell(nmap.join('; ') || 'nothing')} |`);
  }

  const extra = manifest.peers
    .filter((p) => p.role === 'exposed')
    .flatMap((p) => findings.filter((f) => f.host === p.host && !p.expected.some((e) => matches(f, p.host, e))).map((f) => `${p.name}: ${f.checkId} ${f.severity}${f.key ? ` (${f.key})` : ''}`));
  if (extra.length) out.push('', `Further praxiswache findings on the misconfigured peers: ${extra.join('; ')}.`);
  const stray = findings.filter((f) => !hosts.includes(f.host));
  if (stray.length) out.push('', `Findings on addresses that are no peer: ${stray.length}.`);
  if (manifest.skipped.length) {
    out.push('', 'Skipped:', '');
    for (const s of manifest.skipped) out.push(`- ${s.name} (${s.expected.map(label).join(', ') || 'fixed twin'}): ${s.reason}`);
  }
  if (report?.skippedChecks?.length) out.push('', `praxiswache skipped checks: ${report.skippedChecks.map((s) => `${s.checkId}: ${s.reason}`).join('; ')}`);

  out.push('', '| tool | wall-clock s | exit | time ÷ praxiswache |', '|---|---:|---:|---:|');
  out.push(`| praxiswache scan (CLI, --format json) | ${pw.seconds.toFixed(1)} | ${pw.timedOut ? 'time limit' : String(pw.code)} | 1.00 |`);
  for (const [name, run] of [[`nmap -sV -n -Pn, ${NSE_SCRIPTS.length} NSE scripts`, nm], [`the same without http-enum (${lean.length} scripts)`, nmLean]] as const) {
    out.push(`| ${name} | ${run.seconds.toFixed(1)} | ${run.timedOut ? 'time limit' : String(run.code)} | ${(run.seconds / pw.seconds).toFixed(2)} |`);
  }
  if (pw.code !== 0 && !report) out.push('', `praxiswache stderr: ${cell(pw.stderr.slice(-500))}`);
  if (!nmapXml) out.push('', `nmap stderr: ${cell(nm.stderr.slice(-500))}`);

  const text = out.join('\n');
  writeFileSync(join(workDir, 'table.md'), `${text}\n`);
  process.stdout.write(`${text}\n`);
}

async function runNmap(hosts: string[], ports: string, scripts: readonly string[], xmlFile: string): Promise<Timed> {
  const run = await timedRun('nmap', ['-sV', '-n', '-Pn', '-p', ports, '--script', scripts.join(','), '-oX', xmlFile, ...hosts]);
  process.stderr.write(`nmap (${scripts.length} scripts): ${run.seconds.toFixed(1)} s (exit ${run.code}${run.timedOut ? ', TIME LIMIT' : ''})\n`);
  return run;
}

/** File content, or '' when the tool wrote none (timed out): every cell then says no. */
function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`compare: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(3);
});
