import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientRead } from '../../src/checks/fhir/patient-read.js';
import { httpRequest } from '../../src/checks/http-client.js';
import type { CheckTarget } from '../../src/checks/types.js';
import { evidenceIn } from '../../src/checks/evidence.js';
import { identify } from '../../src/identify/identify.js';
import { FAKE_SURNAMES } from '../../src/lab/fake-documents.js';
import { FAKE_GIVEN_NAMES, fakePatients } from '../../src/lab/fake-patients.js';
import { checkContext } from '../checks/context.js';
import { startFhirCore, type RunningFhir } from './fhir-core-server.js';

// node-fhir-server-core, open (auth off — what NODE_ENV=test silently gives) and with a bearer strategy.
const patients = fakePatients(5);
let open: RunningFhir;
let fixed: RunningFhir;
const target = (s: RunningFhir): CheckTarget => ({ host: s.host, port: s.port, service: { name: 'http', tls: false } });

beforeAll(async () => {
  open = await startFhirCore({ host: '127.22.22.1', patients, auth: false });
  fixed = await startFhirCore({ host: '127.22.22.2', patients, auth: true });
});
afterAll(async () => {
  await open?.close();
  await fixed?.close();
});

describe('peer: node-fhir-server-core', () => {
  it('is identified as HTTP', async () => {
    expect((await identify(open.host, open.port, { timeoutMs: 3000, maxBytes: 65536 })).name).toBe('http');
  });

  it('open: Patient search under /4_0_1/ without credentials → finding with counts and element names only', async () => {
    // The framework does not hand _count to the service here, so the page may hold all five.
    const drafts = await patientRead.run(target(open), checkContext());
    expect(drafts).toHaveLength(1);
    const [de, en] = [evidenceIn(drafts[0]!.evidence, 'de'), evidenceIn(drafts[0]!.evidence, 'en')];
    expect(en).toMatch(/^FHIR \/4_0_1\/Patient\?_count=1 without credentials: Bundle total 5, (1 entry|5 entries); elements present: birthDate, gender, name$/);
    expect(de).toMatch(/^FHIR \/4_0_1\/Patient\?_count=1 ohne Anmeldung: Bundle total 5, (1 Eintrag|5 Einträge); vorhandene Elemente: birthDate, gender, name$/);
    for (const text of [de, en]) {
      for (const name of [...FAKE_SURNAMES, ...FAKE_GIVEN_NAMES, 'fake-10']) expect(text).not.toContain(name);
    }
  });

  it('fixed: the bearer strategy answers 401 and the check finds nothing', async () => {
    const reply = await httpRequest(target(fixed), checkContext(), { path: '/4_0_1/Patient?_count=1' });
    expect(reply?.status).toBe(401);
    expect(await patientRead.run(target(fixed), checkContext())).toEqual([]);
  });
});
