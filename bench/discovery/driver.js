/* global process, console, performance */
// Bench driver: runs discover() from the built package (dist/) with default settings and
// prints one JSON line: open ports, elapsed time, engine and peak RSS of this process.
import { discover, discoveryEngine } from '../../dist/discovery/index.js';

const [hostSpec, portSpec] = process.argv.slice(2);
if (hostSpec === undefined || portSpec === undefined) throw new Error('usage: driver.js HOSTS PORTS');

// Only the two target forms the bench uses: A.B.C.D-E (last octet range) and A.B.0.0/16.
function* hosts(spec) {
  const range = /^(\d+\.\d+\.\d+)\.(\d+)-(\d+)$/.exec(spec);
  if (range) {
    for (let i = Number(range[2]); i <= Number(range[3]); i++) yield { address: `${range[1]}.${i}`, family: 4 };
    return;
  }
  const net16 = /^(\d+\.\d+)\.0\.0\/16$/.exec(spec);
  if (net16) {
    for (let i = 0; i < 65536; i++) yield { address: `${net16[1]}.${i >> 8}.${i & 255}`, family: 4 };
    return;
  }
  yield { address: spec, family: 4 };
}

function ports(spec) {
  if (spec === '-') return Array.from({ length: 65535 }, (_, i) => i + 1);
  const out = [];
  for (const part of spec.split(',')) {
    const [a, b] = part.split('-').map(Number);
    for (let p = a; p <= (b ?? a); p++) out.push(p);
  }
  return out;
}

const started = performance.now();
const open = [];
let last = { probed: 0, total: 0 };
for await (const o of discover(hosts(hostSpec), { ports: ports(portSpec), onProgress: (p) => (last = p) })) {
  open.push(`${o.host}:${o.port}`);
}
const elapsedMs = performance.now() - started;
console.log(
  JSON.stringify({
    via: 'discover() driver',
    engine: discoveryEngine(),
    elapsedMs,
    probed: last.probed,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    open,
  }),
);
