import { randomBytes } from 'node:crypto';
import { INCIDENTS } from '../incidents.js';
import type { Localized } from '../../core/types.js';
import { formatCounts, maskFileName } from '../mask.js';
import { httpGet, httpRequest } from '../http-client.js';
import type { Check, CheckContext, CheckTarget, FindingDraft } from '../types.js';
import { capBoth, counted, nounFor, type Noun } from '../evidence.js';
import { decodedPath, documentType, isDirectoryLink, listingMarkup, relativeLinks } from './listing-signals.js';

/**
 * http.document-listing — a web server lists patient-like documents (PDF, DICOM, scans, letters)
 * to anyone. Celle 2019: ~30,000 reports and notes reachable this way.
 *
 * Proof, three independent observations: (1) a page with directory-listing markup, (2) links in
 * it to document types, (3) one listed document actually served (200) without credentials. A
 * server that answers 200 with a listing for a random, non-existent directory is a soft-404 and
 * never produces this finding.
 *
 * Sample evidence: "listing (apache/nginx) at / and 1 subdirectory: 14 documents without
 * authentication: 9 pdf, 3 dicom, 2 word; e.g. …(23).pdf, …(19).dcm", in German "Verzeichnisliste
 * (apache/nginx) unter / und 1 Unterordner: 14 Dokumente ohne Anmeldung: 9 PDF, 3 DICOM,
 * 2 Word-Dateien; z. B. …(23).pdf, …(19).dcm"
 */
