import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/types.js';
import { assertRedisReachable, DEFAULT_REDIS_URL, parseRedisUrl, resolveRedisUrl } from '../../src/distributed/connection.js';
import { freePort } from '../peers/support/daemon.js';

describe('parseRedisUrl', () => {
  it('reads host, port, database and credentials', () => {
    expect(parseRedisUrl('redis://worker:s%40cret@127.62.0.1:16380/3')).toEqual({
      host: '127.62.0.1', port: 16380, db: 3, username: 'worker', password: 's@cret', tls: false,
    });
  });
  it('defaults port 6379 and database 0; rediss means TLS', () => {
    expect(parseRedisUrl('rediss://queue.example')).toEqual({ host: 'queue.example', port: 6379, db: 0, tls: true });
  });
  it('takes IPv6 literals without brackets', () => {
    expect(parseRedisUrl('redis://[::1]:7000').host).toBe('::1');
  });
  it.each([
    ['127.62.0.1:6379', /must be a URL/],
    ['http://127.62.0.1', /redis:\/\/ or rediss:\/\//],
    ['redis://127.62.0.1/queue', /must be a number/],
    ['not a url', /must be a URL/],
  ])('rejects %s as a usage error', (text, message) => {
    expect(() => parseRedisUrl(text)).toThrow(UsageError);
    expect(() => parseRedisUrl(text)).toThrow(message);
  });
  it('never repeats a password from a malformed URL', () => {
    expect(() => parseRedisUrl('redis//user:Geheim-Passwort-99@host')).toThrow(/must be a URL/);
    try {
      parseRedisUrl('redis//user:Geheim-Passwort-99@host');
    } catch (err) {
      expect((err as Error).message).not.toContain('Geheim-Passwort-99');
    }
  });
});

describe('resolveRedisUrl', () => {
  it('flag, then $PRAXISWACHE_REDIS, then the local default', () => {
    expect(resolveRedisUrl('redis://a', { PRAXISWACHE_REDIS: 'redis://b' })).toBe('redis://a');
    expect(resolveRedisUrl(undefined, { PRAXISWACHE_REDIS: 'redis://b' })).toBe('redis://b');
    expect(resolveRedisUrl(undefined, {})).toBe(DEFAULT_REDIS_URL);
  });
});

describe('assertRedisReachable', () => {
  it('fails within seconds with the masked URL when nothing listens', async () => {
    const port = await freePort('127.62.9.1');
    const started = Date.now();
    const error = await assertRedisReachable(`redis://:Geheim-Passwort-99@127.62.9.1:${port}`).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toMatch(new RegExp(`^Redis at redis://:Ge\\S*@127\\.62\\.9\\.1:${port} is not reachable: .*ECONNREFUSED`));
    expect(error?.message).not.toContain('Geheim-Passwort-99');
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
