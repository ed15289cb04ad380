import type { RunningServer } from './document-server.js';
import type { LabService, ScenarioInstance } from './scenario.js';

/** Starts one server of a scenario and says what it is, for `lab up` and the demo. */
export interface ServerPart {
  description: string;
  /** The port the scenario asks for; the bound one differs when a low port needs privileges. */
  port?: number;
  start(): Promise<RunningServer>;
}

interface Live {
  part: ServerPart;
  server: RunningServer;
}

/**
 * Builds a scenario instance from its parts: base servers run for the instance's lifetime,
 * extra servers can be closed (the fix) and opened again (the firmware update).
 */
export async function composeInstance(name: string, hosts: string[], base: ServerPart[], extras: ServerPart[] = []): Promise<ScenarioInstance> {
  const live: Live[] = [];
  const extraLive: Live[] = [];
  const knownPorts = new Set<number>();
  const startAll = async (parts: ServerPart[], into: Live[]): Promise<void> => {
    for (const part of parts) {
      const server = await part.start();
      knownPorts.add(server.port);
      into.push({ part, server });
    }
  };
  const closeAll = async (from: Live[]): Promise<void> => {
    await Promise.all(from.splice(0).map((l) => l.server.close()));
  };

  try {
    await startAll(base, live);
    await startAll(extras, extraLive);
  } catch (err) {
    await closeAll(live);
    await closeAll(extraLive);
    throw err;
  }

  const describe = (l: Live): LabService => {
    const moved = l.part.port !== undefined && l.part.port !== l.server.port ? ` (stands in for ${l.part.port}: ports below 1024 need privileges)` : '';
    return { host: l.server.host, port: l.server.port, description: l.part.description + moved };
  };
  return {
    name,
    hosts,
    get services() {
      return [...live, ...extraLive].map(describe);
    },
    get ports() {
      return [...knownPorts].sort((a, b) => a - b);
    },
    async openExtraPorts() {
      if (extraLive.length === 0) await startAll(extras, extraLive);
    },
    closeExtraPorts: () => closeAll(extraLive),
    async stop() {
      await closeAll(extraLive);
      await closeAll(live);
    },
  };
}
