import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresTrust } from '../../src/checks/db/postgres-trust.js';
import { peerAvailable, startAll } from './support/daemon.js';
import { runSql, startPostgresPeer, type PostgresPeer } from './support/postgres-peer.js';
import { bilingualEvidence, expectFinding, expectNoFinding } from './support/run-check.js';

const PATIENT_NAME = 'Kowalczyk-Annegret';

describe.skipIf(!peerAvailable('postgres', 'postgresql'))('db.postgres.trust against postgresql', () => {
  let trust: PostgresPeer;
  let scram: PostgresPeer;
  let trustOverTls: PostgresPeer;

  beforeAll(async () => {
    [trust, scram, trustOverTls] = await startAll([
      startPostgresPeer('127.21.2.1', 'trust'),
      startPostgresPeer('127.21.2.2', 'scram-sha-256'),
      startPostgresPeer('127.21.2.3', 'trust', { tlsOnly: true }),
    ]);
    await runSql(trust.adminUrl, ['CREATE DATABASE praxis_akten']);
    const akten = trust.adminUrl.replace(/\/postgres$/, '/praxis_akten');
    await runSql(akten, ['CREATE TABLE patienten (name text)', `INSERT INTO patienten VALUES ('${PATIENT_NAME}')`]);
    await runSql(scram.adminUrl, ['CREATE DATABASE praxis_akten']);
  });
  afterAll(async () => {
    await Promise.all([trust?.stop(), scram?.stop(), trustOverTls?.stop()]);
  });

  it('trust: identified on a random port, login as postgres proven, databases counted, no names', async () => {
    const draft = await expectFinding(postgresTrust, trust.host, trust.port, 'postgresql');
    const { de, en } = bilingualEvidence(draft);
    expect(en).toMatch(/^login as postgres without a password accepted: PostgreSQL \d+\.\d+[^,]*, 2 databases \(templates excluded\)$/);
    expect(de).toMatch(/^Anmeldung als postgres ohne Passwort erfolgreich: PostgreSQL \d+\.\d+[^,]*, 2 Datenbanken \(ohne Vorlagen\)$/);
    for (const text of [de, en]) {
      expect(text).not.toContain('praxis_akten');
      expect(text).not.toContain(PATIENT_NAME);
    }
  });

  it('scram-sha-256 (fixed twin): identified, the password request ends the attempt, no finding', async () => {
    await expectNoFinding(postgresTrust, scram.host, scram.port, 'postgresql');
    expect(scram.logTail()).not.toMatch(/password authentication failed/);
  });

  it('trust only inside TLS (hostssl): the refused clear login leads to the same login over TLS, still found', async () => {
    const draft = await expectFinding(postgresTrust, trustOverTls.host, trustOverTls.port, 'postgresql');
    expect(bilingualEvidence(draft).en).toMatch(/^login as postgres without a password accepted: PostgreSQL \d+/);
    expect(trustOverTls.logTail()).toMatch(/no encryption/);
  });
});
