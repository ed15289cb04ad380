import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Agent, request } from 'undici';
import type { RunningDaemon } from './daemon.js';
import { opensslCertificate, startNginx } from './nginx-peer.js';

/**
 * The Celle 2019 setup on Debian's nginx: a practice's document folder served over TLS with
 * `autoindex`, once behind auth_basic on the forwarded port and once open on a second port the
 * router forwarded by mistake. All names are generated; none belongs to a person.
 */

/** Made-up surnames built from syllables (one with an umlaut, so URL-encoded links are covered). */
const SURNAME_STARTS = ['Quast', 'Wendl', 'Mürr', 'Ostrav'];
const SURNAME_ENDS = ['enbrinck', 'owiakel', 'ischkow', 'ingerth'];
const GIVEN_NAMES = ['Adelgunde', 'Wenzeslaus', 'Friedegard', 'Ottokar'];

export interface FakePatient {
  surname: string;
  given: string;
}

export const FAKE_PATIENTS: readonly FakePatient[] = SURNAME_STARTS.map((start, i) => ({
  surname: `${start}${SURNAME_ENDS[(i * 3 + 1) % SURNAME_ENDS.length]!}`,
  given: GIVEN_NAMES[i]!,
}));

/** Every planted name in the forms a leak could take: as written, URL-encoded, lower case. */
export const PLANTED_NAMES: readonly string[] = [
  ...new Set(
    FAKE_PATIENTS.flatMap(({ surname, given }) => [surname, given, encodeURIComponent(surname), surname.toLowerCase()]),
  ),
];

const [p0, p1, p2, p3] = FAKE_PATIENTS as [FakePatient, FakePatient, FakePatient, FakePatient];

/**
 * The document tree. At /: 2 pdf, 1 word; /befunde/: 2 dicom, 1 pdf; /befunde/<name>/: 1 pdf;
 * /scans/: 2 scan (tif, jpg). 9 documents in 4 listings, plus a text file that is no document.
 */
export const DOCUMENTS: readonly { path: string; magic: string }[] = [
  { path: `Befund_${p0.surname}_${p0.given}_1957-03-12.pdf`, magic: '%PDF-1.4\n' },
  { path: `Befund_${p1.surname}_${p1.given}_1962-11-30.pdf`, magic: '%PDF-1.4\n' },
  { path: `Arztbrief ${p2.surname}.docx`, magic: 'PK\u0003\u0004' },
  { path: `befunde/CT_Thorax_${p2.surname}.dcm`, magic: `${'\0'.repeat(128)}DICM` },
  { path: `befunde/MRT_Knie_${p3.surname}.dcm`, magic: `${'\0'.repeat(128)}DICM` },
  { path: `befunde/Labor_${p3.surname}_${p3.given}.pdf`, magic: '%PDF-1.4\n' },
  { path: `befunde/${p0.surname}_${p0.given}/Entlassbrief.pdf`, magic: '%PDF-1.4\n' },
  { path: `scans/Ueberweisung_${p1.surname}.tif`, magic: 'II*\0' },
  { path: `scans/Versichertenkarte_${p2.surname}.jpg`, magic: '\u00ff\u00d8\u00ff' },
  { path: 'liesmich.txt', magic: '' },
];

/** Writes the documents (each carrying its patient's name inside, too) below dir/www. */
function documentRoot(dir: string, indexPage: boolean): string {
  const root = join(dir, 'www');
  for (const doc of DOCUMENTS) {
    const file = join(root, doc.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(`${doc.magic}synthetisch: ${doc.path}\n`, 'latin1'));
  }
  if (indexPage) writeFileSync(join(root, 'index.html'), '<html><head><title>Praxis Dr. Beispiel</title></head><body>Willkommen</body></html>');
  return root;
}

export const BASIC_USER = 'praxis';
const BASIC_PASSWORD = 'synthetisch-Celle-2019';

export interface CelleVariant {
  /** nginx `autoindex on` for the whole document root. */
  autoindex: boolean;
  /** auth_basic with an htpasswd made by `openssl passwd -apr1`. */
  auth: boolean;
  /** An index.html at /: the listing then only shows in the folders below. */
  indexPage: boolean;
}

/** nginx over TLS (openssl certificate) on host:port serving the synthetic documents. */
export function startCelleNginx(name: string, host: string, port: number, variant: CelleVariant): Promise<RunningDaemon> {
  return startNginx(
    name,
    host,
    ({ dir }) => {
      const lines = [opensslCertificate(dir, host), `    autoindex ${variant.autoindex ? 'on' : 'off'};`];
      if (variant.auth) {
        const hash = execFileSync('openssl', ['passwd', '-apr1', BASIC_PASSWORD], { encoding: 'utf8' }).trim();
        writeFileSync(join(dir, 'htpasswd'), `${BASIC_USER}:${hash}\n`);
        lines.push(`    auth_basic "Praxis Dokumente"; auth_basic_user_file ${join(dir, 'htpasswd')};`);
      }
      return lines.join('\n');
    },
    (dir) => documentRoot(dir, variant.indexPage),
    port,
  );
}

const insecure = new Agent({ connect: { rejectUnauthorized: false }, headersTimeout: 5_000, bodyTimeout: 5_000 });

/**
 * What a browser gets from our own peer (not the tool under test): status and, up to 64 KB, the
 * body. With `login` the configured Basic credentials are sent: this shows the listing the auth
 * twin hides is really there.
 */
export async function fetchFromPeer(host: string, port: number, path: string, login = false): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = login
    ? { authorization: `Basic ${Buffer.from(`${BASIC_USER}:${BASIC_PASSWORD}`).toString('base64')}` }
    : {};
  const reply = await request(`https://${host}:${port}${path}`, { dispatcher: insecure, headers });
  const body = Buffer.from(await reply.body.arrayBuffer()).subarray(0, 64 * 1024).toString('utf8');
  return { status: reply.statusCode, body };
}
