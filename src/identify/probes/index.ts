import type { Probe } from '../probe-types.js';
import { DATA_SERVICE_PROBES } from './data-services.js';
import { dicomProbe } from './dicom.js';
import { httpGetProbe } from './http.js';
import { mllpProbe } from './mllp.js';
import { nullProbe } from './null.js';
import { rdpProbe } from './rdp.js';
import { smbProbe } from './smb.js';

/** Default order when no port hint applies: listen first (cheap, precise), then ask. */
export const PROBES: readonly Probe[] = [nullProbe, httpGetProbe, ...DATA_SERVICE_PROBES, dicomProbe, mllpProbe, rdpProbe, smbProbe];

/** Ports where a TLS handshake is tried before anything in clear. Order only; the handshake decides. */
export const LIKELY_TLS_PORTS: ReadonlySet<number> = new Set([
  443, 465, 636, 853, 990, 992, 993, 995, 2762, 4443, 5986, 6443, 8443, 9443,
]);
