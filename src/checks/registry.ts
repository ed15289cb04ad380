import { openAssociation } from './dicom/open-association.js';
import { patientQuery } from './dicom/patient-query.js';
import { patientRead } from './fhir/patient-read.js';
import { mllpOpen } from './hl7/mllp-open.js';
import { webApiUnauth } from './pacs/web-api-unauth.js';
import { DATA_CHECKS } from './db/data-checks.js';
import { documentListing } from './http/document-listing.js';
import { unexpectedHttpsPort } from './http/unexpected-https-port.js';
import { debugEndpoint } from './web/debug-endpoint.js';
import { envFile } from './web/env-file.js';
import { gitConfig } from './web/git-config.js';
import { phpinfo } from './web/phpinfo.js';
import { symfonyProfiler } from './web/symfony-profiler.js';
import { tlsWeak } from './tls/weak.js';
import { rdpExposed } from './rdp/exposed.js';
import { vncNoAuth } from './vnc/no-auth.js';
import { routerInterface } from './admin/router-interface.js';
import { smbGuestShare } from './smb/guest-share.js';
import type { Check } from './types.js';

/** Every check, in catalogue order (DESIGN.md §4). A new check is one file plus one line here. */
export const ALL_CHECKS: readonly Check[] = [
  openAssociation,
  patientQuery,
  webApiUnauth,
  patientRead,
  mllpOpen,
  documentListing,
  unexpectedHttpsPort,
  symfonyProfiler,
  envFile,
  gitConfig,
  phpinfo,
  debugEndpoint,
  ...DATA_CHECKS,
  smbGuestShare,
  vncNoAuth,
  rdpExposed,
  tlsWeak,
  routerInterface,
];

export function findCheck(id: string): Check | undefined {
  return ALL_CHECKS.find((c) => c.meta.id === id);
}
