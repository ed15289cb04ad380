import type { ServiceInfo } from '../../core/types.js';
import type { SessionResult } from './session.js';

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

/** "ANY-SCP rejected (permanent, service-user: called AE title not recognized)" and the like. */
export function describeSession(session: SessionResult): string {
  const ae = session.calledAe;
  if (session.association === 'rejected' && session.reject) {
    const r = session.reject;
    return `${ae} rejected (${r.result}, ${r.source}: ${r.reason})`;
  }
  if (session.association === 'accepted') return `${ae} accepted${session.abort ? `, then ${session.abort}` : ''}`;
  return `${ae} ${session.association}${session.abort ? ` (${session.abort})` : ''}`;
}
