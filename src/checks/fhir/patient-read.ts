import { httpRequest } from '../http-client.js';
import { INCIDENTS } from '../incidents.js';
import { capEvidence } from '../mask.js';
import { countedIn } from '../evidence.js';
import { isRecord, jsonOf } from '../pacs/json-reply.js';
import type { Check, CheckContext, CheckTarget } from '../types.js';

/**
 * fhir.patient-read — a FHIR server of practice software hands out Patient resources without
 * credentials (Doc Cirrus 2020: application interfaces of practice software open to anyone).
 *
 * Proof, two independent observations: (1) GET [base]/metadata answers with a FHIR
 * CapabilityStatement (or DSTU2 Conformance); the base is the one the statement advertises
 * (implementation.url) or where it was found, including versioned bases such as /4_0_1/
 * (node-fhir-server-core); (2) GET [base]/Patient?_count=1 answers with a Bundle holding a
 * Patient resource (or a bare JSON array of them, which node-fhir-server-core passes through), without
 * credentials. Kept: Bundle.total, the number of entries and the
 * element names present in the Patient (never values).
 *
 * Sample evidence: "FHIR /4_0_1/Patient?_count=1 without credentials: Bundle total 4, 1 entry;
 * elements present: birthDate, gender, name" (de: "FHIR /4_0_1/Patient?_count=1 ohne Anmeldung: Bundle
 * total 4, 1 Eintrag; vorhandene Elemente: birthDate, gender, name")
 */
const CANDIDATE_BASES = ['/', '/fhir/', '/4_0_1/', '/r4/', '/fhir/r4/', '/baseR4/', '/3_0_1/', '/api/fhir/'];
const FHIR_JSON = 'application/fhir+json, application/json;q=0.9';

export const patientRead: Check = {
  meta: {
    id: 'fhir.patient-read',
    severity: 'critical',
    title: {
      de: 'FHIR-Schnittstelle gibt Patientendaten ohne Anmeldung heraus',
      en: 'FHIR API returns patient data without authentication',
    },
    description: {
      de: 'Ein FHIR-Server liefert auf eine Patient-Suche ohne Zugangsdaten ein Bundle mit Patient-Ressourcen. Gezählt werden nur Treffer und vorhandene Elemente.',
      en: 'A FHIR server answers a Patient search without credentials with a Bundle of Patient resources. Only matches and present elements are counted.',
    },
    remediation: {
      de: 'Authentifizierung für alle FHIR-Endpunkte erzwingen (z. B. SMART on FHIR/OAuth2), die Schnittstelle nur für berechtigte Systeme im Praxisnetz bzw. per VPN erreichbar machen und HTTPS verwenden. Zugriffe Dritter prüfen und die Meldepflicht nach Art. 33 DSGVO klären.',
      en: 'Enforce authentication on every FHIR endpoint (e.g. SMART on FHIR/OAuth2), expose the API only to authorised systems in the practice network or via VPN, and use HTTPS. Check for third-party access and assess the GDPR Art. 33 notification duty.',
    },
    cwe: [306, 284, 359],
    kbv: ['topic/access-control', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [INCIDENTS.docCirrus2020],
    intrusive: true,
  },

  appliesTo: (target) => target.service.name === 'http',

  async run(target, ctx) {
    const base = await findFhirBase(target, ctx);
    if (base === null) return [];
    const path = `${base}Patient?_count=1`;
    const reply = jsonOf(await httpRequest(target, ctx, { path, headers: { Accept: FHIR_JSON } }));
    const patients = patientsIn(reply);
    if (patients.length === 0) return [];
    const elements = [...new Set(patients.flatMap((p) => Object.keys(p)))].filter((k) => !['resourceType', 'id', 'meta', 'text'].includes(k)).sort();
    // node-fhir-server-core passes through whatever the service returns: some answer a bare array.
    const bare = !isRecord(reply);
    const total = isRecord(reply) && typeof reply.total === 'number' ? `Bundle total ${reply.total}, ` : '';
    const present = elements.join(', ');
    return [
      {
        evidence: {
          de: capEvidence(
            `FHIR ${path} ohne Anmeldung: ${bare ? 'JSON-Array (kein Bundle), ' : total}${countedIn(patients.length, 'Eintrag', 'Einträge')}; ` +
              `vorhandene Elemente: ${present || 'keine'}`,
          ),
          en: capEvidence(
            `FHIR ${path} without credentials: ${bare ? 'JSON array (no Bundle), ' : total}${countedIn(patients.length, 'entry', 'entries')}; ` +
              `elements present: ${present || 'none'}`,
          ),
        },
        personalData: true,
        key: `fhir:${base}`,
      },
    ];
  },
};

/** Patient resources of a searchset Bundle, or of a bare JSON array some servers send instead. */
function patientsIn(reply: unknown): Record<string, unknown>[] {
  const resources = Array.isArray(reply)
    ? reply
    : isRecord(reply) && reply.resourceType === 'Bundle' && Array.isArray(reply.entry)
      ? reply.entry.map((e) => (isRecord(e) ? e.resource : undefined))
      : [];
  return resources.filter((r): r is Record<string, unknown> => isRecord(r) && r.resourceType === 'Patient');
}

/** The base path ("/4_0_1/") of the first CapabilityStatement found, preferring the one it advertises. */
async function findFhirBase(target: CheckTarget, ctx: CheckContext): Promise<string | null> {
  for (const base of CANDIDATE_BASES) {
    if (ctx.signal.aborted) break;
    const statement = jsonOf(await httpRequest(target, ctx, { path: `${base}metadata`, headers: { Accept: FHIR_JSON } }));
    if (!isRecord(statement) || (statement.resourceType !== 'CapabilityStatement' && statement.resourceType !== 'Conformance')) continue;
    return advertisedBase(statement) ?? base;
  }
  return null;
}

function advertisedBase(statement: Record<string, unknown>): string | null {
  const implementation = statement.implementation;
  if (!isRecord(implementation) || typeof implementation.url !== 'string') return null;
  try {
    const path = new URL(implementation.url, 'http://fhir.invalid/').pathname;
    return path.endsWith('/') ? path : `${path}/`;
  } catch {
    return null;
  }
}
