import { composeInstance } from '../compose.js';
import { fakePatients } from '../fake-patients.js';
import { startFhirServer } from '../fhir-server.js';
import { startPlaintextImap } from '../imap-server.js';
import { startMllpServer } from '../mllp-server.js';
import type { Scenario } from '../scenario.js';

/**
 * Doc Cirrus inSuite 2020 (seed 004): practice software whose interfaces face the network. A
 * FHIR API under /4_0_1/ hands out (synthetic) patients without credentials, the mail server
 * offers password login in clear, and the HL7 interface (MLLP) acknowledges anyone's messages.
 */
export const practiceSoftware: Scenario = {
  name: 'practice-software',
  description: {
    de: 'Doc Cirrus 2020: offene FHIR-API mit (synthetischen) Patienten, IMAP-Anmeldung im Klartext, HL7-Schnittstelle (MLLP) ohne Zugangsbeschränkung',
    en: 'Doc Cirrus 2020: open FHIR API with (synthetic) patients, plaintext IMAP login, HL7 interface (MLLP) without access restriction',
  },
  expectedFindings: ['fhir.patient-read', 'mail.plaintext-auth', 'hl7.mllp-open'],
  start({ addressPrefix }) {
    const host = `${addressPrefix}.5.1`;
    const patients = fakePatients(8);
    return composeInstance('practice-software', [host], [
      {
        description: `FHIR R4 API under /4_0_1/ without authentication, ${patients.length} synthetic patients`,
        start: () => startFhirServer({ host, port: 8080, base: '/4_0_1/', patients }),
      },
      {
        description: 'IMAP offering password login without TLS (no STARTTLS)',
        start: () => startPlaintextImap(host, 143),
      },
      {
        description: 'HL7 v2 MLLP interface acknowledging every sender',
        start: () => startMllpServer({ host, port: 2575, mode: 'open' }),
      },
    ]);
  },
};
