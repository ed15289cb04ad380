/**
 * The practice's plain report from a real SQLite store: a site with an approved baseline, a scan
 * with findings of every severity, and an interrupted last scan. Every value a host could have
 * sent (products, versions, banners, host names, finding keys, failure texts) carries a canary
 * that must never reach the document; only the stored, masked evidence may.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, ScanReport } from '../../src/core/types.js';
import { UsageError } from '../../src/core/types.js';
import { buildPlainReport, loadStoredReport, readScanFile, reportFromScan, type PlainReportInput } from '../../src/report/plain/index.js';
import { formatReport } from '../../src/report/index.js';
import { render } from '../../src/respond/render.js';
import { openStore, type Store } from '../../src/store/index.js';
import { BACKENDS } from '../store/backends.js';

const HOST = '127.63.0.1';
const OTHER = '127.63.0.2';
const CANARY = 'KANARIE';
const SITE = `Praxis <b>Dr. "Ö"</b> & Partner`;
const NOW = new Date('2026-03-02T12:00:00Z');

const LISTING_EVIDENCE = 'Verzeichnisliste (nginx) unter /: 24 Dokumente ohne Anmeldung: 6 PDF, 6 DICOM; z. B. …(23).pdf';
const HOSTILE_TITLE = '<script>alert("title")</script>';
const HOSTILE_EVIDENCE = '<img src=x onerror=alert(1)> & "quoted"';

const finding = (f: Partial<Finding> & Pick<Finding, 'checkId' | 'severity' | 'port'>): Finding => ({
  host: HOST, title: `stored title of ${f.checkId}`, evidence: `evidence of ${f.checkId}`, personalData: false, key: `/${CANARY}-key/`, ...f,
});

function scan(at: string, opts: { ports: number[]; findings: Finding[]; interrupted?: boolean; host?: string }): ScanReport {
  return {
    scanner: { name: 'praxiswache', version: '0.1.0' },
    startedAt: at,
    finishedAt: new Date(Date.parse(at) + 60_000).toISOString(),
    targets: [HOST, OTHER],
    interrupted: opts.interrupted ?? false,
    hosts: [{
      address: opts.host ?? HOST,
      hostname: `${CANARY}-hostname.example`,
      ports: opts.ports.map((port) => ({
        port, protocol: 'tcp' as const, state: 'open' as const,
        service: { name: 'http', tls: true, product: `${CANARY}-product`, version: `${CANARY}-version`, banner: `${CANARY}-banner` },
      })),
    }],
    findings: opts.findings,
    skippedChecks: [],
  };
}

const tlsWeak = finding({ checkId: 'tls.weak', severity: 'medium', port: 443, evidence: 'TLS 1.0 accepted' });
const EXPOSED = [
  finding({ checkId: 'http.document-listing', severity: 'critical', port: 441, evidence: LISTING_EVIDENCE, personalData: true }),
  finding({ checkId: 'http.unexpected-https-port', severity: 'high', port: 441 }),
  tlsWeak,
  finding({ checkId: 'custom.hostile', severity: 'low', port: 8080, title: HOSTILE_TITLE, evidence: HOSTILE_EVIDENCE }),
  finding({ checkId: 'rdp.exposed', severity: 'info', port: 3389 }),
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'praxiswache-plain-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const doc = (input: PlainReportInput, lang: 'de' | 'en', format: 'md' | 'html'): string => render(buildPlainReport(input, { lang, now: NOW }), format);

function expectNothingFromHosts(text: string): void {
  expect(text).not.toContain(CANARY);
}

describe.each(BACKENDS)('plain report from the store ($name)', (backend) => {
  let store: Store;
  let stop: () => Promise<void>;
  const ids = { baseline: 0, exposed: 0, interrupted: 0 };

  beforeAll(async () => {
    const started = await backend.start();
    stop = started.stop;
    store = await openStore(started.options);
    const site = await store.sites.add({
      name: SITE, land: 'NI', targets: [HOST, OTHER], ports: null, contacts: { emails: [], webhooks: [] },
      language: 'de', schedule: 'every 24h', remindAfterHours: 24,
    });
    ids.baseline = await store.saveScan(site.id, scan('2026-03-01T08:00:00Z', { ports: [443, 8443], findings: [tlsWeak] }));
    await store.baselines.approve(site.id, ids.baseline, 'dsb', null, new Date('2026-03-01T09:00:00Z'));
    ids.exposed = await store.saveScan(site.id, scan('2026-03-01T10:00:00Z', { ports: [441, 443, 3389, 8080], findings: EXPOSED }));
    const cut = scan('2026-03-02T08:00:00Z', { ports: [441], findings: [EXPOSED[1]!], interrupted: true });
    cut.skippedChecks = [
      { checkId: 'db.mysql.no-auth', reason: 'safe mode: the check logs in or queries data' },
      { checkId: 'db.redis.no-auth', reason: `failed: server said ${CANARY}-error` },
    ];
    ids.interrupted = await store.saveScan(site.id, cut);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await stop?.();
  });

  it('German: verdict first, findings worst first, explained, with where, since when and the breach pointer', async () => {
    const input = await loadStoredReport(store, { scanId: ids.exposed });
    const md = doc(input, 'de', 'md');
    expect(md).toMatch(/^# Sicherheitsbericht: Praxis/);
    expect(md.indexOf('Ampel ROT: Sofort handeln')).toBeLessThan(md.indexOf('Befund 1 von 5'));
    expect(md).toContain('KRITISCH: 1 · HOCH: 1 · MITTEL: 1 · NIEDRIG: 1 · INFO: 1');
    // Worst first, each with the catalogue's words.
    const order = ['Befund 1 von 5 – KRITISCH\n\n- **Was gefunden wurde:** Verzeichnisliste', 'Befund 2 von 5 – HOCH', 'Befund 3 von 5 – MITTEL', 'Befund 4 von 5 – NIEDRIG', 'Befund 5 von 5 – INFO'];
    const at = order.map((h) => md.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(md).toContain('Der Webserver listet Dokumente (PDF, DICOM, Scans, Briefe) ohne Anmeldung auf');
    expect(md).toContain('Für Ihren IT-Dienstleister: Verzeichnisauflistung abschalten');
    expect(md).toContain(`**Wo (Adresse:Port):** ${HOST}:441`);
    const listing = (await store.listFindings({ scanId: ids.exposed })).find((f) => f.checkId === 'http.document-listing')!;
    expect(md).toContain(`zuerst gesehen am 01.03.2026, 11:01 MEZ (Befund-Nr. ${listing.id})`);
    expect(md).toContain(LISTING_EVIDENCE);
    // Patient data: Art. 33, 72 hours, the command with the finding id, not legal advice.
    expect(md).toContain('Art. 33 DSGVO');
    expect(md).toContain('72 Stunden');
    expect(md).toContain(`praxiswache incident open --site 'Praxis <b>Dr. "Ö"</b> & Partner' --title 'Patientendaten ohne Anmeldung erreichbar' --finding ${listing.id} --aware-at`);
    expect(md).toContain('keine Rechtsberatung');
    // A check this version does not know: its stored title, and a plain hint instead of a remedy.
    expect(md).toContain(HOSTILE_TITLE);
    expect(md).toContain('nicht im Katalog dieser praxiswache-Version');
    expectNothingFromHosts(md);
  });

  it('changes against the approved baseline come from the watch diff: new ports and findings, nothing better', async () => {
    const input = await loadStoredReport(store, { scanId: ids.exposed });
    expect(typeof input.changes).toBe('object');
    const md = doc(input, 'de', 'md');
    expect(md).toContain(`Verglichen mit dem freigegebenen Stand (Scan Nr. ${ids.baseline}`);
    expect(md).toContain('freigegeben von dsb');
    expect(md).toContain(`Neu erreichbar: ${HOST}:441 (http)`);
    expect(md).toContain(`Neuer Befund (KRITISCH): Verzeichnisliste mit Patientendokumenten ohne Anmeldung erreichbar an ${HOST}:441`);
    expect(md).toContain(`Nicht mehr erreichbar: ${HOST}:8443`);
    expect(md).not.toMatch(/Neuer Befund \(MITTEL\)/); // tls.weak was in the baseline already
    const base = doc(await loadStoredReport(store, { scanId: ids.baseline }), 'en', 'md');
    expect(base).toContain('This scan is the approved state itself');
  });

  it('English: the same content in English', async () => {
    const md = doc(await loadStoredReport(store, { scanId: ids.exposed }), 'en', 'md');
    expect(md).toContain('Traffic light RED: Act now');
    expect(md).toContain('CRITICAL: 1 · HIGH: 1 · MEDIUM: 1 · LOW: 1 · INFO: 1');
    expect(md).toContain('## Finding 1 of 5 – CRITICAL\n\n- **What was found:** Directory listing of patient documents reachable without authentication');
    expect(md).toContain('For your IT service provider: Disable directory listings');
    expect(md).toContain('Art. 33 GDPR');
    expect(md).toContain('72 hours');
    expect(md).toContain('information, not legal advice');
    expect(md).not.toContain('Sofort handeln');
    expectNothingFromHosts(md);
  });

  it('HTML escapes every hostile string (site name, unknown title, evidence) in one place', async () => {
    const html = doc(await loadStoredReport(store, { scanId: ids.exposed }), 'de', 'html');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="de">');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>Dr.');
    expect(html).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;');
    expect(html).toContain('Praxis &lt;b&gt;Dr. &quot;Ö&quot;&lt;/b&gt; &amp; Partner');
    expectNothingFromHosts(html);
  });

  it('the latest scan is interrupted: said at the top, status stated, no "closed" conclusions', async () => {
    const input = await loadStoredReport(store, { site: SITE });
    expect(input.scanId).toBe(ids.interrupted);
    const de = doc(input, 'de', 'md');
    const top = de.slice(0, de.indexOf('## '));
    expect(top).toContain('ACHTUNG: Dieser Scan wurde abgebrochen');
    expect(top).toContain('Ampel ROT: Sofort handeln'); // what it did see is still red
    expect(de).toContain('**Status:** ABGEBROCHEN – Ergebnis unvollständig');
    expect(de).toContain('Ob etwas geschlossen wurde, sagt ein unvollständiger Scan nicht.');
    expect(de).not.toContain('Nicht mehr erreichbar');
    expect(de).not.toContain('Behoben:');
    expect(de).not.toContain('Nichts Dringendes gefunden');
    const en = doc(input, 'en', 'md');
    expect(en).toContain('ATTENTION: this scan was stopped before it finished');
    expect(en).toContain('INTERRUPTED – result incomplete');
    // The store keeps the skipped checks, but never a failure's own words (they may quote the peer).
    expect(de).toMatch(/\(db\.mysql\.no-auth\): im sicheren Modus \(--safe\) ausgelassen/);
    expect(en).toMatch(/\(db\.redis\.no-auth\): could not be run/);
    expectNothingFromHosts(de);
    const row = await store.scans.get(ids.interrupted);
    expect(row?.skipped_checks_json).not.toContain(CANARY);
  });

  it('a scan stored before skipped checks were recorded says so instead of "all ran"', async () => {
    expect(doc(await loadStoredReport(store, { scanId: ids.exposed }), 'en', 'md')).not.toContain('older version');
    await store.db.updateTable('scans').set({ skipped_checks_json: null }).where('id', '=', ids.exposed).execute();
    const older = await loadStoredReport(store, { scanId: ids.exposed });
    expect(older.skipped).toBeNull();
    expect(doc(older, 'en', 'md')).toContain('This scan was stored by an older version, which did not yet record the checks left out');
  });

  it('unknown site or scan, or a scan of another site: usage errors naming it', async () => {
    await expect(loadStoredReport(store, { site: 'nirgendwo' })).rejects.toThrow(/no site "nirgendwo"/);
    await expect(loadStoredReport(store, { scanId: 4711 })).rejects.toThrow(UsageError);
    await expect(loadStoredReport(store, { scanId: 4711 })).rejects.toThrow(/no scan 4711/);
    const other = await store.sites.add({
      name: 'andere-praxis', land: 'BY', targets: [OTHER], ports: null, contacts: { emails: [], webhooks: [] },
      language: 'de', schedule: 'every 24h', remindAfterHours: 24,
    });
    await expect(loadStoredReport(store, { site: other.name, scanId: ids.exposed })).rejects.toThrow(/does not belong to site "andere-praxis"/);
    await expect(loadStoredReport(store, { site: other.name })).rejects.toThrow(/has no scans yet/);
    await expect(loadStoredReport(store, {})).rejects.toThrow(/name the site/);
  });

  it('a scan that never finished (its runner died) is incomplete too, with no end time', async () => {
    const site = await store.sites.add({
      name: 'praxis-laufend', land: 'HH', targets: [HOST], ports: null, contacts: { emails: [], webhooks: [] },
      language: 'de', schedule: 'every 24h', remindAfterHours: 24,
    });
    await store.scans.begin(site.id, [HOST], '2026-03-03T08:00:00Z');
    const md = doc(await loadStoredReport(store, { site: 'praxis-laufend' }), 'de', 'md');
    expect(md).toContain('Ampel GELB: Kein vollständiges Ergebnis');
    expect(md).toContain('ACHTUNG: Dieser Scan ist noch nicht beendet');
    expect(md).toContain('**Status:** NICHT BEENDET – Ergebnis unvollständig');
    expect(md).toContain('kein Ende gespeichert');
    expect(md).toContain('Kein Vergleich: Es gibt noch keinen früheren vollständigen Scan');
    expect(md).not.toContain('Nichts Dringendes gefunden');
  });

  it('without an approved baseline: compared with the previous finished scan, better and worse both named', async () => {
    const site = await store.sites.add({
      name: 'praxis-ohne-freigabe', land: 'HB', targets: [OTHER], ports: null, contacts: { emails: [], webhooks: [] },
      language: 'de', schedule: 'every 24h', remindAfterHours: 24,
    });
    const at = (f: Finding): Finding => ({ ...f, host: OTHER });
    const first = await store.saveScan(site.id, { ...scan('2026-03-04T08:00:00Z', { host: OTHER, ports: [441, 443], findings: [at(EXPOSED[0]!), at({ ...tlsWeak, severity: 'high' })] }), targets: [OTHER] });
    const second = await store.saveScan(site.id, { ...scan('2026-03-05T08:00:00Z', { host: OTHER, ports: [443, 3389], findings: [at(tlsWeak), at(EXPOSED[4]!)] }), targets: [OTHER] });
    const input = await loadStoredReport(store, { site: site.name });
    expect(input.scanId).toBe(second);
    const md = doc(input, 'de', 'md');
    expect(md).toContain(`Verglichen mit dem vorigen vollständigen Scan (Nr. ${first}`);
    expect(md).toContain(`Neu erreichbar: ${OTHER}:3389 (http)`);
    expect(md).toContain(`Neuer Befund (INFO): Windows-Remotedesktop (RDP) erreichbar an ${OTHER}:3389`);
    expect(md).toContain(`Nicht mehr erreichbar: ${OTHER}:441`);
    expect(md).toContain(`Behoben: Verzeichnisliste mit Patientendokumenten ohne Anmeldung erreichbar an ${OTHER}:441`);
    expect(md).toContain(`Weniger schwer (jetzt MITTEL): Schwache TLS-Konfiguration`);
    expect(md).toContain('Ampel GELB: Bald beheben');
    expectNothingFromHosts(md);
  });
});

describe('plain report from a scan file (no store)', () => {
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads a file written by scan --format json; says there is no history; lists skipped checks in plain words', () => {
    const report = scan('2026-03-01T10:00:00Z', { ports: [441], findings: EXPOSED.slice(0, 2) });
    report.skippedChecks = [
      { checkId: 'db.mysql.no-auth', reason: 'safe mode: the check logs in or queries data' },
      { checkId: 'db.redis.no-auth', reason: `failed: server said ${CANARY}-error` },
    ];
    const input = reportFromScan(readScanFile(file('scan.json', formatReport(report, 'json', { color: false, lang: 'de' }))));
    const de = doc(input, 'de', 'md');
    expect(de).toMatch(/^# Sicherheitsbericht: 127\.63\.0\.1, 127\.63\.0\.2/);
    expect(de).toContain('Ampel ROT: Sofort handeln');
    expect(de).toContain('nicht bekannt (Bericht aus einer Datei');
    expect(de).toContain('Kein Vergleich: Der Bericht wurde aus einer Scan-Datei erstellt');
    expect(de).toContain('praxiswache incident open --land XX');
    expect(de).not.toContain('--finding');
    expect(de).toMatch(/\(db\.mysql\.no-auth\): im sicheren Modus \(--safe\) ausgelassen/);
    expect(de).toMatch(/\(db\.redis\.no-auth\): konnte nicht ausgeführt werden/);
    expect(de).toContain('**Erreichbar:** 1 Gerät mit 1 offenem Port');
    expectNothingFromHosts(de);
  });

  it('an interrupted scan without findings is "no complete result", never "nothing found"', () => {
    const report = scan('2026-03-01T10:00:00Z', { ports: [], findings: [], interrupted: true });
    const input = reportFromScan(readScanFile(file('interrupted.json', JSON.stringify(report))));
    const de = doc(input, 'de', 'md');
    expect(de).toContain('Ampel GELB: Kein vollständiges Ergebnis');
    expect(de).toContain('ACHTUNG: Dieser Scan wurde abgebrochen');
    expect(de).not.toContain('Nichts Dringendes gefunden');
    expect(doc(input, 'en', 'md')).toContain('Traffic light AMBER: No complete result');
    expect(doc(input, 'de', 'html')).toContain('<p class="callout amber"><strong>Ampel GELB: Kein vollständiges Ergebnis');
    const complete = reportFromScan({ ...report, interrupted: false });
    expect(doc(complete, 'de', 'md')).toContain('Ampel GRÜN: Nichts Dringendes gefunden');
    // The HTML light has the verdict's colour: a green verdict is not drawn as a red warning.
    expect(doc(complete, 'de', 'html')).toContain('<p class="callout green"><strong>Ampel GRÜN: Nichts Dringendes gefunden');
  });

  it('a missing, non-JSON or foreign file is a usage error naming the file', () => {
    const missing = join(dir, 'fehlt.json');
    expect(() => readScanFile(missing)).toThrow(new RegExp(`cannot read scan file ${missing}: ENOENT`));
    const notJson = file('kaputt.json', '{"scanner": ');
    expect(() => readScanFile(notJson)).toThrow(new RegExp(`scan file ${notJson} is not JSON`));
    const foreign = file('fremd.json', JSON.stringify({ runs: [] }));
    expect(() => readScanFile(foreign)).toThrow(UsageError);
    expect(() => readScanFile(foreign)).toThrow(new RegExp(`scan file ${foreign} is not a praxiswache scan report`));
    const badSeverity = scan('2026-03-01T10:00:00Z', { ports: [], findings: [{ ...EXPOSED[0]!, severity: 'apocalyptic' as 'critical' }] });
    expect(() => readScanFile(file('severity.json', JSON.stringify(badSeverity)))).toThrow(/findings\/0\/severity/);
  });
});
