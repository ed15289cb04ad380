import { INCIDENTS } from '../incidents.js';
import type { Check } from '../types.js';
import { rfbSecurityTypes, SECURITY_NONE } from './rfb.js';

/**
 * vnc.no-auth — a VNC server lets anyone see and control the screen without a password (RFB
 * security type None). On a reception PC or a doctor's workstation that is the practice
 * software with every patient record, live.
 *
 * Proof: the server's own list of security types, read in the RFB handshake, contains None (1).
 * We stop there: no session is opened, no screen content is requested. A list with only VNC
 * authentication (2) or stronger types is the fixed twin.
 *
 * Sample evidence: "RFB 3.8 offers security types None(1), VNC(2): screen access without password", in
 * German "RFB 3.8 bietet die Sicherheitstypen None(1), VNC(2) an: Bildschirmzugriff ohne Passwort"
 */
const TYPE_NAMES: Record<number, string> = { 1: 'None', 2: 'VNC', 5: 'RA2', 16: 'Tight', 18: 'TLS', 19: 'VeNCrypt', 30: 'Apple' };

export const vncNoAuth: Check = {
  meta: {
    id: 'vnc.no-auth',
    severity: 'critical',
    title: {
      de: 'VNC-Bildschirmfreigabe ohne Passwort',
      en: 'VNC screen sharing without password',
    },
    description: {
      de: 'Der VNC-Server bietet den Zugang ohne Authentisierung an: Jeder kann den Bildschirm sehen und bedienen, samt geöffneter Patientenakten.',
      en: 'The VNC server offers access without authentication: anyone can see and control the screen, including open patient records.',
    },
    remediation: {
      de: 'Ein starkes Passwort setzen (besser: Anmeldung mit Benutzerkonto) und VNC nur über VPN oder SSH-Tunnel erreichbar machen; die Portweiterleitung im Router entfernen.',
      en: 'Set a strong password (better: user-account login) and reach VNC only through a VPN or SSH tunnel; remove the router port forwarding.',
    },
    cwe: [306],
    kbv: ['topic/access-control', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [INCIDENTS.docCirrus2020],
    intrusive: false,
  },

  appliesTo: (target) => target.service.name === 'vnc',

  async run(target, ctx) {
    const result = await rfbSecurityTypes(target.host, target.port, ctx.timeoutMs, ctx.signal);
    if (!result.ok || !result.securityTypes.includes(SECURITY_NONE)) return [];
    const types = (unnamed: string): string => result.securityTypes.map((t) => `${TYPE_NAMES[t] ?? unnamed}(${t})`).join(', ');
    const evidence = {
      de: `RFB ${result.version} bietet die Sicherheitstypen ${types('Typ')} an: Bildschirmzugriff ohne Passwort`,
      en: `RFB ${result.version} offers security types ${types('type')}: screen access without password`,
    };
    return [{ evidence, personalData: true, key: 'none' }];
  },
};
