import type { Localized } from '../core/types.js';

export interface LabService {
  host: string;
  port: number;
  description: string;
}

/** One started scenario. Extra ports model the router opening or closing forwardings. */
export interface ScenarioInstance {
  name: string;
  /** What is served right now. */
  readonly services: LabService[];
  /** Every port this scenario serves or may serve (its extra ports included, open or not). */
  ports: number[];
  hosts: string[];
  /** The firmware update re-opens what the fix closed (Celle). No-op where a scenario has none. */
  openExtraPorts(): Promise<void>;
  closeExtraPorts(): Promise<void>;
  stop(): Promise<void>;
}

export interface ScenarioStartOptions {
  /** First two octets of the lab's addresses: "127.77" (tests use their own range). */
  addressPrefix: string;
}

export interface Scenario {
  name: string;
  description: Localized;
  /** The exposures a scan of this scenario must report (check ids); empty for controls. */
  expectedFindings: readonly string[];
  start(opts: ScenarioStartOptions): Promise<ScenarioInstance>;
}
