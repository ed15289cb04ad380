import type { Command } from 'commander';
import { register as scan } from './scan.js';
import { register as ports } from './ports.js';
import { register as checks } from './checks.js';
import { register as lab } from './lab.js';
import { register as demo } from './demo.js';
import { register as site } from './site.js';
import { register as diff } from './diff.js';
import { register as baseline } from './baseline.js';
import { register as watch } from './watch.js';
import { register as incident } from './incident.js';
import { register as register_ } from './register.js';

/** Order here is the order in --help: the find → watch → respond loop. */
export function registerAll(program: Command): void {
  for (const add of [scan, ports, checks, lab, demo, site, diff, baseline, watch, incident, register_]) add(program);
}
