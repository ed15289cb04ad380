/* global process, console */
// Bench fixture, run inside the bench's own network namespace: opens a known random set of
// listening ports on 127.0.0.1 (the "one host, all ports" case) and on 127.0.1.1–254 (the
// "254 hosts × 1000 ports" case), writes the expected open ports as JSON, then waits.
import { writeFileSync } from 'node:fs';
import net from 'node:net';

const [outFile, seedArg] = process.argv.slice(2);
if (outFile === undefined) throw new Error('usage: listeners.js OUT.json [SEED]');

// small deterministic PRNG (mulberry32) so a run can be repeated with the same seed
let seed = Number(seedArg ?? Date.now()) >>> 0;
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function pick(pool, n) {
  const chosen = new Set();
  while (chosen.size < n) chosen.add(pool[Math.floor(random() * pool.length)]);
  return [...chosen].sort((a, b) => a - b);
}

const allPorts = Array.from({ length: 65535 }, (_, i) => i + 1);
const singleHostOpen = pick(allPorts, 200);
const multiPorts = pick(allPorts, 1000);
const multiOpen = [];
for (let h = 1; h <= 254; h++) {
  for (const port of pick(multiPorts, 3)) multiOpen.push(`127.0.1.${h}:${port}`);
}

async function listen(host, port) {
  const server = net.createServer((socket) => socket.resetAndDestroy());
  server.on('error', (err) => {
    console.error(`listen ${host}:${port}: ${err.message}`);
    process.exit(1);
  });
  await new Promise((resolve) => server.listen({ host, port, backlog: 511 }, resolve));
}

for (const port of singleHostOpen) await listen('127.0.0.1', port);
for (const hp of multiOpen) {
  const [host, port] = hp.split(':');
  await listen(host, Number(port));
}
writeFileSync(
  outFile,
  JSON.stringify({ singleHostOpen: singleHostOpen.map((p) => `127.0.0.1:${p}`), multiPorts, multiOpen }),
);
console.log(`listeners ready: ${singleHostOpen.length} on 127.0.0.1, ${multiOpen.length} on 127.0.1.1-254`);
process.on('SIGTERM', () => process.exit(0));
