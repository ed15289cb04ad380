import type { RunningServer } from './document-server.js';
import type { FakePatient } from './fake-patients.js';
import { startJsonApi, type JsonRoute } from './json-api-server.js';

/**
 * A FHIR R4 API of practice software over synthetic patients: /metadata (CapabilityStatement)
 * and Patient search under a versioned base such as /4_0_1/, as node-fhir-server-core serves
 * it. With `auth` it is the fixed twin (401 on everything).
 */
export function startFhirServer(opts: {
  host: string;
  port: number;
  base: string;
  patients: readonly FakePatient[];
  auth?: { user: string; password: string };
}): Promise<RunningServer> {
  const resources = opts.patients.map((p) => ({
    resourceType: 'Patient',
    id: p.id.toLowerCase(),
    name: [{ family: p.family, given: [p.given] }],
    gender: p.sex === 'F' ? 'female' : 'male',
    birthDate: p.birthDate,
  }));
  const statement = {
    resourceType: 'CapabilityStatement',
    status: 'active',
    fhirVersion: '4.0.1',
    kind: 'instance',
    format: ['application/fhir+json'],
    rest: [{ mode: 'server', resource: [{ type: 'Patient', interaction: [{ code: 'read' }, { code: 'search-type' }] }] }],
  };
  const search = (q: URLSearchParams): unknown => {
    const count = Math.max(0, Number(q.get('_count') ?? resources.length) || 0);
    return { resourceType: 'Bundle', type: 'searchset', total: resources.length, entry: resources.slice(0, count).map((resource) => ({ resource })) };
  };
  const routes = new Map<string, JsonRoute>([
    [`${opts.base}metadata`, statement],
    [`${opts.base}Patient`, search],
  ]);
  return startJsonApi({ host: opts.host, port: opts.port, routes, contentType: 'application/fhir+json', serverName: 'praxis-fhir', ...(opts.auth ? { auth: opts.auth } : {}) });
}
