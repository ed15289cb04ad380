/**
 * A real FHIR server for the peer suite: @asymmetrik/node-fhir-server-core (the framework behind
 * many FHIR facades of practice software) serving Patient under the versioned base /4_0_1/, with
 * synthetic patients from the lab. Bound to one of our 127.22 addresses (its own listen() would
 * take every interface, so we hand its express app to our own http server).
 *
 * Its authentication middleware is a no-op whenever NODE_ENV is "test" — which vitest sets. The
 * fixed twin therefore builds its routes with NODE_ENV switched to "production" for the moment of
 * initialize() (the middleware is chosen while routes are set up), with a bearer-token strategy.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakePatient } from '../../src/lab/fake-patients.js';

const require = createRequire(import.meta.url);

type SchemaClass = new (data: unknown) => { toJSON(): unknown };
interface FhirCore {
  initialize(config: unknown): { app: http.RequestListener };
  resolveSchema(version: string, name: string): SchemaClass;
  constants: { VERSIONS: Record<string, string> };
  loggers: { get(name: string): unknown };
}

export interface RunningFhir {
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startFhirCore(opts: { host: string; patients: readonly FakePatient[]; auth: boolean }): Promise<RunningFhir> {
  const core = require('@asymmetrik/node-fhir-server-core') as FhirCore;
  const resources = opts.patients.map((p) => ({
    resourceType: 'Patient',
    id: p.id.toLowerCase(),
    name: [{ family: p.family, given: [p.given] }],
    gender: p.sex === 'F' ? 'female' : 'male',
    birthDate: p.birthDate,
  }));
  // As implementers of this framework do: search resolves with a searchset Bundle of its schema classes.
  const Bundle = core.resolveSchema('4_0_1', 'bundle');
  const patientService = {
    search: (args: { _count?: string }) =>
      Promise.resolve(
        new Bundle({
          type: 'searchset',
          total: resources.length,
          entry: resources.slice(0, Number(args._count ?? resources.length) || resources.length).map((resource) => ({ resource })),
        }),
      ),
    searchById: (args: { id: string }) => Promise.resolve(resources.find((r) => r.id === args.id)),
  };
  const dir = mkdtempSync(join(tmpdir(), 'praxiswache-fhir-'));
  const config: Record<string, unknown> = {
    profiles: { patient: { service: patientService, versions: [core.constants.VERSIONS['4_0_1']] } },
    logging: { level: 'error' },
    server: {},
  };
  if (opts.auth) {
    // The framework loads the strategy from a file path; the token never leaves this process.
    const token = randomBytes(18).toString('base64url');
    const strategyFile = join(dir, 'bearer-strategy.cjs');
    writeFileSync(
      strategyFile,
      `const { Strategy } = require(${JSON.stringify(require.resolve('passport-http-bearer', { paths: [require.resolve('@asymmetrik/node-fhir-server-core')] }))});\n` +
        `module.exports.strategy = new Strategy((t, done) => done(null, t === ${JSON.stringify(token)} ? { id: 'praxis' } : false));\n`,
    );
    config.auth = { strategy: { name: 'bearer', service: strategyFile } };
  }
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = opts.auth ? 'production' : 'test';
  let app: http.RequestListener;
  try {
    app = core.initialize(config).app;
  } finally {
    process.env.NODE_ENV = previous;
  }
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: opts.host, port: 0, exclusive: true }, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: opts.host,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
