import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlNoAuth } from '../../src/checks/db/mysql-no-auth.js';
import { peerAvailable, type RunningDaemon, startAll } from './support/daemon.js';
import { startMariadbPeer } from './support/mariadb-peer.js';
import { bilingualEvidence, expectFinding, expectNoFinding } from './support/run-check.js';

const PATIENT_NAME = 'Oberhuber-Friedlinde';
const SEED = [
  'CREATE DATABASE praxis_akten',
  'CREATE TABLE praxis_akten.patienten (name VARCHAR(80))',
  `INSERT INTO praxis_akten.patienten VALUES ('${PATIENT_NAME}')`,
];

describe.skipIf(!peerAvailable('mariadbd', 'mariadb-server'))('db.mysql.no-auth against mariadb-server', () => {
  let rootOpen: RunningDaemon;
  let anonymousOpen: RunningDaemon;
  let fixed: RunningDaemon;

  beforeAll(async () => {
    [rootOpen, anonymousOpen, fixed] = await startAll([
      // The classic: a network root account someone created without a password.
      startMariadbPeer('mariadb (root without password)', '127.21.1.1', [
        ...SEED, "CREATE USER 'root'@'%' IDENTIFIED BY ''", "GRANT ALL ON *.* TO 'root'@'%'",
      ]),
      startMariadbPeer('mariadb (anonymous account)', '127.21.1.2', [
        ...SEED, "CREATE USER ''@'%' IDENTIFIED BY ''", "GRANT SELECT ON praxis_akten.* TO ''@'%'",
      ]),
      // Fixed twin: the same network root account, with a password; root@localhost stays unix_socket only.
      startMariadbPeer('mariadb (root with password)', '127.21.1.3', [
        ...SEED, "CREATE USER 'root'@'%' IDENTIFIED BY 'Pr4xis-geheim-2026'", "GRANT ALL ON *.* TO 'root'@'%'",
      ]),
    ]);
  });
  afterAll(async () => {
    await Promise.all([rootOpen?.stop(), anonymousOpen?.stop(), fixed?.stop()]);
  });

  it('root without password: identified on a random port, login proven, databases counted, no names', async () => {
    const draft = await expectFinding(mysqlNoAuth, rootOpen.host, rootOpen.port, 'mysql');
    const { de, en } = bilingualEvidence(draft);
    expect(en).toMatch(/^login as root with an empty password accepted, mapped to the account root@%: MariaDB \d+\.\d+\.\d+, 1 database besides the system schemas$/);
    expect(de).toMatch(/^Anmeldung als root mit leerem Passwort erfolgreich, vom Server dem Konto root@% zugeordnet: MariaDB \d+\.\d+\.\d+, 1 Datenbank außer den Systemschemas$/);
    for (const text of [de, en]) {
      expect(text).not.toContain('praxis_akten');
      expect(text).not.toContain(PATIENT_NAME);
    }
  });

  it('anonymous account: any user name (root too) maps to it, login proven, only the databases it may see are counted', async () => {
    const draft = await expectFinding(mysqlNoAuth, anonymousOpen.host, anonymousOpen.port, 'mysql');
    const { de, en } = bilingualEvidence(draft);
    expect(en).toMatch(/^login as root with an empty password accepted, mapped to the anonymous account @%: MariaDB [\d.]+, 1 database besides the system schemas$/);
    expect(de).toMatch(/^Anmeldung als root mit leerem Passwort erfolgreich, vom Server dem anonymen Konto @% zugeordnet: MariaDB [\d.]+, 1 Datenbank außer den Systemschemas$/);
    expect(draft.key).toBe('anonymous');
  });

  it('root with password and unix_socket only (fixed twin): identified, no finding', async () => {
    await expectNoFinding(mysqlNoAuth, fixed.host, fixed.port, 'mysql');
  });
});
