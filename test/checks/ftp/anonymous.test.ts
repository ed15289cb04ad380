import { describe, expect, it } from 'vitest';
import { evidenceIn } from '../../../src/checks/evidence.js';
import { ftpAnonymous } from '../../../src/checks/ftp/anonymous.js';
import { closeAfterEach, greet, startTcpServer } from '../../identify/tcp-fixtures.js';
import { checkContext } from '../context.js';
import { startFtpFixture } from './ftp-fixture.js';

const HOST = '127.21.19.1';
const track = closeAfterEach();
const target = (port: number) => ({ host: HOST, port, service: { name: 'ftp', tls: false } });
const ENTRIES = ['Befund_Meierhoff_Gisela.pdf', 'Arztbrief_Oberhuber.docx', 'Roentgen_77.dcm', 'index.html', 'scans/', 'alt/'];

describe('ftp.anonymous', () => {
  it('anonymous login and listing: counts files, directories and document types, never names', async () => {
    const ftp = await track(startFtpFixture(HOST, { anonymous: true, entries: ENTRIES }));
    const drafts = await ftpAnonymous.run(target(ftp.port), checkContext());
    expect(drafts).toEqual([
      {
        evidence: {
          de: 'anonyme Anmeldung erfolgreich: das Startverzeichnis enthält 4 Dateien, 2 Verzeichnisse (1 dicom, 1 pdf, 1 word)',
          en: 'anonymous login accepted: start directory lists 4 files, 2 directories (1 dicom, 1 pdf, 1 word)',
        },
        personalData: true,
      },
    ]);
    for (const lang of ['de', 'en'] as const) {
      for (const word of ['Meierhoff', 'Oberhuber', 'Befund', 'scans', 'index']) expect(evidenceIn(drafts[0]!.evidence, lang)).not.toContain(word);
    }
    expect(ftp.commands).toContain('USER anonymous');
    // read-only: nothing is stored, deleted or fetched
    expect(ftp.commands.some((c) => /^(STOR|DELE|RETR|MKD|RMD|APPE)/.test(c))).toBe(false);
  });

  it('an empty public directory still proves anonymous access, without personal data', async () => {
    const ftp = await track(startFtpFixture(HOST, { anonymous: true, entries: [] }));
    expect(await ftpAnonymous.run(target(ftp.port), checkContext())).toEqual([
      {
        evidence: {
          de: 'anonyme Anmeldung erfolgreich: das Startverzeichnis enthält 0 Dateien, 0 Verzeichnisse',
          en: 'anonymous login accepted: start directory lists 0 files, 0 directories',
        },
        personalData: false,
      },
    ]);
  });

  it('fixed twin: 530 for anonymous → no finding', async () => {
    const ftp = await track(startFtpFixture(HOST, { anonymous: false, entries: ENTRIES }));
    expect(await ftpAnonymous.run(target(ftp.port), checkContext())).toEqual([]);
  });

  it('a greeting that never ends, or silence, gives no finding within the limits', async () => {
    const endless = await track(startTcpServer(HOST, (socket) => {
      socket.write('220-');
      const t = setInterval(() => socket.write('x'.repeat(2048)), 1);
      socket.on('close', () => clearInterval(t));
    }));
    const started = Date.now();
    expect(await ftpAnonymous.run(target(endless.port), checkContext({ timeoutMs: 1_000 }))).toEqual([]);
    const silent = await track(startTcpServer(HOST, greet('')));
    expect(await ftpAnonymous.run(target(silent.port), checkContext({ timeoutMs: 300 }))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
