import { randomBytes } from 'node:crypto';
import { exchange } from '../../identify/exchange.js';
import { MLLP_END, hl7TestQuery, mllpFrame } from '../../identify/probes/mllp.js';
import { INCIDENTS } from '../incidents.js';
import type { Check } from '../types.js';

/**
 * hl7.mllp-open — an HL7 v2 interface (MLLP) of practice or lab software takes messages from
 * anyone who can reach the port. Such listeners feed patient records, lab results and orders
 * into the practice system; an open one accepts forged ones too.
 *
 * Proof: a harmless QRY^A19 (processing id "T", a synthetic control id, a patient id that cannot
 * exist) framed in MLLP is answered with a framed HL7 message whose MSA segment carries an
 * acknowledgment code (AA/AE/AR, or CA/CE/CR). Only the code is kept, and whether our control id
 * came back; nothing of the reply's content.
 *
 * Sample evidence: "MLLP listener acknowledged a test query: MSA AA (control id echoed)"
 * (de: "MLLP-Schnittstelle hat eine Testabfrage quittiert: MSA AA (unsere Control-ID zurückgegeben)")
 */
const ACK_CODES = new Set(['AA', 'AE', 'AR', 'CA', 'CE', 'CR']);
const MAX_REPLY = 16 * 1024;

export const mllpOpen: Check = {
  meta: {
    id: 'hl7.mllp-open',
    severity: 'high',
    title: {
      de: 'HL7-Schnittstelle (MLLP) nimmt Nachrichten von jedem an',
      en: 'HL7 interface (MLLP) accepts messages from anyone',
    },
    description: {
      de: 'Eine HL7-v2-Schnittstelle beantwortet eine Testnachricht eines unbekannten Absenders mit einer Quittung (ACK).',
      en: 'An HL7 v2 interface answers a test message from an unknown sender with an acknowledgment (ACK).',
    },
    remediation: {
      de: 'Die HL7-Schnittstelle nur für die bekannten Systeme öffnen (Firewall/Allow-List je IP), aus dem Internet nur über VPN erreichbar machen und, wo möglich, MLLP über TLS mit Client-Zertifikaten betreiben.',
      en: 'Open the HL7 interface only to the known systems (firewall/allow-list per IP), reach it from the internet only through a VPN and, where possible, run MLLP over TLS with client certificates.',
    },
    cwe: [306, 284],
    kbv: ['topic/access-control', 'KBV Anlage 1 Nr. 32 (Fassung 2021)', 'KZBV Anlage 1 Nr. 11 (Fassung 2025)', 'topic/encryption-in-transit'],
    incidents: [INCIDENTS.docCirrus2020],
    intrusive: true,
  },

  appliesTo: (target) => target.service.name === 'hl7-mllp',

  async run(target, ctx) {
    const controlId = `PW${randomBytes(5).toString('hex').toUpperCase()}`;
    const result = await exchange({
      host: target.host,
      port: target.port,
      tls: target.service.tls,
      payload: mllpFrame(hl7TestQuery(controlId)),
      timeoutMs: ctx.timeoutMs,
      maxBytes: Math.min(ctx.maxBytes, MAX_REPLY),
      enough: (reply) => reply.includes(MLLP_END),
      signal: ctx.signal,
    });
    const ack = parseAck(result.reply);
    if (!ack) return [];
    const echoed = ack.controlId === controlId;
    const tls = target.service.tls ? ' (TLS)' : '';
    return [
      {
        evidence: {
          de: `MLLP-Schnittstelle hat eine Testabfrage quittiert${tls}: MSA ${ack.code} (${echoed ? 'unsere Control-ID zurückgegeben' : 'andere Control-ID'})`,
          en: `MLLP listener acknowledged a test query${tls}: MSA ${ack.code} (${echoed ? 'control id echoed' : 'other control id'})`,
        },
        personalData: false,
        key: 'mllp',
      },
    ];
  },
};

/** The MSA acknowledgment of the first MLLP frame; null for anything else. */
export function parseAck(reply: Buffer): { code: string; controlId: string } | null {
  if (reply[0] !== 0x0b) return null;
  const end = reply.indexOf(MLLP_END);
  const frame = reply.subarray(1, end === -1 ? reply.length : end).toString('latin1');
  const segments = frame.split(/\r\n?|\n/);
  const msh = segments[0] ?? '';
  if (!/^MSH[^A-Za-z0-9\s]/.test(msh)) return null;
  const separator = msh.charAt(3);
  const msa = segments.find((s) => s.startsWith(`MSA${separator}`))?.split(separator);
  const code = msa?.[1]?.trim().toUpperCase() ?? '';
  if (!ACK_CODES.has(code)) return null;
  return { code, controlId: (msa?.[2] ?? '').trim() };
}
