import { describe, expect, it } from 'vitest';
import { evidenceIn } from '../../../src/checks/evidence.js';
import { rdpExposed } from '../../../src/checks/rdp/exposed.js';
import { identify } from '../../../src/identify/identify.js';
import { answerOnce, closeAfterEach, startTcpServer } from '../../identify/tcp-fixtures.js';
import { checkContext } from '../context.js';

const HOST = '127.23.5.1';
const track = closeAfterEach();
const target = (port: number) => ({ host: HOST, port, service: { name: 'rdp', tls: false } });

/** Connection Confirm with an RDP_NEG_RSP selecting `protocol` (1 = TLS, 2 = CredSSP). */
function confirm(type: number, value: number): Buffer {
  const neg = Buffer.alloc(8);
  neg[0] = type;
  neg.writeUInt16LE(8, 2);
  neg.writeUInt32LE(value, 4);
  return Buffer.concat([Buffer.from([0x03, 0x00, 0x00, 0x13, 0x0e, 0xd0, 0, 0, 0x12, 0x34, 0]), neg]);
}

describe('rdp.exposed', () => {
  it('reports a Connection Confirm selecting TLS without NLA, and identification names it rdp', async () => {
    const server = await track(startTcpServer(HOST, answerOnce(confirm(0x02, 1))));
    expect(await rdpExposed.run(target(server.port), checkContext())).toEqual([
      {
        evidence: {
          de: 'RDP antwortet (X.224 Connection Confirm), Server wählt TLS: keine Network Level Authentication verlangt',
          en: 'RDP answers (X.224 Connection Confirm), selected TLS: no Network Level Authentication required',
        },
        personalData: false,
        key: 'x224',
      },
    ]);
    expect(await identify(HOST, server.port, { timeoutMs: 1500, maxBytes: 4096 })).toMatchObject({ name: 'rdp' });
  });

  it('notes NLA when the server insists on CredSSP', async () => {
    const server = await track(startTcpServer(HOST, answerOnce(confirm(0x03, 5))));
    const [draft] = await rdpExposed.run(target(server.port), checkContext());
    expect(evidenceIn(draft!.evidence, 'en')).toBe('RDP answers (X.224 Connection Confirm): Network Level Authentication required');
    expect(evidenceIn(draft!.evidence, 'de')).toBe('RDP antwortet (X.224 Connection Confirm): Network Level Authentication verlangt');
  });

  it('negative: a service answering something else (HTTP, garbage) produces nothing', async () => {
    const http = await track(startTcpServer(HOST, answerOnce('HTTP/1.1 400 Bad Request\r\n\r\n')));
    expect(await rdpExposed.run(target(http.port), checkContext())).toEqual([]);
    const garbage = await track(startTcpServer(HOST, answerOnce(Buffer.from([0x03, 0x00, 0x00, 0x13, 0x0e, 0xf0, 1, 2, 3, 4, 5]))));
    expect(await rdpExposed.run(target(garbage.port), checkContext())).toEqual([]);
  });
});
