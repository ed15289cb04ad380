// Loads the optional C addon (native/addon.c, engine.c, worker.c). Missing or unloadable =
// null, never a crash: discovery then runs on the JS engine.
import { createRequire } from 'node:module';

export interface NativeEngineConfig {
  threads: number;
  maxInFlight: number;
  timeoutMs: number;
  retries: number;
  /** Connects per second; 0 = unlimited. */
  maxRate: number;
}

export interface NativeAddon {
  /** Calls onResults with packed records: u32 id (LE), u8 status, 3 bytes padding. */
  createEngine(config: NativeEngineConfig, onResults: (records: Buffer) => void): unknown;
  /** Packed probe records (see PROBE_RECORD_SIZE); returns false when the engine is full. */
  submit(engine: unknown, records: Buffer, count: number): boolean;
  close(engine: unknown): void;
  /** 20 bytes: u32 scope id (LE) + 16 address bytes; null when not a valid literal. */
  parseAddress(address: string, family: number): Buffer | null;
}

/** u32 id, u16 port, u8 family, u8 tries, u32 scope, 16 bytes address. */
export const PROBE_RECORD_SIZE = 28;
export const RESULT_RECORD_SIZE = 8;

let cached: NativeAddon | null | undefined;

export function loadNativeAddon(): NativeAddon | null {
  if (cached !== undefined) return cached;
  cached = null;
  if (process.platform !== 'linux') return cached;
  const require = createRequire(import.meta.url);
  // same relative path from src/discovery (tests) and dist/discovery (built CLI)
  for (const path of ['../../native/build/Release/praxiswache_discovery.node']) {
    try {
      cached = require(path) as NativeAddon;
      break;
    } catch {
      // not built: fall through to the JS engine
    }
  }
  return cached;
}
