import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftpAnonymous } from '../../src/checks/ftp/anonymous.js';
import { peerAvailable, type RunningDaemon, startAll } from './support/daemon.js';
import { bilingualEvidence, expectFinding, expectNoFinding } from './support/run-check.js';
import { startVsftpdPeer } from './support/vsftpd-peer.js';

const FILES = ['Befund_Kowalczyk_Annegret.pdf', 'Roentgen_Oberhuber.dcm', 'Scan_0815.tif', 'liesmich.txt', 'archiv/2019_Brief.docx'];

describe.skipIf(!peerAvailable('vsftpd'))('ftp.anonymous against vsftpd', () => {
  let open: RunningDaemon;
  let closed: RunningDaemon;

  beforeAll(async () => {
    [open, closed] = await startAll([startVsftpdPeer('127.21.6.1', true, FILES), startVsftpdPeer('127.21.6.2', false, FILES)]);
  });
  afterAll(async () => {
    await Promise.all([open?.stop(), closed?.stop()]);
  });

  it('anonymous_enable=YES: identified as vsftpd on a random port, login proven, entries counted, no names', async () => {
    const draft = await expectFinding(ftpAnonymous, open.host, open.port, 'ftp');
    const { de, en } = bilingualEvidence(draft);
    expect(en).toBe('anonymous login accepted: start directory lists 4 files, 1 directory (1 dicom, 1 pdf, 1 scan)');
    expect(de).toBe('anonyme Anmeldung erfolgreich: das Startverzeichnis enthält 4 Dateien, 1 Verzeichnis (1 dicom, 1 pdf, 1 scan)');
    expect(draft.personalData).toBe(true);
    for (const text of [de, en]) {
      for (const word of ['Kowalczyk', 'Oberhuber', 'Befund', 'archiv', 'liesmich', '0815']) expect(text).not.toContain(word);
    }
  });

  it('anonymous_enable=NO (fixed twin): identified, 530 for anonymous, no finding', async () => {
    await expectNoFinding(ftpAnonymous, closed.host, closed.port, 'ftp');
    expect(closed.logTail()).toMatch(/FAIL LOGIN|530/);
  });
});
