import { describe, expect, it } from 'vitest';
import { shareEvidence, smbGuestShare } from '../../../src/checks/smb/guest-share.js';
import { countListing, parseShareList, smbclientPath } from '../../../src/checks/smb/smbclient.js';
import { identify } from '../../../src/identify/identify.js';
import { answerOnce, closeAfterEach, startTcpServer } from '../../identify/tcp-fixtures.js';
import { checkContext } from '../context.js';

// The proof against a real smbd (guest share on and off) is test/peers/smb-guest-share.test.ts;
// here: the parsing of smbclient's output as Samba 4.17 prints it, and hostile/absent servers.
const HOST = '127.23.7.9';
const track = closeAfterEach();

const LIST = 'Disk|Befunde_Mueller|Scans\nIPC|IPC$|IPC Service (Samba 4.17.12-Debian)\nDisk|print$|Printer Drivers\nSMB1 disabled -- no workgroup available\n';
const LS =
  '  .                                   D        0  Sun Nov 22 18:11:00 2026\n' +
  '  ..                                  D        0  Sun Nov 22 18:11:23 2026\n' +
  '  Befund 2019-03-04.pdf               N       10  Sun Nov 22 18:11:00 2026\n' +
  '  roentgen                            D        0  Sun Nov 22 18:11:00 2026\n' +
  '\n\t\t264212084 blocks of size 1024. 82623880 blocks available\n';

describe('smb.guest-share', () => {
  it('reads the share list and counts a listing without keeping names', () => {
    expect(parseShareList(LIST)).toEqual([
      { type: 'Disk', name: 'Befunde_Mueller' },
      { type: 'IPC', name: 'IPC$' },
      { type: 'Disk', name: 'print$' },
    ]);
    expect(countListing(LS)).toBe(2);
    expect(parseShareList('NT_STATUS_ACCESS_DENIED\n')).toEqual([]);
  });

  it('evidence in both languages: share names masked except administrative ones, listings only counted', () => {
    const shares = parseShareList(LIST);
    expect(shareEvidence('guest', shares, [{ name: 'Befunde_Mueller', entries: 2 }])).toEqual({
      de: 'Gast-Sitzung listet 3 Freigaben auf (Be…(15), IPC$, print$); ohne Passwort lesbar: Be…(15) (2 Einträge)',
      en: 'guest session lists 3 shares (Be…(15), IPC$, print$); readable without password: Be…(15) (2 entries)',
    });
    expect(shareEvidence('null', shares.slice(1, 2), [])).toEqual({ de: 'Null-Sitzung listet 1 Freigabe auf (IPC$)', en: 'null session lists 1 share (IPC$)' });
  });

  it('identification names an SMB2 server from its negotiate reply', async () => {
    const reply = Buffer.alloc(4 + 64 + 65);
    reply.writeUInt32BE(64 + 65, 0);
    reply.write('\xfeSMB', 4, 'latin1');
    reply.writeUInt16LE(64, 8);
    const server = await track(startTcpServer(HOST, answerOnce(reply)));
    expect(await identify(HOST, server.port, { timeoutMs: 1500, maxBytes: 4096 })).toMatchObject({ name: 'smb', product: 'SMB2' });
  });

  it.skipIf(smbclientPath() === null)('negative: a port that does not speak SMB produces nothing, within the time limit', async () => {
    const server = await track(startTcpServer(HOST, answerOnce('HTTP/1.0 400 Bad Request\r\n\r\n')));
    const started = Date.now();
    const target = { host: HOST, port: server.port, service: { name: 'smb', tls: false } };
    expect(await smbGuestShare.run(target, checkContext({ timeoutMs: 1000 }))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(9000);
  });

  it.skipIf(smbclientPath() === null)('a silent server is cut off by the time limit (process group killed)', async () => {
    const server = await track(startTcpServer(HOST, () => undefined));
    const started = Date.now();
    const target = { host: HOST, port: server.port, service: { name: 'smb', tls: false } };
    expect(await smbGuestShare.run(target, checkContext({ timeoutMs: 500 }))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('is intrusive (logs in as guest) and applies only to SMB', () => {
    expect(smbGuestShare.meta.intrusive).toBe(true);
    expect(smbGuestShare.appliesTo({ host: HOST, port: 445, service: { name: 'http', tls: false } })).toBe(false);
  });
});
