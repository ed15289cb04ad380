import { describe, expect, it } from 'vitest';
import { memcachedOpen } from '../../../src/checks/db/memcached-open.js';
import { closeAfterEach, startTcpServer } from '../../identify/tcp-fixtures.js';
import { checkContext } from '../context.js';

const HOST = '127.21.14.1';
const track = closeAfterEach();
const target = (port: number) => ({ host: HOST, port, service: { name: 'memcached', tls: false } });
const STATS = 'STAT pid 4711\r\nSTAT uptime 30\r\nSTAT version 1.6.18\r\nSTAT curr_connections 2\r\nSTAT curr_items 17\r\nEND\r\n';

function memcachedLike(reply: string) {
  return startTcpServer(HOST, (socket) => socket.once('data', () => socket.write(reply)));
}

describe('db.memcached.open', () => {
  it('stats answered: finding with version and item count', async () => {
    const server = await track(memcachedLike(STATS));
    expect(await memcachedOpen.run(target(server.port), checkContext())).toEqual([
      {
        evidence: {
          de: 'stats ohne Anmeldung beantwortet: memcached 1.6.18, 17 Einträge im Cache',
          en: 'stats answered without authentication: memcached 1.6.18, 17 items cached',
        },
        personalData: false,
      },
    ]);
  });

  it('fixed twin (ASCII auth): CLIENT_ERROR unauthenticated → no finding', async () => {
    const server = await track(memcachedLike('CLIENT_ERROR unauthenticated\r\n'));
    expect(await memcachedOpen.run(target(server.port), checkContext())).toEqual([]);
  });

  it('a stats reply without END (stalled) or an endless STAT stream gives no finding within the limits', async () => {
    const stalled = await track(memcachedLike(STATS.replace('END\r\n', '')));
    expect(await memcachedOpen.run(target(stalled.port), checkContext({ timeoutMs: 300 }))).toEqual([]);
    const endless = await track(startTcpServer(HOST, (socket) => {
      const flood = setInterval(() => socket.write('STAT x 1\r\n'.repeat(500)), 1);
      socket.on('close', () => clearInterval(flood));
    }));
    expect(await memcachedOpen.run(target(endless.port), checkContext({ timeoutMs: 2_000 }))).toEqual([]);
  });
});
