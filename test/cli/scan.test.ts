// praxiswache scan end to end as a child process, against listeners this test opens on its own
// 127.12.4.x addresses; every scan names only ports the test itself opened (-p).
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/core/types.js';
import { fakeDocuments } from '../../src/lab/fake-documents.js';
import { startDocumentServer, type RunningServer } from '../../src/lab/document-server.js';
import { createSelfSignedCert } from '../../src/lab/self-signed-cert.js';
import { errorsOf, validateSarif as sarifValidator, validateScanReport } from '../report/schema.js';
import { ensureBuilt, runCli, startCli, waitFor } from './harness.js';

const PLAIN_HOST = '127.12.4.1';
const LEAK_HOST = '127.12.4.2';
const TARPIT_HOST = '127.12.4.3';
const validateSarif = sarifValidator();

let http: Server;
let httpPort = 0;
let leak: RunningServer;
let tarpit: ReturnType<typeof createTcpServer>;
let tarpitPort = 0;
const tarpitSockets: Socket[] = [];
let tarpitConnections = 0;
let dir = '';

function listen(server: Server | ReturnType<typeof createTcpServer>, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'praxiswache-cli-'));
  http = createHttpServer((_req, res) => res.end('<html>Praxis</html>'));
  httpPort = await listen(http, PLAIN_HOST);
  // The Celle exposure in small: an HTTPS document listing without login on an odd port.
  leak = await startDocumentServer({ host: LEAK_HOST, port: 0, documents: fakeDocuments(5), tls: createSelfSignedCert(LEAK_HOST, [LEAK_HOST]) });
  // Accepts and never says a word: identification waits for its time limits.
  tarpit = createTcpServer((s) => {
    tarpitConnections++;
    tarpitSockets.push(s);
    s.on('error', () => undefined);
  });
  tarpitPort = await listen(tarpit, TARPIT_HOST);
}, 120_000);

