import { describe, expect, it } from 'vitest';
import { parseListen } from '../../src/dashboard/listen.js';

describe('dashboard --listen', () => {
  it('knows loopback from everything else', () => {
    expect(parseListen('127.0.0.1:8765')).toEqual({ host: '127.0.0.1', port: 8765, loopback: true });
    expect(parseListen('127.61.0.5:0')).toEqual({ host: '127.61.0.5', port: 0, loopback: true });
    expect(parseListen('[::1]:8765')).toEqual({ host: '::1', port: 8765, loopback: true });
    expect(parseListen('localhost:9000')).toEqual({ host: '127.0.0.1', port: 9000, loopback: true });
    expect(parseListen('0.0.0.0:8765').loopback).toBe(false);
    expect(parseListen('192.0.2.10:8765').loopback).toBe(false);
    expect(parseListen('[::]:8765').loopback).toBe(false);
  });

  it('refuses what is not ADDRESS:PORT with an IP address', () => {
    for (const bad of ['8765', '127.0.0.1', 'dashboard.example:8765', '127.0.0.1:70000', '::1:8765', '']) {
      expect(() => parseListen(bad), bad).toThrow(/--listen must be/);
    }
  });
});
