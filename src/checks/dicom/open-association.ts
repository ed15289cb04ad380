import type { Localized } from '../../core/types.js';
import { INCIDENTS } from '../incidents.js';
import type { Check, FindingDraft } from '../types.js';
import { CALLING_AE, calledAeCandidates, sessionEvidence, worthAnotherTitle } from './ae-titles.js';
import { loadDimse, runSession, type SessionResult } from './session.js';

/**
 * dicom.open-association — a DICOM node accepts an association from a calling AE it has never
 * been told about and answers C-ECHO. Anyone on the network path can then talk DICOM to it;
 * whether it also hands out patients is dicom.patient-query's question.
 *
 * Proof: A-ASSOCIATE-AC for the Verification SOP class to calling AE "PRAXISWACHE", then C-ECHO
 * with status Success. Called AE titles are tried in turn (the product's own first, then
 * ANY-SCP, PACS, ORTHANC, …) until one works; every accept, reject (result, source, reason) and
 * abort seen on the way is part of the evidence. A node that accepts but aborts or refuses the
 * C-ECHO gives an info finding only.
 *
 * Sample evidence: "C-ECHO success as PRAXISWACHE → ANY-SCP; tried: ANY-SCP accepted"
 * (de: "C-ECHO erfolgreich als PRAXISWACHE → ANY-SCP; versucht: ANY-SCP angenommen")
 */
export const openAssociation: Check = {
  meta: {
    id: 'dicom.open-association',
    severity: 'high',
    title: {
      de: 'DICOM-Knoten nimmt Verbindungen unbekannter Gegenstellen an',
      en: 'DICOM node accepts associations from unknown peers',
    },
    description: {
      de: 'Der DICOM-Dienst akzeptiert eine Assoziation von einem unbekannten Aufrufer (Calling AE) und beantwortet C-ECHO.',
      en: 'The DICOM service accepts an association from an unknown calling AE title and answers C-ECHO.',
    },
    remediation: {
      de: 'Nur bekannte Modalitäten und Arbeitsplätze zulassen (Calling-AE-Prüfung, z. B. in Orthanc DicomAlwaysAllowEcho=false und DicomCheckCalledAet=true, Modalitätenliste pflegen), den DICOM-Port nicht ins Internet freigeben und für Fernzugriff VPN oder DICOM-TLS nutzen.',
      en: 'Accept only known modalities and workstations (calling AE checks; in Orthanc DicomAlwaysAllowEcho=false, DicomCheckCalledAet=true, a maintained modality list), never forward the DICOM port to the internet, and use a VPN or DICOM TLS for remote access.',
    },
    cwe: [284, 306],
    kbv: ['topic/access-control', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [INCIDENTS.openPacs2019],
    intrusive: false,
  },

  appliesTo: (target) => target.service.name === 'dicom',

  async run(target, ctx) {
    const { dimse } = await loadDimse();
    const tried: SessionResult[] = [];
    for (const calledAe of calledAeCandidates(target.service)) {
      if (ctx.signal.aborted) break;
      const session = await runSession(target, ctx, [new dimse.requests.CEchoRequest()], { callingAe: CALLING_AE, calledAe });
      tried.push(session);
      if (session.association === 'accepted' && session.outcomes[0]?.status === 0) {
        return [finding({ de: `C-ECHO erfolgreich als ${CALLING_AE} → ${calledAe}`, en: `C-ECHO success as ${CALLING_AE} → ${calledAe}` }, tried)];
      }
      if (!worthAnotherTitle(session)) break;
    }
    const accepted = tried.filter((s) => s.association === 'accepted');
    if (accepted.length === 0) return [];
    const headline = {
      de: `Assoziation von ${CALLING_AE} angenommen, C-ECHO aber nicht erfolgreich beantwortet`,
      en: `association accepted from ${CALLING_AE} but C-ECHO not answered with success`,
    };
    return [{ ...finding(headline, tried), severity: 'info' }];
  },
};

function finding(headline: Localized, tried: SessionResult[]): FindingDraft {
  return {
    evidence: sessionEvidence(headline, tried),
    personalData: false,
    key: 'association',
  };
}
