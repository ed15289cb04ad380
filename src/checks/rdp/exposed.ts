import { exchange } from '../../identify/exchange.js';
import { INCIDENTS } from '../incidents.js';
import type { Check } from '../types.js';
import { readConnectionConfirm, X224_CONNECTION_REQUEST, type ConnectionConfirm } from './x224.js';

/**
 * rdp.exposed — Windows Remote Desktop answers from where we scan. Internet-facing RDP is the
 * most common entry of ransomware into small organisations (password guessing, BlueKeep-type
 * flaws); a practice's reception PC with RDP forwarded is a door to the practice software.
 *
 * Proof: the server answers our X.224 Connection Request with a Connection Confirm (TPKT,
 * code 0xD0). No login is attempted. Whether it requires Network Level Authentication is noted.
 *
 * Sample evidence: "RDP answers (X.224 Connection Confirm), selected TLS: no Network Level Authentication required",
 * in German "RDP antwortet (X.224 Connection Confirm), Server wählt TLS: keine Network Level Authentication verlangt"
 */
const SELECTED_DE: Record<NonNullable<ConnectionConfirm['selected']>, string> = {
  'standard RDP security': 'Standard-RDP-Sicherheit',
  TLS: 'TLS',
  'CredSSP (NLA)': 'CredSSP (NLA)',
  other: 'ein anderes Protokoll',
};

export const rdpExposed: Check = {
  meta: {
    id: 'rdp.exposed',
    severity: 'medium',
    title: {
      de: 'Windows-Remotedesktop (RDP) erreichbar',
      en: 'Windows Remote Desktop (RDP) reachable',
    },
    description: {
      de: 'Ein Remotedesktop-Dienst antwortet. Aus dem Internet erreichbares RDP ist ein häufiger Einstieg für Passwortangriffe und Ransomware.',
      en: 'A Remote Desktop service answers. RDP reachable from the internet is a frequent entry point for password attacks and ransomware.',
    },
    remediation: {
      de: 'RDP nicht ins Internet weiterleiten; Fernwartung nur über VPN mit zweitem Faktor. Network Level Authentication erzwingen und Windows aktuell halten.',
      en: 'Do not forward RDP to the internet; remote maintenance only through a VPN with a second factor. Enforce Network Level Authentication and keep Windows updated.',
    },
    cwe: [284],
    kbv: ['KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [INCIDENTS.celle2019],
    intrusive: false,
  },

  appliesTo: (target) => target.service.name === 'rdp',

  async run(target, ctx) {
    const result = await exchange({
      host: target.host,
      port: target.port,
      tls: false,
      payload: X224_CONNECTION_REQUEST,
      timeoutMs: ctx.timeoutMs,
      maxBytes: 512,
      idleMs: 500,
      enough: (reply) => reply.length >= 4 && reply.length >= reply.readUInt16BE(2),
      signal: ctx.signal,
    });
    const confirm = readConnectionConfirm(result.reply);
    if (!confirm) return [];
    const nla =
      confirm.selected === 'CredSSP (NLA)' || confirm.failureCode === 5
        ? { de: 'Network Level Authentication verlangt', en: 'Network Level Authentication required' }
        : confirm.selected === null
          ? { de: 'keine Aushandlung der Sicherheit (alter Server)', en: 'no security negotiation (old server)' }
          : { de: 'keine Network Level Authentication verlangt', en: 'no Network Level Authentication required' };
    const selected = confirm.selected;
    const evidence = {
      de: `RDP antwortet (X.224 Connection Confirm)${selected ? `, Server wählt ${SELECTED_DE[selected]}` : ''}: ${nla.de}`,
      en: `RDP answers (X.224 Connection Confirm)${selected ? `, selected ${selected}` : ''}: ${nla.en}`,
    };
    return [{ evidence, personalData: false, key: 'x224' }];
  },
};
