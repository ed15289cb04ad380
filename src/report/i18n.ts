// Words of the text report in German and English. Kept apart from the layout so a reader can
// review the wording without reading code.
import type { Lang, Severity } from '../core/types.js';

export const SEVERITY_LABEL: Record<Lang, Record<Severity, string>> = {
  de: { critical: 'KRITISCH', high: 'HOCH', medium: 'MITTEL', low: 'NIEDRIG', info: 'INFO' },
  en: { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', info: 'INFO' },
};

const TEXTS = {
  de: {
    scan: 'Scan',
    targets: 'Ziele',
    interrupted: 'Scan abgebrochen: das Ergebnis ist unvollständig.',
    noOpenPorts: 'Keine offenen Ports gefunden.',
    port: 'PORT',
    service: 'DIENST',
    tls: 'TLS',
    product: 'PRODUKT',
    yes: 'ja',
    no: 'nein',
    findings: 'Befunde',
    noFindings: 'Keine Befunde.',
    evidence: 'Nachweis',
    personalData: 'betrifft Patientendaten',
    whatToDo: 'Was zu tun ist',
    skipped: 'Nicht ausgeführte Prüfungen',
    hostDiscovery: (live: number, addresses: number, ports: string) =>
      `Host-Suche: ${live} von ${addresses} Adressen antworteten auf ${ports}; nur diese wurden gescannt (alle: --host-discovery never).`,
    summary: (hosts: number, ports: number, findings: number) =>
      `${hosts} ${hosts === 1 ? 'Host' : 'Hosts'} mit offenen Ports, ${ports} ${ports === 1 ? 'offener Port' : 'offene Ports'}, ${findings} ${findings === 1 ? 'Befund' : 'Befunde'}`,
  },
  en: {
    scan: 'Scan',
    targets: 'Targets',
    interrupted: 'Scan interrupted: the result is incomplete.',
    noOpenPorts: 'No open ports found.',
    port: 'PORT',
    service: 'SERVICE',
    tls: 'TLS',
    product: 'PRODUCT',
    yes: 'yes',
    no: 'no',
    findings: 'Findings',
    noFindings: 'No findings.',
    evidence: 'Evidence',
    personalData: 'exposes patient data',
    whatToDo: 'What to do',
    skipped: 'Checks not run',
    hostDiscovery: (live: number, addresses: number, ports: string) =>
      `Host discovery: ${live} of ${addresses} addresses answered on ${ports}; only those were scanned (all of them: --host-discovery never).`,
    summary: (hosts: number, ports: number, findings: number) =>
      `${hosts} ${hosts === 1 ? 'host' : 'hosts'} with open ports, ${ports} open ${ports === 1 ? 'port' : 'ports'}, ${findings} ${findings === 1 ? 'finding' : 'findings'}`,
  },
} as const;

export type ReportTexts = (typeof TEXTS)[Lang];

export function texts(lang: Lang): ReportTexts {
  return TEXTS[lang];
}
