import type net from 'node:net';
import dimse from 'dcmjs-dimse';
import type { RunningServer } from './document-server.js';
import type { FakePatient } from './fake-patients.js';
import { startSocketServer } from './socket-server.js';

// The lab's own PDU log would interleave with the demo's report (the checks silence theirs only once they run).
dimse.log.setLevel('silent');

/**
 * A small in-process PACS (DICOM SCP) on dcmjs-dimse with synthetic patients. dcmjs-dimse's own
 * Server listens on every interface, so the lab accepts sockets on its own net.Server bound to
 * one 127/8 address and hands each socket to the Scp class, as that Server does internally.
 *
 * Policies model the cases the checks must tell apart:
 *  - 'open': accepts any calling and called AE, answers C-ECHO and C-FIND (the 2019 archives);
 *  - 'abort-find': accepts anyone, answers C-ECHO, aborts on C-FIND (Orthanc's default for
 *    unknown modalities);
 *  - 'abort-all': accepts anyone, aborts every request (Orthanc without DicomAlwaysAllowEcho);
 *  - 'known-peers': rejects calling AEs it does not know and called AEs other than its own (fixed).
 */
export type DicomPolicy = 'open' | 'abort-find' | 'abort-all' | 'known-peers';

export interface DicomScpOptions {
  host: string;
  port: number;
  aeTitle: string;
  policy: DicomPolicy;
  patients: readonly FakePatient[];
  /** Calling AEs allowed under 'known-peers'. */
  knownPeers?: readonly string[];
}

const { Scp, constants, responses, Dataset } = dimse;
const { PresentationContextResult, Status, TransferSyntax, RejectResult, RejectSource, RejectReason, SopClass } = constants;
type Association = InstanceType<typeof dimse.association.Association>;
type FindRequest = InstanceType<typeof dimse.requests.CFindRequest>;
type FindResponse = InstanceType<typeof responses.CFindResponse>;

const PATIENT_ROOT_FIND = '1.2.840.10008.5.1.4.1.2.1.1';
const SUPPORTED = new Set<string>([SopClass.Verification, SopClass.StudyRootQueryRetrieveInformationModelFind, PATIENT_ROOT_FIND]);
const SYNTAXES = new Set<string>([TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRLittleEndian]);

class LabScp extends Scp {
  private association: Association | undefined;

  constructor(
    socket: net.Socket,
    private readonly lab: DicomScpOptions,
  ) {
    super(socket, { connectTimeout: 10_000, associationTimeout: 10_000, pduTimeout: 10_000 });
  }

  override associationRequested(association: Association): void {
    this.association = association;
    if (this.lab.policy === 'known-peers') {
      if (association.getCalledAeTitle() !== this.lab.aeTitle) {
        return this.sendAssociationReject(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CalledAeNotRecognized);
      }
      if (!(this.lab.knownPeers ?? []).includes(association.getCallingAeTitle())) {
        return this.sendAssociationReject(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CallingAeNotRecognized);
      }
    }
    for (const c of association.getPresentationContexts()) {
      const context = association.getPresentationContext(c.id);
      const syntax = context.getTransferSyntaxUids().find((ts) => SYNTAXES.has(ts));
      if (!SUPPORTED.has(context.getAbstractSyntaxUid())) context.setResult(PresentationContextResult.RejectAbstractSyntaxNotSupported);
      else if (!syntax) context.setResult(PresentationContextResult.RejectTransferSyntaxesNotSupported);
      else context.setResult(PresentationContextResult.Accept, syntax);
    }
    this.sendAssociationAccept();
  }

  override associationReleaseRequested(): void {
    this.sendAssociationReleaseResponse();
  }

  override cEchoRequest(request: InstanceType<typeof dimse.requests.CEchoRequest>, callback: (r: InstanceType<typeof responses.CEchoResponse>) => void): void {
    if (this.lab.policy === 'abort-all') {
      this.sendAbort();
      return;
    }
    const response = responses.CEchoResponse.fromRequest(request);
    response.setStatus(Status.Success);
    callback(response);
  }

  override cFindRequest(request: FindRequest, callback: (r: FindResponse[]) => void): void {
    if (this.lab.policy === 'abort-find' || this.lab.policy === 'abort-all') {
      this.sendAbort();
      return;
    }
    const level = String(request.getDataset()?.getElement('QueryRetrieveLevel') ?? '');
    const matches = level === 'PATIENT' ? this.lab.patients.map(patientAttributes) : level === 'STUDY' ? this.lab.patients.flatMap(studyAttributes) : [];
    const pending = matches.map((attributes) => {
      const response = responses.CFindResponse.fromRequest(request);
      response.setDataset(new Dataset({ QueryRetrieveLevel: level, ...attributes }));
      response.setStatus(Status.Pending);
      return response;
    });
    const final = responses.CFindResponse.fromRequest(request);
    final.setStatus(Status.Success);
    callback([...pending, final]);
  }
}

function patientAttributes(p: FakePatient): Record<string, string> {
  return {
    PatientID: p.id,
    PatientName: `${p.family}^${p.given}`,
    PatientBirthDate: p.birthDate.replaceAll('-', ''),
    PatientSex: p.sex,
    NumberOfPatientRelatedStudies: String(p.studies.length),
  };
}

function studyAttributes(p: FakePatient): Record<string, string>[] {
  return p.studies.map((s) => ({
    ...patientAttributes(p),
    StudyInstanceUID: s.uid,
    StudyDate: s.date,
    ModalitiesInStudy: s.modality,
    StudyDescription: s.description,
  }));
}

export function startDicomScp(opts: DicomScpOptions): Promise<RunningServer> {
  return startSocketServer(opts.host, opts.port, (socket) => {
    const scp = new LabScp(socket, opts);
    // The Server class sets this for sockets it accepted; the Scp's timers depend on it.
    (scp as unknown as { connected: boolean }).connected = true;
    scp.on('networkError', () => socket.destroy());
  });
}
