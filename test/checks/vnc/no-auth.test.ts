import { describe, expect, it } from 'vitest';
import { evidenceIn } from '../../../src/checks/evidence.js';
import { vncNoAuth } from '../../../src/checks/vnc/no-auth.js';
import { closeAfterEach, startTcpServer, type ConnectionHandler } from '../../identify/tcp-fixtures.js';
import { checkContext } from '../context.js';

const HOST = '127.23.4.1';
const track = closeAfterEach();
const target = (port: number) => ({ host: HOST, port, service: { name: 'vnc', tls: false, version: '003.008' } });

/** An RFB server up to the security types: version, then (after the client's version) the list. */
function rfbServer(version: string, securityReply: Buffer): ConnectionHandler {
  return (socket) => {
    socket.write(`RFB ${version}\n`);
    socket.once('data', () => socket.write(securityReply));
  };
}

describe('vnc.no-auth', () => {
  it('reports security type None offered (RFB 3.8)', async () => {
    const server = await track(startTcpServer(HOST, rfbServer('003.008', Buffer.from([2, 1, 2]))));
    expect(await vncNoAuth.run(target(server.port), checkContext())).toEqual([
      {
        evidence: {
          de: 'RFB 3.8 bietet die Sicherheitstypen None(1), VNC(2) an: Bildschirmzugriff ohne Passwort',
          en: 'RFB 3.8 offers security types None(1), VNC(2): screen access without password',
        },
        personalData: true,
        key: 'none',
      },
    ]);
  });

  it('reports an RFB 3.3 server that picks None itself', async () => {
    const server = await track(startTcpServer(HOST, rfbServer('003.003', Buffer.from([0, 0, 0, 1]))));
    const drafts = await vncNoAuth.run(target(server.port), checkContext());
    expect(evidenceIn(drafts[0]!.evidence, 'en')).toMatch(/^RFB 3\.3 offers security types None\(1\)/);
    expect(evidenceIn(drafts[0]!.evidence, 'de')).toMatch(/^RFB 3\.3 bietet die Sicherheitstypen None\(1\) an/);
  });

  it('fixed twin: VNC authentication only produces nothing', async () => {
    const server = await track(startTcpServer(HOST, rfbServer('003.008', Buffer.from([1, 2]))));
    expect(await vncNoAuth.run(target(server.port), checkContext())).toEqual([]);
  });

  it('a refusal (0 types, with reason) produces nothing', async () => {
    const reason = 'Too many security failures';
    const reply = Buffer.concat([Buffer.from([0, 0, 0, 0, reason.length]), Buffer.from(reason)]);
    const server = await track(startTcpServer(HOST, rfbServer('003.008', reply)));
    expect(await vncNoAuth.run(target(server.port), checkContext())).toEqual([]);
  });

  it('hostile: a server that never sends the list ends by the time limit, an endless one by the byte cap', async () => {
    const silent = await track(startTcpServer(HOST, (socket) => socket.write('RFB 003.008\n')));
    const started = Date.now();
    expect(await vncNoAuth.run(target(silent.port), checkContext({ timeoutMs: 300 }))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
    const endless = await track(
      startTcpServer(HOST, (socket) => {
        socket.write('RFB 003.008\n');
        socket.once('data', () => socket.write(Buffer.concat([Buffer.from([255]), Buffer.alloc(4096, 7)])));
      }),
    );
    expect(await vncNoAuth.run(target(endless.port), checkContext())).toEqual([]);
  });
});
