// A missing or unloadable addon must degrade to the JS engine without a crash.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { discover, discoveryEngine } from '../../src/discovery/index.js';
import type * as NativeAddonModule from '../../src/discovery/native-addon.js';
import { closedPorts, collect, keys, openListeners, type Listeners } from './helpers.js';

vi.mock('../../src/discovery/native-addon.js', async (importOriginal) => ({
  ...(await importOriginal<typeof NativeAddonModule>()),
  loadNativeAddon: () => null,
}));

let l: Listeners;
beforeAll(async () => {
  l = await openListeners('127.11.2.1', 3);
});
afterAll(() => l.close());

it('falls back to the JS engine even when native is requested', async () => {
  expect(discoveryEngine('native')).toBe('js');
  const closed = await closedPorts('127.11.2.1', 5);
  const found = await collect(discover([{ address: l.host, family: 4 }], { ports: [...closed, ...l.open], engine: 'native' }));
  expect(keys(found)).toEqual(keys(l.open.map((port) => ({ host: l.host, port }))));
});