export const documentListing: Check = {
  meta: {
    id: 'http.document-listing',
    severity: 'critical',
    title: {
      de: 'Verzeichnisliste mit Patientendokumenten ohne Anmeldung erreichbar',
      en: 'Directory listing of patient documents reachable without authentication',
    },
    description: {
      de: 'Der Webserver listet Dokumente (PDF, DICOM, Scans, Briefe) ohne Anmeldung auf und liefert sie aus.',
      en: 'The web server lists documents (PDF, DICOM, scans, letters) without authentication and serves them.',
    },
    remediation: {
      de: 'Verzeichnisauflistung abschalten (autoindex/Options -Indexes), den Dokumentenbereich hinter eine Anmeldung legen und aus dem Internet nur über VPN erreichbar machen. Prüfen, ob Dritte zugegriffen haben (Zugriffsprotokolle), und die Meldepflicht nach Art. 33 DSGVO klären.',
      en: 'Disable directory listings (autoindex/Options -Indexes), put the documents behind authentication and reach them from the internet only through a VPN. Check access logs for third-party access and assess the GDPR Art. 33 notification duty.',
    },
    cwe: [548, 306],
    kbv: ['topic/access-control', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [INCIDENTS.celle2019],
    intrusive: false,
  },

  appliesTo: (target) => target.service.name === 'http',

  async run(target, ctx) {
    const randomDir = `/${randomBytes(6).toString('hex')}-praxiswache/`;
    const baseline = await httpGet(target, ctx, randomDir, 64 * 1024);
    // No HTTP answer at all: nothing to walk. A listing for a directory that cannot exist: soft-404.
    if (!baseline) return [];
    if (baseline.status === 200 && listingMarkup(baseline.body.toString('latin1'))) return [];

    const survey = await surveyListings(target, ctx);
    if (survey.documents.length === 0 || survey.markup === null) return [];

    if (!(await isServed(target, ctx, survey.documents[0]?.path))) return [];

    const draft: FindingDraft = { evidence: listingEvidence(survey, survey.markup), personalData: true, key: 'listing' };
    return [draft];
  },
};

/** German names of the document types; the English evidence keeps the short type ids. */
const TYPE_NAMES_DE: Readonly<Record<string, Noun['de']>> = {
  pdf: ['PDF', 'PDF'],
  dicom: ['DICOM', 'DICOM'],
  word: ['Word-Datei', 'Word-Dateien'],
  scan: ['Scan', 'Scans'],
  gdt: ['GDT-Datei', 'GDT-Dateien'],
  hl7: ['HL7-Datei', 'HL7-Dateien'],
  spreadsheet: ['Tabelle', 'Tabellen'],
};

const DOCUMENT: Noun = { de: ['Dokument', 'Dokumente'], en: ['document', 'documents'] };
const FOLDER: Noun = { de: ['Ordner', 'Ordnern'], en: ['folder', 'folders'] };
const SUBDIRECTORY: Noun = { de: ['Unterordner', 'Unterordnern'], en: ['subdirectory', 'subdirectories'] };

/** Counts per type and masked example names only: no file name, folder name or content. */
function listingEvidence(survey: Survey, markup: string): Localized {
  const counts = new Map<string, number>();
  for (const d of survey.documents) counts.set(d.type, (counts.get(d.type) ?? 0) + 1);
  const countsDe = new Map([...counts].map(([type, n]) => [TYPE_NAMES_DE[type]?.[n === 1 ? 0 : 1] ?? type, n]));
  const folders = counted(survey.listings, FOLDER);
  const subdirectories = counted(survey.listings - 1, SUBDIRECTORY);
  const where = !survey.rootListed
    ? { de: `in ${folders.de} unterhalb von /`, en: `in ${folders.en} below /` }
    : survey.listings === 1
      ? { de: 'unter /', en: 'at /' }
      : { de: `unter / und ${subdirectories.de}`, en: `at / and ${subdirectories.en}` };
  const total = `${survey.documents.length}${survey.complete ? '' : '+'}`;
  const documents = nounFor(survey.documents.length, DOCUMENT);
  // One example per type reads better than three of the same kind.
  const examples = [...new Map(survey.documents.map((d) => [d.type, d.path])).values()]
    .slice(0, 3)
    .map((path) => maskFileName(decodedPath(path)))
    .join(', ');
  return capBoth({
    de: `Verzeichnisliste (${markup}) ${where.de}: ${total} ${documents.de} ohne Anmeldung: ${formatCounts(countsDe)}; z. B. ${examples}`,
    en: `listing (${markup}) ${where.en}: ${total} ${documents.en} without authentication: ${formatCounts(counts)}; e.g. ${examples}`,
  });
}

const MAX_PAGES = 12;

/** Where practices' document folders are typically published when / itself is a normal page. */
const COMMON_FOLDERS = ['/dokumente/', '/befunde/', '/scans/', '/documents/', '/files/', '/daten/', '/archiv/', '/export/'];
const MAX_DEPTH = 2;

interface Survey {
  markup: string | null;
  listings: number;
  /** True when / itself is a listing. */
  rootListed: boolean;
  documents: { path: string; type: string }[];
  /** False when the page budget ended the walk: counts are a lower bound. */
  complete: boolean;
}

/**
 * Walks listing pages from / (or, when / is a normal page, from the usual document folders)
 * down to MAX_DEPTH, at most MAX_PAGES requests, collecting document links.
 */
async function surveyListings(target: CheckTarget, ctx: CheckContext): Promise<Survey> {
  const survey: Survey = { markup: null, listings: 0, rootListed: false, documents: [], complete: true };
  const queue: { path: string; depth: number }[] = [{ path: '/', depth: 0 }];
  const visited = new Set<string>();
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next || visited.has(next.path)) continue;
    if (visited.size >= MAX_PAGES || ctx.signal.aborted) {
      survey.complete = false;
      break;
    }
    visited.add(next.path);
    const reply = await httpGet(target, ctx, next.path);
    const html = reply?.status === 200 ? reply.body.toString('latin1') : '';
    const markup = listingMarkup(html);
    if (!reply || !markup) {
      // / answered, but with a normal page: the documents may sit in a folder of their own.
      if (reply && next.path === '/') queue.push(...COMMON_FOLDERS.map((path) => ({ path, depth: 1 })));
      continue;
    }
    if (next.path === '/') survey.rootListed = true;
    survey.markup ??= markup;
    survey.listings++;
    if (reply.truncated) survey.complete = false;
    for (const link of relativeLinks(html)) {
      const path = resolveInside(next.path, link.href);
      if (!path) continue;
      const type = documentType(link.name);
      if (type) survey.documents.push({ path, type });
      else if (isDirectoryLink(link) && next.depth < MAX_DEPTH) queue.push({ path, depth: next.depth + 1 });
    }
  }
  return survey;
}

/**
 * Whether a listed document is really handed out, asked with HEAD so that not a byte of it is
 * read; servers that refuse HEAD get a GET whose reply is cut after 512 bytes and discarded.
 */
async function isServed(target: CheckTarget, ctx: CheckContext, path: string | undefined): Promise<boolean> {
  if (!path) return false;
  const head = await httpRequest(target, ctx, { path, method: 'HEAD', maxBytes: 4096 });
  if (head?.status === 200) return true;
  if (head?.status !== 405 && head?.status !== 501) return false;
  return (await httpGet(target, ctx, path, 512))?.status === 200;
}

/** The link's path when it stays below the listing's own path; null for anything that leaves it. */
function resolveInside(base: string, href: string): string | null {
  try {
    const path = new URL(href, `http://listing${base}`).pathname;
    return path.startsWith(base) && path !== base ? path : null;
  } catch {
    return null;
  }
}
