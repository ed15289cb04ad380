/** The incident as the library API, the CLI and the dashboard see it (camelCase, parsed JSON). */
import type { Art34Exemption, Decision } from './decision.js';
import type { DeadlineState } from './deadline.js';
import type { SeverityInput, SeverityResult } from './severity.js';
import type { SuggestedInputs } from './suggest.js';

/** The Art. 33(3) particulars and the reasoning behind the decision. */
export interface IncidentDetails {
  /** Practice (controller) name and address, as it should appear on the notice. */
  controller?: string;
  /** (a) What happened: nature of the breach. */
  nature?: string;
  /** (a) Categories of people concerned, e.g. "Patientinnen und Patienten". */
  subjectCategories?: string[];
  /** (a) Approximate number of people concerned. */
  subjectsApprox?: number;
  /** (a) Categories of personal data records, e.g. "Befunde", "Röntgenbilder". */
  recordCategories?: string[];
  /** (a) Approximate number of records concerned. */
  recordsApprox?: number;
  /** (b) Name and contact details of the data protection officer or other contact point. */
  contact?: string;
  /** (c) Likely consequences. */
  consequences?: string;
  /** (d) Measures taken or proposed, including mitigation. */
  measures?: string;
  /** What patients can do themselves (letter to patients). */
  patientAdvice?: string;
  /** Register-only decisions need the documented reasoning. */
  noRiskReasoning?: string;
  art34Exemption?: Art34Exemption;
}

export interface Timeline {
  discoveredAt: string;
  awareAt: string | null;
  awareDecidedBy: string | null;
  notifiedAuthorityAt: string | null;
  notifiedPatientsAt: string | null;
  closedAt: string | null;
}

export interface LinkedFinding {
  id: number;
  checkId: string;
  host: string;
  port: number;
  severity: string;
  title: string;
  personalData: boolean;
}

export interface IncidentEvent {
  at: string;
  author: string;
  kind: string;
  change: Record<string, unknown>;
}

export interface Assessment {
  at: string;
  author: string;
  input: SeverityInput;
  result: SeverityResult;
}

export interface Incident {
  id: number;
  title: string;
  description: string | null;
  status: 'open' | 'closed';
  siteId: number | null;
  siteName: string | null;
  land: string | null;
  timeline: Timeline;
  delayReasons: string | null;
  details: IncidentDetails;
  findings: LinkedFinding[];
  assessment: Assessment | null;
  /** Present once the awareness time is known. */
  deadline: DeadlineState | null;
  decision: Decision;
  suggestions: SuggestedInputs;
  /** Authority notifications made so far (Art. 33(4) phases). */
  authorityNotifications: { at: string; phase: number }[];
  history: IncidentEvent[];
}
