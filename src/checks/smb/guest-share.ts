import { INCIDENTS } from '../incidents.js';
import type { Localized } from '../../core/types.js';
import { capBoth, counted, type Noun } from '../evidence.js';
import { maskSecret } from '../mask.js';
import type { Check, CheckContext, CheckTarget } from '../types.js';
import { countListing, parseShareList, runSmbclient, serverArg, sessionArgs, type Session, type ShareEntry } from './smbclient.js';

/**
 * smb.guest-share — Windows/Samba file shares are open to a null session or the guest account:
 * anyone who reaches port 445 can list the shares and read (often scans, letters and exports
 * of the practice software) without a password.
 *
 * Proof, two independent steps: (1) the share list is returned to a null or guest session
 * (DCE/RPC share enumeration), (2) a listed disk share is actually opened and listed with that
 * session. Only (1): low (names of shares leak, no content). Both: high. Share names other than
 * the administrative ones are masked (they may name people), and listings are only counted.
 *
 * Sample evidence: "null session lists 3 shares (IPC$, pr…(6), sc…(5)); readable without password: pr…(6) (12 entries)",
 * in German "Null-Sitzung listet 3 Freigaben auf (IPC$, pr…(6), sc…(5)); ohne Passwort lesbar: pr…(6) (12 Einträge)"
 */
const MAX_SHARES_TRIED = 3;

export const smbGuestShare: Check = {
  meta: {
    id: 'smb.guest-share',
    severity: 'high',
    title: {
      de: 'Windows-/Samba-Freigabe ohne Passwort lesbar',
      en: 'Windows/Samba share readable without password',
    },
    description: {
      de: 'Dateifreigaben sind für Gast- oder anonyme Sitzungen offen: Jeder, der Port 445 erreicht, kann sie auflisten und lesen.',
      en: 'File shares are open to guest or anonymous sessions: anyone who reaches port 445 can list and read them.',
    },
    remediation: {
      de: 'Gastzugriff abschalten (Samba: map to guest = never, guest ok = no, restrict anonymous = 2; Windows: Gastkonto deaktivieren, anonyme Aufzählung verbieten). SMB niemals ins Internet weiterleiten.',
      en: 'Disable guest access (Samba: map to guest = never, guest ok = no, restrict anonymous = 2; Windows: disable the guest account, forbid anonymous enumeration). Never forward SMB to the internet.',
    },
    cwe: [284, 306],
    kbv: ['topic/access-control', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [INCIDENTS.celle2019],
    intrusive: true,
  },

  appliesTo: (target) => target.service.name === 'smb',

  async run(target, ctx) {
    for (const session of ['null', 'guest'] as const) {
      const shares = await listShares(target, ctx, session);
      if (!shares) continue;
      const readable: { name: string; entries: number }[] = [];
      for (const share of shares.filter(isContentShare).slice(0, MAX_SHARES_TRIED)) {
        const entries = await readShare(target, ctx, session, share.name);
        if (entries !== null) readable.push({ name: share.name, entries });
      }
      return [
        {
          severity: readable.length > 0 ? 'high' : 'low',
          evidence: shareEvidence(session, shares, readable),
          // What a readable practice share holds is unknown from counts alone; treat it as personal data.
          personalData: readable.length > 0,
          key: session,
        },
      ];
    }
    return [];
  },
};

const SHARE: Noun = { de: ['Freigabe', 'Freigaben'], en: ['share', 'shares'] };
const ENTRY: Noun = { de: ['Eintrag', 'Einträge'], en: ['entry', 'entries'] };
const SESSION_DE: Record<Session, string> = { null: 'Null-Sitzung', guest: 'Gast-Sitzung' };

/** Share names masked (administrative ones in clear) and listings only counted. */
export function shareEvidence(session: Session, shares: readonly ShareEntry[], readable: readonly { name: string; entries: number }[]): Localized {
  const n = counted(shares.length, SHARE);
  const names = shares.map((s) => shownName(s.name)).join(', ');
  const read = readable.map((r) => ({ name: shownName(r.name), entries: counted(r.entries, ENTRY) }));
  const de = read.map((r) => `${r.name} (${r.entries.de})`).join(', ');
  const en = read.map((r) => `${r.name} (${r.entries.en})`).join(', ');
  return capBoth({
    de: `${SESSION_DE[session]} listet ${n.de} auf (${names})${de ? `; ohne Passwort lesbar: ${de}` : ''}`,
    en: `${session} session lists ${n.en} (${names})${en ? `; readable without password: ${en}` : ''}`,
  });
}

async function listShares(target: CheckTarget, ctx: CheckContext, session: Session): Promise<ShareEntry[] | null> {
  const run = await runSmbclient(['-g', '-L', serverArg(target.host), '-p', String(target.port), ...sessionArgs(session)], ctx.timeoutMs * 2, ctx.signal);
  const shares = parseShareList(run.output);
  return shares.length > 0 ? shares : null;
}

async function readShare(target: CheckTarget, ctx: CheckContext, session: Session, share: string): Promise<number | null> {
  const run = await runSmbclient([serverArg(target.host, share), '-p', String(target.port), ...sessionArgs(session), '-c', 'ls'], ctx.timeoutMs * 2, ctx.signal);
  return run.ok ? countListing(run.output) : null;
}

const isAdministrative = (name: string): boolean => /\$$/.test(name);
const isContentShare = (s: ShareEntry): boolean => s.type === 'Disk' && !isAdministrative(s.name);
/** Administrative shares (IPC$, print$, C$) in clear; other names may name people, so masked. */
const shownName = (name: string): string => (isAdministrative(name) ? name : maskSecret(name));
