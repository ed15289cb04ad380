import type dimse from 'dcmjs-dimse';
import { INCIDENTS } from '../incidents.js';
import type { Localized } from '../../core/types.js';
import type { Check } from '../types.js';
import { CALLING_AE, calledAeCandidates, sessionEvidence, worthAnotherTitle } from './ae-titles.js';
import { loadDimse, runSession, type DimseKit, type RequestOutcome, type SessionResult } from './session.js';

/**
 * dicom.patient-query — a PACS answers C-FIND from a calling AE it does not know: the list of
 * patients and studies (names, birth dates, IDs) is open to anyone who can reach the port. This
 * is how the 2019 survey counted 16M+ open records.
 *
 * Proof: within an accepted association as "PRAXISWACHE", a C-FIND at PATIENT level (patient
 * root) or STUDY level (study root) returns at least one match. Only the COUNT of matches and
 * the NAMES of the attributes that carried values are kept; values are dropped the moment a
 * response arrives. Counting stops at MAX_MATCHES (evidence then says "100+").
 *
 * Sample evidence: "C-FIND as PRAXISWACHE → ANY-SCP: patient level 3 matches, study level 4
 * matches; attributes present: PatientID, PatientName, PatientBirthDate, StudyDate"
 * (de: "C-FIND als PRAXISWACHE → ANY-SCP: Patientenebene 3 Treffer, Studienebene 4 Treffer;
 * vorhandene Attribute: …")
 */
type Request = InstanceType<typeof dimse.requests.Request>;

const MAX_MATCHES = 100;
const PATIENT_ROOT_FIND = '1.2.840.10008.5.1.4.1.2.1.1';

export const patientQuery: Check = {
  meta: {
    id: 'dicom.patient-query',
    severity: 'critical',
    title: {
      de: 'DICOM-Archiv gibt Patientenliste an Unbekannte heraus (C-FIND)',
      en: 'DICOM archive returns patients to unknown peers (C-FIND)',
    },
    description: {
      de: 'Eine C-FIND-Abfrage von einem unbekannten Aufrufer liefert Patienten- oder Studieneinträge. Gezählt werden nur Treffer und vorhandene Attribute, keine Werte.',
      en: 'A C-FIND query from an unknown calling AE returns patient or study entries. Only matches and present attributes are counted, never values.',
    },
    remediation: {
      de: 'Abfragen nur für eingetragene Modalitäten erlauben (Orthanc: DicomAlwaysAllowFind=false, DicomCheckCalledAet=true, Modalitäten mit IP-Bindung; dcmqrscp: Peers und Zugriffsrechte je Speicherbereich), den DICOM-Port nicht ins Internet freigeben. Zugriffe Dritter in den Protokollen prüfen und die Meldepflicht nach Art. 33 DSGVO klären.',
      en: 'Allow queries only from registered modalities (Orthanc: DicomAlwaysAllowFind=false, DicomCheckCalledAet=true, modalities bound to their IPs; dcmqrscp: peers and per-storage-area access), never forward the DICOM port to the internet. Check logs for third-party access and assess the GDPR Art. 33 notification duty.',
    },
    cwe: [284, 306, 359],
    kbv: ['topic/access-control', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [INCIDENTS.openPacs2019],
    intrusive: true,
  },

  appliesTo: (target) => target.service.name === 'dicom',

  async run(target, ctx) {
    const kit = await loadDimse();
    const tried: SessionResult[] = [];
    for (const calledAe of calledAeCandidates(target.service)) {
      if (ctx.signal.aborted) break;
      const session = await runSession(target, ctx, findRequests(kit), { callingAe: CALLING_AE, calledAe, maxMatches: MAX_MATCHES });
      tried.push(session);
      const [patients, studies] = session.outcomes;
      if (patients && studies && patients.matches + studies.matches > 0) {
        const attributes = [...new Set([...patients.attributes, ...studies.attributes])].sort().join(', ');
        const [patientMatches, studyMatches] = [matches(patients), matches(studies)];
        const headline = {
          de: `C-FIND als ${CALLING_AE} → ${calledAe}: Patientenebene ${patientMatches.de}, Studienebene ${studyMatches.de}; vorhandene Attribute: ${attributes || 'keine'}`,
          en: `C-FIND as ${CALLING_AE} → ${calledAe}: patient level ${patientMatches.en}, study level ${studyMatches.en}; attributes present: ${attributes || 'none'}`,
        };
        return [
          {
            evidence: sessionEvidence(headline, tried),
            personalData: true,
            key: 'c-find',
          },
        ];
      }
      if (!worthAnotherTitle(session)) break;
    }
    return [];
  },
};

/** Universal matching (every key empty): any stored patient matches; return keys ask for the identifying attributes. */
function findRequests(kit: DimseKit): Request[] {
  const { requests, Dataset } = kit.dimse;
  const patients = new requests.CFindRequest();
  patients.setAffectedSopClassUid(PATIENT_ROOT_FIND);
  patients.setDataset(
    new Dataset({ QueryRetrieveLevel: 'PATIENT', PatientID: '', PatientName: '', PatientBirthDate: '', PatientSex: '', NumberOfPatientRelatedStudies: '' }),
  );
  const studies = requests.CFindRequest.createStudyFindRequest({});
  return [patients, studies];
}

/** "3 matches" / "3 Treffer", "100+" once counting stopped at the limit. */
function matches(outcome: RequestOutcome): Localized {
  const n = `${outcome.matches}${outcome.matches >= MAX_MATCHES ? '+' : ''}`;
  return { de: `${n} Treffer`, en: `${n} match${outcome.matches === 1 ? '' : 'es'}` };
}
