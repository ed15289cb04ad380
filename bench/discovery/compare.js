/* global process, console, performance */
// Runs inside the bench namespace (see run.sh): praxiswache vs nmap -sT, several runs each,
// median times, ports/s, speed ratio, open-port set equality and peak RSS; then the /16 memory run.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const expected = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const runs = Number(process.env.RUNS ?? 3);
const timeFile = `/tmp/pw-bench-time-${process.pid}`;

/** Runs a command under /usr/bin/time; returns stdout, wall seconds and peak RSS in MB. */
function timed(cmd, args, env = {}) {
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', timeFile, cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 6).join(' ')} failed: ${r.stderr}`);
  const rssMB = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) / 1024;
  return { stdout: r.stdout, seconds, rssMB };
}

function cliHasPortsOnly() {
  const r = spawnSync(process.execPath, [join(root, 'dist/cli/main.js'), 'scan', '--help'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('--ports-only');
}
const viaCli = process.env.PW_VIA !== 'driver' && cliHasPortsOnly();

function viaDriver(hosts, ports) {
  const r = timed(process.execPath, [join(here, 'driver.js'), hosts, ports]);
  return { ...r, open: JSON.parse(r.stdout).open };
}

function praxiswache(hosts, ports) {
  if (viaCli) {
    const portArg = ports === '-' ? '-p-' : `-p${ports}`;
    // no host discovery, like nmap's -Pn below: both scan every address
    const r = timed(process.execPath, [join(root, 'dist/cli/main.js'), 'scan', '--ports-only', '--host-discovery', 'never', portArg, '--format', 'json', hosts]);
    const report = JSON.parse(r.stdout);
    const open = report.hosts.flatMap((h) => h.ports.map((p) => `${h.address}:${p.port}`));
    return { ...r, open };
  }
  return viaDriver(hosts, ports);
}

function nmap(extra) {
  return (hosts, ports) => {
    const portArg = ports === '-' ? '-p-' : `-p${ports}`;
    const r = timed('nmap', ['-sT', '-n', '-Pn', ...extra, portArg, '-oG', '-', hosts]);
    const open = [];
    for (const line of r.stdout.split('\n')) {
      const m = /^Host: (\S+) .*Ports: (.*)$/.exec(line);
      if (!m) continue;
      for (const p of m[2].matchAll(/(\d+)\/open\/tcp/g)) open.push(`${m[1]}:${p[1]}`);
    }
    return { ...r, open };
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Other work on the machine shifts absolute figures; the ratios are measured side by side.
const load = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;

function compareSets(found, want) {
  const f = new Set(found);
  const w = new Set(want);
  const missed = [...w].filter((x) => !f.has(x));
  const invented = [...f].filter((x) => !w.has(x));
  return missed.length === 0 && invented.length === 0
    ? 'identical'
    : `DIFF missed ${missed.length} ${missed.slice(0, 3).join(' ')} invented ${invented.length} ${invented.slice(0, 3).join(' ')}`;
}

const scenarios = [
  { name: '1 host × 65535 ports', hosts: '127.0.0.1', ports: '-', probes: 65535, want: expected.singleHostOpen },
  {
    name: '254 hosts × 1000 ports',
    hosts: '127.0.1.1-254',
    ports: expected.multiPorts.join(','),
    probes: 254 * 1000,
    want: expected.multiOpen,
  },
];
const tools = [
  { name: 'praxiswache', run: praxiswache },
  ...(viaCli ? [{ name: 'praxiswache discover() driver', run: viaDriver }] : []),
  { name: 'nmap -sT -T4', run: nmap(['-T4']) },
  { name: 'nmap -sT --min-rate 50000', run: nmap(['--min-rate', '50000']) },
].filter((t) => process.env.ONLY === undefined || t.name === process.env.ONLY);

const engine = JSON.parse(timed(process.execPath, [join(here, 'driver.js'), '127.0.0.1', '1']).stdout).engine;
console.log(`praxiswache via ${viaCli ? 'CLI scan --ports-only' : 'discover() driver (bench/discovery/driver.js)'}, engine ${engine}, ${runs} runs each, median`);
console.log(`start: ${load()}`);
// Fixed cost of one run (process start, module loading, engine start): a 1-port scan.
const startup = tools
  .filter((t) => t.name.startsWith('praxiswache'))
  .map((t) => `${t.name} ${median(Array.from({ length: runs }, () => t.run('127.0.0.1', '1').seconds)).toFixed(2)} s`);
if (startup.length > 0) console.log(`1-port scan (start-up): ${startup.join(', ')}`);
const summary = [];
console.log('| scenario | tool | median s | ports/s | praxiswache speed ÷ tool | open ports vs truth | peak RSS MB |');
console.log('|---|---|---:|---:|---:|---|---:|');
for (const sc of scenarios) {
  const medians = {};
  for (const tool of tools) {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(tool.run(sc.hosts, sc.ports));
    const secs = median(results.map((r) => r.seconds));
    medians[tool.name] = secs;
    const verdicts = [...new Set(results.map((r) => compareSets(r.open, sc.want)))].join('; ');
    const ratio = tool.name === 'praxiswache' ? '1.00' : (secs / medians.praxiswache).toFixed(2);
    const rss = Math.max(...results.map((r) => r.rssMB)).toFixed(0);
    console.log(`| ${sc.name} | ${tool.name} | ${secs.toFixed(2)} | ${Math.round(sc.probes / secs)} | ${ratio} | ${verdicts} | ${rss} |`);
  }
  for (const [pw, pwSecs] of Object.entries(medians).filter(([n]) => n.startsWith('praxiswache'))) {
    const vs = Object.entries(medians).filter(([n]) => n.startsWith('nmap'));
    const label = pw === 'praxiswache' && viaCli ? 'praxiswache (CLI)' : pw;
    if (vs.length > 0) summary.push(`${sc.name}: ${label} is ${vs.map(([n, s]) => `${(s / pwSecs).toFixed(2)}× as fast as ${n}`).join(', ')}`);
  }
  summary.push(`  (after ${sc.name}: ${load()})`);
}
console.log(`\nspeed ratios (nmap time ÷ praxiswache time; > 1 = praxiswache faster):\n${summary.join('\n')}`);

if (process.env.SKIP_MEMORY !== '1') {
  const ports = '1-100';
  const want = [...expected.singleHostOpen, ...expected.multiOpen].filter((hp) => Number(hp.split(':')[1]) <= 100);
  const r = praxiswache('127.0.0.0/16', ports);
  console.log(
    `\nmemory run: 127.0.0.0/16 × 100 ports = ${65536 * 100} probes in ${r.seconds.toFixed(1)} s ` +
      `(${Math.round((65536 * 100) / r.seconds)} ports/s), peak RSS ${r.rssMB.toFixed(0)} MB, open ports ${compareSets(r.open, want)}`,
  );
  console.log(`end: ${load()}`);
}
rmSync(timeFile, { force: true });
