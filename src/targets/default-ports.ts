// The default port set: nmap's top 1000 TCP ports plus the ports medical practices expose that
// a generic scanner's list misses or that matter so much we name the reason. `praxiswache ports`
// prints this table.

import type { Localized } from '../core/types.js';
import { NMAP_TOP_TCP_PORTS } from './nmap-top-ports.js';

export interface DefaultPort {
  port: number;
  service: string;
  /** Why the port is in the set (English). */
  reason: string;
  /** The same reason in German and English, for `ports --lang`. */
  reasons: Localized;
}

type PracticePort = [port: number, service: string, en: string, de: string];

// Ports where practice systems were found open, or where the catalogue has a check (DESIGN.md §4).
const PRACTICE_PORTS: PracticePort[] = [
  [104, 'dicom', 'DICOM (PACS, X-ray and ultrasound devices); seed 003', 'DICOM (PACS, Röntgen- und Ultraschallgeräte); Fall 003'],
  [11112, 'dicom', 'DICOM registered port (Orthanc, dcm4chee, dcmqrscp default)', 'DICOM-Standardport (Orthanc, dcm4chee, dcmqrscp)'],
  [4242, 'dicom', 'Orthanc DICOM default port', 'Orthanc-DICOM-Standardport'],
  [8042, 'http', 'Orthanc web and REST API (patients without login)', 'Orthanc Web- und REST-API (Patienten ohne Login)'],
  [2575, 'hl7', 'HL7 v2 over MLLP (lab and practice system interfaces)', 'HL7 v2 über MLLP (Labor- und PVS-Schnittstellen)'],
  [2761, 'dicom-iscl', 'DICOM ISCL (secure DICOM)', 'DICOM ISCL (gesichertes DICOM)'],
  [2762, 'dicom-tls', 'DICOM over TLS', 'DICOM über TLS'],
  ...range(440, 449).map((p): PracticePort => [
    p,
    'https-alt',
    'Celle 2019: router opened 440-449 next to the forwarded 443; seeds 000/001',
    'Celle 2019: Router öffnete 440-449 neben dem weitergeleiteten 443; Fälle 000/001',
  ]),
  [443, 'https', 'HTTPS document and practice servers (Celle 2019)', 'HTTPS-Dokument- und Praxisserver (Celle 2019)'],
  [8443, 'https-alt', 'HTTPS on the alternate port (practice portals, appliances)', 'HTTPS auf dem Ausweichport (Praxisportale, Appliances)'],
  [3306, 'mysql', 'MySQL/MariaDB: practice software databases (dubidoc 2022)', 'MySQL/MariaDB: Datenbanken von Praxissoftware (dubidoc 2022)'],
  [5432, 'postgresql', 'PostgreSQL: practice and PACS databases', 'PostgreSQL: Praxis- und PACS-Datenbanken'],
  [1433, 'ms-sql-s', 'Microsoft SQL Server: common under practice management systems', 'Microsoft SQL Server: häufig unter Praxisverwaltungssystemen'],
  [6379, 'redis', 'Redis without AUTH (session and queue stores)', 'Redis ohne AUTH (Sitzungs- und Warteschlangenspeicher)'],
  [27017, 'mongodb', 'MongoDB without authentication', 'MongoDB ohne Authentifizierung'],
  [11211, 'memcache', 'memcached answers anyone', 'memcached antwortet jedem'],
  [9200, 'elasticsearch', 'Elasticsearch index list without credentials', 'Elasticsearch-Indexliste ohne Zugangsdaten'],
  [5900, 'vnc', 'VNC remote maintenance of practice PCs and devices', 'VNC-Fernwartung von Praxis-PCs und Geräten'],
  [3389, 'ms-wbt-server', 'RDP remote desktop exposed to the internet', 'RDP-Fernzugriff aus dem Internet erreichbar'],
  [445, 'microsoft-ds', 'SMB file shares with guest access', 'SMB-Dateifreigaben mit Gastzugriff'],
  [21, 'ftp', 'FTP with anonymous login (scans, exports)', 'FTP mit anonymem Login (Scans, Exporte)'],
  [23, 'telnet', 'Telnet on routers and devices', 'Telnet auf Routern und Geräten'],
  [110, 'pop3', 'POP3 password login without TLS (Doc Cirrus 2020)', 'POP3-Passwort-Login ohne TLS (Doc Cirrus 2020)'],
  [143, 'imap', 'IMAP password login without TLS (Doc Cirrus 2020)', 'IMAP-Passwort-Login ohne TLS (Doc Cirrus 2020)'],
  [25, 'smtp', 'SMTP AUTH without TLS', 'SMTP AUTH ohne TLS'],
  [8080, 'http-proxy', 'FHIR servers and web applications on the alternate HTTP port', 'FHIR-Server und Webanwendungen auf dem HTTP-Ausweichport'],
  [80, 'http', 'web applications, profilers and debug endpoints (dubidoc 2022)', 'Webanwendungen, Profiler und Debug-Endpunkte (dubidoc 2022)'],
];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function buildDefaultPorts(): DefaultPort[] {
  const byPort = new Map<number, DefaultPort>();
  NMAP_TOP_TCP_PORTS.forEach(([port, service], index) => {
    const reasons = { en: `nmap top 1000 (rank ${index + 1})`, de: `nmap Top 1000 (Rang ${index + 1})` };
    byPort.set(port, { port, service, reason: reasons.en, reasons });
  });
  for (const [port, service, en, de] of PRACTICE_PORTS) {
    // The practice reason explains more than a frequency rank, so it wins.
    byPort.set(port, { port, service, reason: en, reasons: { en, de } });
  }
  return [...byPort.values()].sort((a, b) => a.port - b.port);
}

export const DEFAULT_PORTS: readonly DefaultPort[] = buildDefaultPorts();

/** The default port numbers, ascending. */
export function defaultPortList(): number[] {
  return DEFAULT_PORTS.map((p) => p.port);
}
