import type * as BasicFtp from 'basic-ftp';
import type { Localized } from '../../core/types.js';
import { countedIn } from '../evidence.js';
import { documentType } from '../http/listing-signals.js';
import { formatCounts } from '../mask.js';
import type { Check, CheckContext, CheckTarget } from '../types.js';

const LISTING_MAX_BYTES = 256 * 1024;
const CONTROL_MAX_BYTES = 64 * 1024;
// Loaded on first use: every scan imports the registry, and a scan without FTP must not pay for its client.
let ftpClient: Promise<typeof BasicFtp> | undefined;
const loadFtp = () => (ftpClient ??= import('basic-ftp'));

interface ListingFacts {
  files: number;
  directories: number;
  documents: Map<string, number>;
  cutShort: boolean;
  /** False when the login worked but the listing did not (no data connection, permissions). */
  listed: boolean;
}

/**
 * ftp.anonymous — the FTP server accepts the anonymous login. Whatever it serves is public,
 * and scanners find such servers within hours.
 *
 * Proof: basic-ftp logs in as "anonymous" AND lists the start directory. Only counts are kept:
 * files, directories and patient-like document types; entry names are never stored or printed.
 *
 * Sample evidence: "anonymous login accepted: start directory lists 5 files, 2 directories (3 pdf, 1 scan)"
 * (de: "anonyme Anmeldung erfolgreich: das Startverzeichnis enthält 5 Dateien, 2 Verzeichnisse (3 pdf, 1 scan)")
 */
export const ftpAnonymous: Check = {
  meta: {
    id: 'ftp.anonymous',
    severity: 'high',
    title: { de: 'FTP-Server erlaubt anonyme Anmeldung', en: 'FTP server allows anonymous login' },
    description: {
      de: 'Der FTP-Server lässt die Anmeldung als "anonymous" zu: alle dort abgelegten Dateien sind ohne Passwort für jeden abrufbar, und die Übertragung ist unverschlüsselt.',
      en: 'The FTP server accepts the "anonymous" login: every file stored there can be fetched by anyone without a password, and the transfer is unencrypted.',
    },
    remediation: {
      de: 'Anonyme Anmeldung abschalten (vsftpd: anonymous_enable=NO), FTP durch SFTP oder einen verschlüsselten Dateiaustausch ersetzen und den Port im Router nicht freigeben.',
      en: 'Disable anonymous login (vsftpd: anonymous_enable=NO), replace FTP with SFTP or an encrypted file exchange and do not forward the port in the router.',
    },
    cwe: [284, 319],
    kbv: ['topic/access-control', 'topic/encryption-in-transit', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [],
    intrusive: true,
  },

  appliesTo: (target) => target.service.name === 'ftp',

  async run(target, ctx) {
    const facts = await listAnonymously(target, ctx);
    if (!facts) return [];
    return [{ evidence: listingEvidence(facts), personalData: facts.documents.size > 0 }];
  },
};

/** Counts only: the names in the listing never reach the evidence. */
function listingEvidence(facts: ListingFacts): Localized {
  if (!facts.listed) {
    return facts.cutShort
      ? { de: 'anonyme Anmeldung erfolgreich (die Verzeichnisliste überschritt die Bytegrenze)', en: 'anonymous login accepted (its listing exceeded the byte limit)' }
      : { de: 'anonyme Anmeldung erfolgreich (das Startverzeichnis ließ sich nicht auflisten)', en: 'anonymous login accepted (the start directory could not be listed)' };
  }
  const types = facts.documents.size > 0 ? ` (${formatCounts(facts.documents)})` : '';
  return {
    de:
      `anonyme Anmeldung erfolgreich: das Startverzeichnis enthält ${countedIn(facts.files, 'Datei', 'Dateien')}, ` +
      `${countedIn(facts.directories, 'Verzeichnis', 'Verzeichnisse')}${types}`,
    en:
      `anonymous login accepted: start directory lists ${countedIn(facts.files, 'file', 'files')}, ` +
      `${countedIn(facts.directories, 'directory', 'directories')}${types}`,
  };
}

async function listAnonymously(target: CheckTarget, ctx: CheckContext): Promise<ListingFacts | null> {
  const { Client } = await loadFtp();
  const client = new Client(ctx.timeoutMs);
  const close = (): void => client.close();
  ctx.signal.addEventListener('abort', close, { once: true });
  // A server that never ends its replies (or its listing) is cut off, not buffered.
  let control = 0;
  client.ftp.socket.on('data', (chunk: Buffer) => {
    control += chunk.length;
    if (control > Math.min(ctx.maxBytes, CONTROL_MAX_BYTES)) close();
  });
  let cutShort = false;
  client.trackProgress((info) => {
    if (info.bytes > Math.min(ctx.maxBytes, LISTING_MAX_BYTES)) {
      cutShort = true;
      close();
    }
  });
  try {
    await client.access({
      host: target.host,
      port: target.port,
      user: 'anonymous',
      password: 'anonymous@',
      secure: target.service.tls ? 'implicit' : false,
      secureOptions: { rejectUnauthorized: false },
    });
  } catch {
    // 530 login incorrect, TLS required, timeout: no anonymous access proven.
    close();
    ctx.signal.removeEventListener('abort', close);
    return null;
  }
  try {
    return countEntries(await client.list(), false, true);
  } catch {
    // Logged in, but the listing failed (no data connection, permission): the login itself is proof.
    return countEntries([], cutShort, false);
  } finally {
    close();
    ctx.signal.removeEventListener('abort', close);
  }
}

function countEntries(entries: BasicFtp.FileInfo[], cutShort: boolean, listed: boolean): ListingFacts {
  const documents = new Map<string, number>();
  let files = 0;
  let directories = 0;
  for (const entry of entries) {
    if (entry.isDirectory) {
      directories++;
      continue;
    }
    files++;
    const type = documentType(entry.name);
    if (type) documents.set(type, (documents.get(type) ?? 0) + 1);
  }
  return { files, directories, documents, cutShort, listed };
}
