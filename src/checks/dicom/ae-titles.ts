import type { Lang, Localized, ServiceInfo } from '../../core/types.js';
import { capEvidence } from '../mask.js';
import type { AssociationState, SessionResult } from './session.js';

/** Our calling AE title: unknown to every PACS, which is the point of the test. */
export const CALLING_AE = 'PRAXISWACHE';

/**
 * Called AE titles worth trying. Many archives accept any called AE (ANY-SCP), others only
 * their own: the product's default comes first when identification named the product.
 */
const COMMON_CALLED_AES = ['ANY-SCP', 'PACS', 'ORTHANC', 'DCM4CHEE', 'CONQUESTSRV1', 'STORESCP', 'DCMQRSCP'];

const PRODUCT_DEFAULTS: readonly [RegExp, string][] = [
  [/orthanc/i, 'ORTHANC'],
  [/dcm4che/i, 'DCM4CHEE'],
  [/conquest/i, 'CONQUESTSRV1'],
  [/dcmqrscp/i, 'DCMQRSCP'],
];

export function calledAeCandidates(service: ServiceInfo): string[] {
  const product = `${service.product ?? ''} ${service.banner ?? ''}`;
  const own = PRODUCT_DEFAULTS.filter(([pattern]) => pattern.test(product)).map(([, ae]) => ae);
  return [...new Set([...own, ...COMMON_CALLED_AES])];
}

/** A peer that is silent, gone or not DICOM will not start talking for the next AE title. */
export function worthAnotherTitle(session: SessionResult): boolean {
  return session.association === 'accepted' || session.association === 'rejected';
}

const STATE: Record<AssociationState, Localized> = {
  accepted: { de: 'angenommen', en: 'accepted' },
  rejected: { de: 'abgelehnt', en: 'rejected' },
  refused: { de: 'Verbindung abgewiesen', en: 'refused' },
  'not-dicom': { de: 'kein DICOM', en: 'not-dicom' },
  'no-answer': { de: 'keine Antwort', en: 'no-answer' },
};

/** "ANY-SCP rejected (permanent, service-user: called AE title not recognized)" and the like. */
export function describeSession(session: SessionResult, lang: Lang): string {
  const ae = session.calledAe;
  const state = STATE[session.association][lang];
  const abort = session.abort?.[lang];
  if (session.association === 'rejected' && session.reject) {
    const r = session.reject;
    return `${ae} ${state} (${r.result[lang]}, ${r.source[lang]}: ${r.reason[lang]})`;
  }
  if (session.association === 'accepted') return `${ae} ${state}${abort ? `, ${lang === 'de' ? 'dann' : 'then'} ${abort}` : ''}`;
  return `${ae} ${state}${abort ? ` (${abort})` : ''}`;
}

/** The finding's text in both languages: its headline, then every called AE title tried on the way. */
export function sessionEvidence(headline: Localized, tried: SessionResult[]): Localized {
  const say = (lang: Lang, triedWord: string): string =>
    capEvidence(`${headline[lang]}; ${triedWord}: ${tried.map((s) => describeSession(s, lang)).join('; ')}`);
  return { de: say('de', 'versucht'), en: say('en', 'tried') };
}
