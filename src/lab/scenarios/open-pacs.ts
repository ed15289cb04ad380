import { composeInstance } from '../compose.js';
import { startDicomScp } from '../dicom-scp.js';
import { fakePatients } from '../fake-patients.js';
import { startPacsWebApi } from '../pacs-web-api.js';
import type { Scenario } from '../scenario.js';

/**
 * Open PACS worldwide 2019 (seed 003): an image archive that answers anyone. DICOM on 104
 * accepts any calling and called AE title and answers C-FIND with (synthetic) patients; the
 * archive's Orthanc-style web API on 8042 lists the same patients without credentials.
 */
export const openPacs: Scenario = {
  name: 'open-pacs',
  description: {
    de: 'Offenes PACS 2019: DICOM nimmt jeden Aufrufer an und beantwortet C-FIND mit (synthetischen) Patienten, die Web-API listet sie ohne Anmeldung',
    en: 'Open PACS 2019: DICOM accepts any caller and answers C-FIND with (synthetic) patients, the web API lists them without authentication',
  },
  expectedFindings: ['dicom.open-association', 'dicom.patient-query', 'pacs.web-api-unauth'],
  start({ addressPrefix }) {
    const host = `${addressPrefix}.4.1`;
    const patients = fakePatients(6);
    return composeInstance('open-pacs', [host], [
      {
        description: `DICOM archive (SCP) accepting any AE title, C-FIND answers ${patients.length} synthetic patients`,
        start: () => startDicomScp({ host, port: 104, aeTitle: 'PRAXISPACS', policy: 'open', patients }),
      },
      {
        description: 'Orthanc-style REST API and DICOMweb QIDO-RS without authentication',
        start: () => startPacsWebApi({ host, port: 8042, patients }),
      },
    ]);
  },
};
