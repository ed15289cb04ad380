import { describe, expect, it } from 'vitest';
import { telnetExposed, telnetOptions } from '../../../src/checks/telnet/exposed.js';
import { closeAfterEach, greet, startTcpServer } from '../../identify/tcp-fixtures.js';
import { checkContext } from '../context.js';

const HOST = '127.21.16.1';
const track = closeAfterEach();
const target = (port: number, name = 'telnet', banner?: string) => ({ host: HOST, port, service: { name, tls: false, ...(banner ? { banner } : {}) } });
// IAC DO TERMINAL-TYPE, IAC WILL ECHO, IAC WILL SUPPRESS-GO-AHEAD, then a prompt
const NEGOTIATION = Buffer.from([0xff, 0xfd, 0x18, 0xff, 0xfb, 0x01, 0xff, 0xfb, 0x03]);

describe('telnet.exposed', () => {
  it('IAC negotiation followed by a login prompt: finding naming the options', async () => {
    const server = await track(startTcpServer(HOST, greet(Buffer.concat([NEGOTIATION, Buffer.from('\r\nrouter login: ')]))));
    expect(await telnetExposed.run(target(server.port), checkContext())).toEqual([
      {
        evidence: {
          de: 'Telnet-Aushandlung: DO TERMINAL-TYPE, WILL ECHO, WILL SUPPRESS-GO-AHEAD; Anmeldeaufforderung angezeigt',
          en: 'telnet negotiation: DO TERMINAL-TYPE, WILL ECHO, WILL SUPPRESS-GO-AHEAD; login prompt shown',
        },
        personalData: false,
      },
    ]);
  });

  it('a bare "login:" prompt without negotiation (embedded devices) is enough, and applies from the banner', async () => {
    const server = await track(startTcpServer(HOST, greet('\r\nUsername: ')));
    expect(telnetExposed.appliesTo(target(server.port, 'unknown', 'Username:'))).toBe(true);
    expect(await telnetExposed.run(target(server.port, 'unknown'), checkContext())).toEqual([
      { evidence: { de: 'Anmeldeaufforderung angezeigt', en: 'login prompt shown' }, personalData: false },
    ]);
  });

  it('fixed twin: SSH instead of telnet on the port → not applicable, and no finding even if run', async () => {
    const server = await track(startTcpServer(HOST, greet('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n')));
    expect(telnetExposed.appliesTo(target(server.port, 'ssh', 'SSH-2.0-OpenSSH_9.2p1 Debian-2'))).toBe(false);
    expect(await telnetExposed.run(target(server.port), checkContext({ timeoutMs: 500 }))).toEqual([]);
  });

  it('an endless stream is cut at the byte limit; a silent port gives nothing', async () => {
    const endless = await track(startTcpServer(HOST, (socket) => {
      const t = setInterval(() => socket.write('x'.repeat(1024)), 1);
      socket.on('close', () => clearInterval(t));
    }));
    expect(await telnetExposed.run(target(endless.port), checkContext({ timeoutMs: 1_000 }))).toEqual([]);
    const silent = await track(startTcpServer(HOST, () => undefined));
    expect(await telnetExposed.run(target(silent.port), checkContext({ timeoutMs: 300 }))).toEqual([]);
  });

  it('option parser ignores a truncated IAC at the end', () => {
    expect(telnetOptions(Buffer.from([0xff, 0xfd, 0x1f, 0xff, 0xfb]))).toEqual(['DO NAWS']);
  });
});