afterAll(async () => {
  http.closeAllConnections();
  await new Promise((r) => http.close(r));
  await leak.close();
  for (const s of tarpitSockets) s.destroy();
  await new Promise((r) => tarpit.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('praxiswache scan', () => {
  it('exit 0 and a schema-valid JSON report when nothing is found', async () => {
    const r = await runCli(['scan', PLAIN_HOST, '-p', String(httpPort), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ScanReport;
    expect(validateScanReport(report), errorsOf(validateScanReport)).toBe(true);
    expect(report.interrupted).toBe(false);
    expect(report.hosts).toEqual([
      { address: PLAIN_HOST, ports: [{ port: httpPort, protocol: 'tcp', state: 'open', service: expect.objectContaining({ name: 'http', tls: false }) as unknown }] },
    ]);
    expect(report.findings).toEqual([]);
  });

  it('exit 1 for findings at or above --fail-on, 0 with --fail-on none; -o writes the file; SARIF is valid', async () => {
    const out = join(dir, 'leak.json');
    const r = await runCli(['scan', LEAK_HOST, '-p', String(leak.port), '--format', 'json', '-o', out, '-q']);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8')) as ScanReport;
    expect(validateScanReport(report), errorsOf(validateScanReport)).toBe(true);
    expect(report.hosts[0]?.ports[0]?.service.tls).toBe(true);
    const ids = report.findings.map((f) => f.checkId).sort();
    expect(ids).toContain('http.unexpected-https-port');
    expect(report.findings.every((f) => f.host === LEAK_HOST && f.port === leak.port)).toBe(true);
    // No document name may leak into the report (they contain fake patient names).
    for (const doc of fakeDocuments(5)) expect(readFileSync(out, 'utf8')).not.toContain(doc.path.split('/').pop());

    const relaxed = await runCli(['scan', LEAK_HOST, '-p', String(leak.port), '--fail-on', 'none', '--format', 'sarif', '-q']);
    expect(relaxed.code).toBe(0);
    const sarif = JSON.parse(relaxed.stdout) as unknown;
    expect(validateSarif(sarif), errorsOf(validateSarif)).toBe(true);
  });

  it('text report streams results, in German with --lang de', async () => {
    const r = await runCli(['scan', LEAK_HOST, '-p', String(leak.port), '--lang', 'de']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`open  ${LEAK_HOST}:${leak.port}`);
    expect(r.stdout).toContain('Befunde');
    expect(r.stdout).toContain(`${leak.port}/tcp`);
    expect(r.stdout).not.toContain('\u001b['); // no colours when not a terminal
  });

  it('exit 2 naming the bad token and line of an @file, before any packet', async () => {
    const list = join(dir, 'targets.txt');
    writeFileSync(list, `# Praxis Celle\n${TARPIT_HOST}\n\nkaputt!!\n127.12.4.999\n`);
    const before = tarpitConnections;
    const r = await runCli(['scan', `@${list}`, '-p', String(tarpitPort)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${list}:4: "kaputt!!"`);
    expect(r.stderr).toContain(`${list}:5: "127.12.4.999"`);
    expect(tarpitConnections).toBe(before);
  });

  it.each([
    [['-p', '0'], 'port 0'],
    [['-p', '80', '--format', 'xml'], '--format must be one of'],
    [['-p', '80', '--fail-on', 'severe'], '--fail-on must be one of'],
    [['-p', '80', '--max-rate', 'fast'], '--max-rate must be a whole number'],
  ])('exit 2 for bad flags %j', async (flags, message) => {
    const r = await runCli(['scan', PLAIN_HOST, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('Ctrl-C writes the partial report with interrupted: true', async () => {
    const out = join(dir, 'partial.json');
    const cli = startCli(['scan', TARPIT_HOST, PLAIN_HOST, '-p', `${tarpitPort},${httpPort}`, '--timeout', '20s', '--format', 'json', '-o', out]);
    await waitFor(() => cli.stderr().includes(`open  ${TARPIT_HOST}:${tarpitPort}`), 15_000);
    const sentAt = Date.now();
    cli.child.kill('SIGINT');
    const r = await cli.done;
    expect(Date.now() - sentAt).toBeLessThan(5000);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('partial report');
    const report = JSON.parse(readFileSync(out, 'utf8')) as ScanReport;
    expect(validateScanReport(report), errorsOf(validateScanReport)).toBe(true);
    expect(report.interrupted).toBe(true);
    expect(report.hosts.map((h) => h.address)).toContain(TARPIT_HOST);
  });

  it('jsonl streams one record per line, summary last', async () => {
    const r = await runCli(['scan', PLAIN_HOST, '-p', String(httpPort), '--format', 'jsonl']);
    expect(r.code).toBe(0);
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(records.map((x) => x.type)).toEqual(['scan', 'host', 'port', 'summary']);
    expect(records[3]).toMatchObject({ type: 'summary', interrupted: false, hosts: 1, openPorts: 1 });
  });

  it('--ports-only reports open ports without identifying them', async () => {
    const r = await runCli(['scan', PLAIN_HOST, LEAK_HOST, '-p', `${httpPort},${leak.port}`, '--ports-only', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ScanReport;
    expect(validateScanReport(report), errorsOf(validateScanReport)).toBe(true);
    expect(report.hosts.map((h) => [h.address, h.ports.map((p) => [p.port, p.service.name])])).toEqual([
      [PLAIN_HOST, [[httpPort, 'unknown']]],
      [LEAK_HOST, [[leak.port, 'unknown']]],
    ]);
    expect(report.findings).toEqual([]);
  });
});

describe('praxiswache ports', () => {
  it('prints the default set with reasons in both languages', async () => {
    const en = await runCli(['ports', '--json']);
    const rows = JSON.parse(en.stdout) as { port: number; service: string; reason: string }[];
    expect(rows.find((p) => p.port === 11112)?.reason).toContain('DICOM');
    expect(rows.length).toBeGreaterThan(1000);
    const de = await runCli(['ports', '--lang', 'de']);
    expect(de.stdout).toMatch(/^104\s+dicom\s+DICOM \(PACS, Röntgen/m);
  });
});
