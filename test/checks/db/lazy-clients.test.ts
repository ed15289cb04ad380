import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/** The heavy protocol clients behind the database, FTP and DICOM checks (CommonJS, so visible in require.cache). */
const CLIENTS = ['mysql2', 'pg', 'mongodb', 'basic-ftp', 'dcmjs-dimse', 'dcmjs'];
const loadedClients = (): string[] => {
  const files = Object.keys(createRequire(import.meta.url).cache);
  return CLIENTS.filter((name) => files.some((file) => file.includes(`/node_modules/${name}/`)));
};

describe('start-up cost of the check registry', () => {
  it('importing every check loads none of the clients; the first DICOM session loads its own', async () => {
    await import('../../../src/checks/registry.js');
    expect(loadedClients()).toEqual([]);
    // The same probe sees a client once a check asks for it, so the empty list above means something.
    const { loadDimse } = await import('../../../src/checks/dicom/session.js');
    await loadDimse();
    expect(loadedClients()).toEqual(expect.arrayContaining(['dcmjs-dimse', 'dcmjs']));
  });
});
