import { afterEach, describe, expect, it } from 'vitest';
import { mllpOpen, parseAck } from '../../../src/checks/hl7/mllp-open.js';
import type { CheckTarget } from '../../../src/checks/types.js';
import type { RunningServer } from '../../../src/lab/document-server.js';
import { startMllpServer } from '../../../src/lab/mllp-server.js';
import { startTcpServer } from '../../identify/tcp-fixtures.js';
import { checkContext } from '../context.js';

const HOST = '127.22.14.1';
const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});
const target = (port: number): CheckTarget => ({ host: HOST, port, service: { name: 'hl7-mllp', tls: false } });
const frame = (text: string): Buffer => Buffer.concat([Buffer.from([0x0b]), Buffer.from(text, 'latin1'), Buffer.from([0x1c, 0x0d])]);

describe('hl7.mllp-open', () => {
  it('an open MLLP listener ACKs the test query: the ACK code only', async () => {
    const server: RunningServer = await startMllpServer({ host: HOST, port: 0, mode: 'open' });
    running.push(server);
    const drafts = await mllpOpen.run(target(server.port), checkContext());
    expect(drafts).toEqual([
      {
        evidence: {
          de: 'MLLP-Schnittstelle hat eine Testabfrage quittiert: MSA AA (unsere Control-ID zurückgegeben)',
          en: 'MLLP listener acknowledged a test query: MSA AA (control id echoed)',
        },
        personalData: false,
        key: 'mllp',
      },
    ]);
  });

  it('fixed twin: an allow-list listener drops us without a byte → nothing', async () => {
    const server = await startMllpServer({ host: HOST, port: 0, mode: 'allow-list', allowedSenders: ['LABOR-GATEWAY'] });
    running.push(server);
    expect(await mllpOpen.run(target(server.port), checkContext())).toEqual([]);
  });

  it('a silent port and a garbage answer produce nothing, within the time limit', async () => {
    const silent = await startTcpServer(HOST, () => undefined);
    const garbage = await startTcpServer(HOST, (socket) => socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    running.push(silent, garbage);
    const ctx = checkContext({ timeoutMs: 400 });
    const started = Date.now();
    expect(await mllpOpen.run(target(silent.port), ctx)).toEqual([]);
    expect(await mllpOpen.run(target(garbage.port), ctx)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('an endless unframed reply is cut at 16 KB; a frame that never ends is no ACK', async () => {
    const flood = await startTcpServer(HOST, (socket, count) =>
      socket.once('data', () => {
        const chunk = Buffer.alloc(8192, 0x41);
        const pump = (): void => {
          while (!socket.destroyed && socket.write(chunk)) count(chunk.length);
          if (!socket.destroyed) socket.once('drain', pump);
        };
        socket.write(Buffer.from('\x0bMSH|^~\\&|KIS\rMSA|', 'latin1'));
        pump();
      }),
    );
    running.push(flood);
    const started = Date.now();
    expect(await mllpOpen.run(target(flood.port), checkContext({ timeoutMs: 3000 }))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(flood.written()).toBeLessThan(8 * 1024 * 1024);
  });

  it('parseAck: AR counts, foreign separators work, missing MSA or unknown codes do not', () => {
    expect(parseAck(frame('MSH|^~\\&|KIS||||||ACK|1|P|2.3\rMSA|AR|X1\r'))).toEqual({ code: 'AR', controlId: 'X1' });
    expect(parseAck(frame('MSH#^~\\&#KIS\rMSA#AE#X2\r'))).toEqual({ code: 'AE', controlId: 'X2' });
    expect(parseAck(frame('MSH|^~\\&|KIS\rPID|1\r'))).toBeNull();
    expect(parseAck(frame('MSH|^~\\&|KIS\rMSA|ZZ|X\r'))).toBeNull();
    expect(parseAck(Buffer.from('MSH|^~\\&|KIS\rMSA|AA|X\r'))).toBeNull();
  });
});
