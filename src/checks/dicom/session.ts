import { createRequire } from 'node:module';
import net from 'node:net';
import type dimse from 'dcmjs-dimse';

import type { Localized } from '../../core/types.js';
import type { CheckContext, CheckTarget } from '../types.js';
import { PduTracker, PduType, describeAbort, describeReject, type RejectInfo } from './pdu.js';

/**
 * One DICOM association from an unknown calling AE, driven by dcmjs-dimse on a socket we own.
 * We own the socket because dcmjs-dimse keeps a peer's A-ABORT to itself (its Client has no
 * event for it): Orthanc, asked for C-FIND by a stranger, accepts the association and then
 * aborts, and without watching the raw stream the caller would wait for a timeout. The stream is
 * also where the byte limit is enforced, so a hostile peer cannot grow dcmjs-dimse's buffers.
 */
type Request = InstanceType<typeof dimse.requests.Request>;
type Response = InstanceType<typeof dimse.responses.Response>;

export type AssociationState = 'accepted' | 'rejected' | 'refused' | 'not-dicom' | 'no-answer';

export interface RequestOutcome {
  /** DIMSE status of the final response (0 = success), undefined when none arrived. */
  status?: number;
  /** Pending responses that carried a dataset: the number of matches of a C-FIND. */
  matches: number;
  /** Attribute keywords that carried a value in at least one match (never the values). */
  attributes: Set<string>;
  /** False when the cap, the time limit or an abort ended the request before its final response. */
  complete: boolean;
}

export interface SessionResult {
  calledAe: string;
  association: AssociationState;
  reject?: RejectInfo;
  /** Set when the peer aborted (after accepting or instead of answering). */
  abort?: Localized;
  /** How the session ended when it did not end with a release. */
  cutShort?: 'timeout' | 'byte limit' | 'match limit' | 'closed' | 'aborted';
  outcomes: RequestOutcome[];
}

export interface SessionOptions {
  callingAe: string;
  calledAe: string;
  /** Stop counting (and abort) after this many matches: a count, not an export. */
  maxMatches?: number;
}

/** The base class of dcmjs-dimse's Scp: the association engine, usable on any socket. */
interface DimseNetwork {
  on(event: string, listener: (...args: never[]) => void): void;
  sendAssociationRequest(association: InstanceType<typeof dimse.association.Association>): void;
  sendAssociationReleaseRequest(): void;
  sendRequests(requests: Request[]): void;
  sendAbort(): void;
}
type NetworkClass = new (socket: net.Socket, opts: Record<string, number>) => DimseNetwork;

/** dcmjs-dimse and what the session takes from it, ready to use. */
export interface DimseKit {
  dimse: typeof dimse;
  Network: NetworkClass;
  transferSyntaxes: string[];
}

// Loaded on first use: every scan imports the registry, and a scan without DICOM must not pay
// for dcmjs (about a tenth of a second of start-up).
let kit: Promise<DimseKit> | undefined;
export const loadDimse = (): Promise<DimseKit> => (kit ??= importDimse());

async function importDimse(): Promise<DimseKit> {
  const loaded = (await import('dcmjs-dimse')).default;
  // dcmjs-dimse logs every PDU at info level and dcmjs warns about malformed datasets; our output
  // is the report, never their logs (a hostile peer's bytes must not reach the terminal).
  loaded.log.setLevel('silent');
  // The CommonJS instance: that is the one dcmjs-dimse loads (ESM import would give a second copy).
  const dcmjs = createRequire(import.meta.url)('dcmjs') as { log: { setLevel(level: 'silent'): void } };
  dcmjs.log.setLevel('silent');
  const { ImplicitVRLittleEndian, ExplicitVRLittleEndian } = loaded.constants.TransferSyntax;
  return { dimse: loaded, Network: Object.getPrototypeOf(loaded.Scp) as NetworkClass, transferSyntaxes: [ImplicitVRLittleEndian, ExplicitVRLittleEndian] };
}

export async function runSession(target: CheckTarget, ctx: CheckContext, requests: Request[], opts: SessionOptions): Promise<SessionResult> {
  const { dimse: loaded, Network, transferSyntaxes } = await loadDimse();
  const result: SessionResult = { calledAe: opts.calledAe, association: 'no-answer', outcomes: requests.map(emptyOutcome) };
  const association = new loaded.association.Association(opts.callingAe, opts.calledAe);
  for (const request of requests) association.addPresentationContextFromRequest(request, transferSyntaxes);

  return new Promise((resolve) => {
    let done = false;
    let received = 0;
    const socket = net.connect({ host: target.host, port: target.port });
    const tracker = new PduTracker();
    const finish = (cut?: SessionResult['cutShort']): void => {
      if (done) return;
      done = true;
      if (cut) result.cutShort = cut;
      clearTimeout(deadline);
      ctx.signal.removeEventListener('abort', onAbort);
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(result);
    };
    const onAbort = (): void => finish('aborted');
    const deadline = setTimeout(() => finish('timeout'), ctx.timeoutMs);
    if (ctx.signal.aborted) return finish('aborted');
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    // Registered before dcmjs-dimse's own listener, so a hostile stream is judged first.
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > ctx.maxBytes) return finish('byte limit');
      for (const pdu of tracker.feed(chunk)) {
        if (pdu.type === PduType.abort) {
          result.abort = describeAbort(pdu.body);
          return finish('closed');
        }
      }
      if (tracker.garbage) {
        if (result.association === 'no-answer') result.association = 'not-dicom';
        finish('closed');
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') result.association = 'refused';
      finish('closed');
    });

    const network = new Network(socket, {
      connectTimeout: ctx.timeoutMs,
      associationTimeout: ctx.timeoutMs,
      pduTimeout: ctx.timeoutMs,
    });
    network.on('connect', () => network.sendAssociationRequest(association));
    network.on('associationAccepted', () => {
      result.association = 'accepted';
      watchResponses(requests, result, opts.maxMatches ?? 100, () => finish('match limit'));
      network.sendRequests(requests);
    });
    network.on('associationRejected', (reject: { result: number; source: number; reason: number }) => {
      result.association = 'rejected';
      result.reject = describeReject(reject.result, reject.source, reject.reason);
      finish();
    });
    network.on('done', () => network.sendAssociationReleaseRequest());
    network.on('associationReleaseResponse', () => finish());
    network.on('networkError', () => finish('closed'));
    network.on('close', () => finish('closed'));
  });
}

function emptyOutcome(): RequestOutcome {
  return { matches: 0, attributes: new Set(), complete: false };
}

const PENDING = new Set([0xff00, 0xff01]);

function watchResponses(requests: Request[], result: SessionResult, maxMatches: number, overLimit: () => void): void {
  requests.forEach((request, i) => {
    const outcome = result.outcomes[i];
    if (!outcome) return;
    request.on('response', (response: Response) => {
      const status = response.getStatus();
      if (PENDING.has(status)) {
        outcome.matches++;
        for (const name of presentAttributes(response)) outcome.attributes.add(name);
        if (outcome.matches >= maxMatches) overLimit();
        return;
      }
      outcome.status = status;
      outcome.complete = true;
    });
  });
}

/** Keywords of the elements that carry a non-empty value; the values themselves are dropped here. */
function presentAttributes(response: Response): string[] {
  const elements = response.getDataset()?.getElements();
  if (!elements) return [];
  return Object.entries(elements)
    .filter(([name, value]) => name !== 'QueryRetrieveLevel' && !/^_/.test(name) && hasValue(value))
    .map(([name]) => name);
}

function hasValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(hasValue);
  if (typeof value === 'object') return Object.values(value).some(hasValue);
  return true;
}
