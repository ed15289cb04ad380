import { UsageError } from '../core/types.js';
import type { LabService, Scenario, ScenarioInstance } from './scenario.js';
import { hardened } from './scenarios/hardened.js';
import { openPacs } from './scenarios/open-pacs.js';
import { practiceSoftware } from './scenarios/practice-software.js';
import { profilerLeak } from './scenarios/profiler-leak.js';
import { routerPortforward } from './scenarios/router-portforward.js';

export type { LabService, Scenario, ScenarioInstance } from './scenario.js';

/** One scenario per seed case (127.77.1.x, 127.77.2.x, …), plus the hardened control. */
export const SCENARIOS: readonly Scenario[] = [routerPortforward, hardened, profilerLeak, openPacs, practiceSoftware];

export interface RunningLab {
  /** What is served right now, over all scenarios. */
  readonly services: LabService[];
  hosts: string[];
  /** Every port any scenario serves or may serve (extra ports included). */
  readonly ports: number[];
  scenarios: ScenarioInstance[];
  stop(): Promise<void>;
}

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}

export const LAB_ADDRESS_PREFIX = '127.77';

/**
 * Starts the named scenarios (default: all). Unknown names fail before anything listens.
 * `addressPrefix` (or PRAXISWACHE_LAB_PREFIX) moves the whole lab, e.g. to a test's own 127.x
 * range, so that a test and a running `praxiswache lab up` do not compete for the same addresses.
 */
export async function startLab(names?: string[], opts: { addressPrefix?: string } = {}): Promise<RunningLab> {
  const addressPrefix = opts.addressPrefix ?? (process.env.PRAXISWACHE_LAB_PREFIX || LAB_ADDRESS_PREFIX);
  if (!/^127\.\d{1,3}$/.test(addressPrefix)) throw new UsageError(`lab addresses must stay in 127/8, not "${addressPrefix}"`);
  const chosen = (names && names.length > 0 ? names : SCENARIOS.map((s) => s.name)).map((name) => {
    const scenario = findScenario(name);
    if (!scenario) throw new UsageError(`unknown lab scenario "${name}" (known: ${SCENARIOS.map((s) => s.name).join(', ')})`);
    return scenario;
  });
  const instances: ScenarioInstance[] = [];
  try {
    for (const scenario of chosen) instances.push(await scenario.start({ addressPrefix }));
  } catch (err) {
    await Promise.all(instances.map((i) => i.stop()));
    throw err;
  }
  return {
    get services() {
      return instances.flatMap((i) => i.services);
    },
    hosts: [...new Set(instances.flatMap((i) => i.hosts))],
    get ports() {
      return [...new Set(instances.flatMap((i) => i.ports))].sort((a, b) => a - b);
    },
    scenarios: instances,
    stop: async () => {
      await Promise.all(instances.map((i) => i.stop()));
    },
  };
}
