import { exchange } from '../../identify/exchange.js';
import type { Localized } from '../../core/types.js';
import type { Check, CheckTarget } from '../types.js';

const GREETING_MAX_BYTES = 4096;
const IAC = 0xff;
const VERBS: Record<number, string> = { 0xfb: 'WILL', 0xfc: 'WONT', 0xfd: 'DO', 0xfe: 'DONT' };
const OPTIONS: Record<number, string> = {
  1: 'ECHO', 3: 'SUPPRESS-GO-AHEAD', 5: 'STATUS', 24: 'TERMINAL-TYPE', 31: 'NAWS', 32: 'TERMINAL-SPEED',
  33: 'REMOTE-FLOW-CONTROL', 34: 'LINEMODE', 35: 'X-DISPLAY-LOCATION', 36: 'ENVIRON', 37: 'AUTHENTICATION',
  38: 'ENCRYPT', 39: 'NEW-ENVIRON',
};
const LOGIN_PROMPT = /(?:^|[\r\n\0 ])(?:[\w.-]+ )?(?:login|username|user name|benutzername|password|passwort)\s*:\s*$/i;

/**
 * telnet.exposed — a telnet service answers: logins (and everything typed after them) cross the
 * network in clear, and such services are usually device consoles with default passwords.
 *
 * Proof: the peer opens with telnet option negotiation (IAC WILL/WONT/DO/DONT) or shows a login
 * prompt. Nothing is typed; the negotiated options are named in the evidence.
 *
 * Sample evidence: "telnet negotiation: DO TERMINAL-TYPE, WILL ECHO; login prompt shown"
 * (de: "Telnet-Aushandlung: DO TERMINAL-TYPE, WILL ECHO; Anmeldeaufforderung angezeigt")
 */
export const telnetExposed: Check = {
  meta: {
    id: 'telnet.exposed',
    severity: 'high',
    title: { de: 'Telnet-Dienst erreichbar', en: 'Telnet service reachable' },
    description: {
      de: 'Ein Telnet-Dienst nimmt Verbindungen an: Anmeldedaten und alle Eingaben werden unverschlüsselt übertragen, oft auf Geräten mit Standardpasswörtern.',
      en: 'A telnet service accepts connections: credentials and everything typed are sent unencrypted, often to devices with default passwords.',
    },
    remediation: {
      de: 'Telnet auf dem Gerät abschalten und für die Verwaltung SSH oder eine HTTPS-Oberfläche im internen Netz nutzen; Port 23 im Router nicht freigeben.',
      en: 'Disable telnet on the device and use SSH or an HTTPS interface on the internal network for administration; do not forward port 23 in the router.',
    },
    cwe: [319],
    kbv: ['topic/encryption-in-transit', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)'],
    incidents: [],
    intrusive: false,
  },

  // Identification knows telnet by IAC; devices that only print "login:" stay 'unknown' there.
  appliesTo: (target) =>
    !target.service.tls &&
    (target.service.name === 'telnet' || (target.service.name === 'unknown' && LOGIN_PROMPT.test(target.service.banner ?? ''))),

  async run(target, ctx) {
    const greeting = await readGreeting(target, ctx.timeoutMs, Math.min(ctx.maxBytes, GREETING_MAX_BYTES), ctx.signal);
    const negotiation = telnetOptions(greeting);
    const text = greeting.toString('latin1').replace(/\xff[\xfb-\xfe][\s\S]|\xff\xfa[\s\S]*?\xff\xf0/g, '');
    const prompt = LOGIN_PROMPT.test(text);
    if (negotiation.length === 0 && !prompt) return [];
    return [{ evidence: greetingEvidence(negotiation.slice(0, 8), prompt), personalData: false }];
  },
};

/** The option names are telnet's own (RFC 854 ff.) and stay as they are in both languages. */
function greetingEvidence(negotiation: string[], prompt: boolean): Localized {
  const options = negotiation.join(', ');
  const say = (negotiated: string, promptShown: string): string =>
    [...(negotiation.length > 0 ? [`${negotiated}: ${options}`] : []), ...(prompt ? [promptShown] : [])].join('; ');
  return { de: say('Telnet-Aushandlung', 'Anmeldeaufforderung angezeigt'), en: say('telnet negotiation', 'login prompt shown') };
}

function readGreeting(target: CheckTarget, timeoutMs: number, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  return exchange({
    host: target.host,
    port: target.port,
    tls: false,
    payload: null,
    timeoutMs,
    maxBytes,
    // Devices negotiate first and print the prompt a moment later.
    idleMs: Math.min(800, timeoutMs),
    signal,
  }).then((r) => r.reply);
}

/** "DO TERMINAL-TYPE" etc. for every IAC command in the greeting, in order, without repeats. */
export function telnetOptions(reply: Buffer): string[] {
  const seen: string[] = [];
  for (let i = 0; i + 2 < reply.length; i++) {
    if (reply[i] !== IAC) continue;
    const verb = VERBS[reply[i + 1]!];
    if (!verb) continue;
    const option = reply[i + 2]!;
    const name = `${verb} ${OPTIONS[option] ?? `option ${option}`}`;
    if (!seen.includes(name)) seen.push(name);
    i += 2;
  }
  return seen;
}
