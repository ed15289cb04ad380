import type { Localized } from '../core/types.js';

/**
 * Requirements of the IT-Sicherheitsrichtlinie (Richtlinie nach § 390 SGB V, until 2024 § 75b SGB V)
 * that our checks give evidence for. Two bodies issue it: the KBV for physicians and
 * psychotherapists, the KZBV for dentists; both number the requirements of each Anlage
 * (Anlage 1 = every practice) in a table "Nr. | Zielobjekt | Anforderung | Erläuterung".
 *
 * An id names the body, the Anlage, the number and the edition, because numbers change between
 * editions (the KBV's Netzübergang requirement was Nr. 32 in 2021; the KZBV's 2025 edition has it
 * as Nr. 11). Only numbers read in a source are used; requirements whose number we could not
 * confirm keep a `topic/…` id that cannot be mistaken for an official number.
 */
export interface KbvRequirementInfo extends Localized {
  /** Where the number and wording were read. */
  source: string;
  /** False for `topic/…` ids: the requirement exists in substance, its official number is unknown to us. */
  confirmed: boolean;
}

const KVS_2022 =
  'KV Sachsen, KVS-Mitteilungen 06/2022, "Beratende Unterstützung zur Umsetzung der IT-Sicherheitsrichtlinie" ' +
  '(kvsachsen.de/fuer-praxen/aktuelle-informationen/kvs-mitteilungen/2022-06-zeit-fuer-eine-zwischen-bilanz/' +
  'beratende-unterstuetzung-zur-umsetzung-der-it-sicherheitsrichtlinie-1-1)';
const ZM_2025 =
  'KZBV, Richtlinie nach § 390 SGB V, Anlage 1 "Anforderungen für Praxen", bekanntgemacht in zm 115 Nr. 13 vom ' +
  '01.07.2025 (zm.epaper-archiv.de/fileadmin/user_upload/epaper/2025/13/';
const UNCONFIRMED =
  'Topic of Anlage 1 in substance; the official number in the KBV edition in force since 01.04.2025 was not found ' +
  'in any source we could read. Not an official id.';

export const KBV_REQUIREMENTS = {
  'KBV Anlage 1 Nr. 32 (Fassung 2021)': {
    de: 'Netzwerksicherheit: Übergänge zu anderen Netzen, insbesondere zum Internet, durch eine Firewall absichern (Fassung 2021, seit 01.04.2025 neu gefasst)',
    en: 'Network security: protect transitions to other networks, especially the internet, with a firewall (2021 edition, revised 1 April 2025)',
    source: `${KVS_2022}: "Anlage 1 für alle Praxen, Punkt 32", gültig seit April 2021.`,
    confirmed: true,
  },
  'KZBV Anlage 1 Nr. 11 (Fassung 2025)': {
    de: 'Netzwerksicherheit – Absicherung der Netzübergangspunkte: keine unerlaubten Verbindungen von außen in das geschützte Netz',
    en: 'Network security – securing network transition points: no unauthorised connections from outside into the protected network',
    source: `${ZM_2025}70), Nr. 11.`,
    confirmed: true,
  },
  'KZBV Anlage 1 Nr. 13 (Fassung 2025)': {
    de: 'Netzwerksicherheit – Grundlegende Authentisierung für den Netzmanagement-Zugriff',
    en: 'Network security – basic authentication for management access to network components',
    source: `${ZM_2025}70), Nr. 13.`,
    confirmed: true,
  },
  'KZBV Anlage 1 Nr. 45 (Fassung 2025)': {
    de: 'Internet-Anwendungen (Anbieter) – Authentisierung bei Webanwendungen: Zugriff auf geschützte Ressourcen nur nach Authentisierung',
    en: 'Internet applications (provider) – authentication for web applications: protected resources only after authentication',
    source: `${ZM_2025}72), Nr. 45.`,
    confirmed: true,
  },
  'KZBV Anlage 1 Nr. 46 (Fassung 2025)': {
    de: 'Internet-Anwendungen (Anbieter) – Schutz vertraulicher Daten: Zugangsdaten geschützt, Quelltexte der Webanwendung nicht abrufbar',
    en: 'Internet applications (provider) – protection of confidential data: credentials protected, web application source files not retrievable',
    source: `${ZM_2025}72), Nr. 46.`,
    confirmed: true,
  },
  'topic/router-config-review': {
    de: 'Netzwerk: Router-Konfiguration regelmäßig und nach Updates prüfen (Nummer nicht bestätigt)',
    en: 'Network: review router configuration regularly and after updates (number not confirmed)',
    source: UNCONFIRMED,
    confirmed: false,
  },
  'topic/access-control': {
    de: 'Anwendungen: Zugriff auf Patientendaten nur nach Authentisierung (Nummer nicht bestätigt)',
    en: 'Applications: access to patient data only after authentication (number not confirmed)',
    source: UNCONFIRMED,
    confirmed: false,
  },
  'topic/encryption-in-transit': {
    de: 'Anwendungen: Daten bei der Übertragung verschlüsseln (Nummer nicht bestätigt)',
    en: 'Applications: encrypt data in transit (number not confirmed)',
    source: UNCONFIRMED,
    confirmed: false,
  },
} as const satisfies Record<string, KbvRequirementInfo>;

export type KbvRequirement = keyof typeof KBV_REQUIREMENTS;

/** True when a check's kbv entry names a requirement of the table. */
export function isKbvRequirement(id: string): id is KbvRequirement {
  return Object.hasOwn(KBV_REQUIREMENTS, id);
}
