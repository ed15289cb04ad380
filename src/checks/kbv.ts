import type { Localized } from '../core/types.js';

/**
 * The KBV IT-Sicherheitsrichtlinie (Richtlinie nach § 390 SGB V) requirements our checks give
 * evidence for, under short stable keys (A1 = Anlage 1, the baseline for every practice). The
 * keys name the requirement's topic; the mapping to the official numbering of the current
 * edition is kept here, in one place, so it can be corrected without touching any check.
 */
export const KBV_REQUIREMENTS = {
  'A1-NETZ-UEBERGANG': {
    de: 'Anlage 1, Netzwerk: Übergänge ins Internet durch Router/Firewall absichern, nur benötigte Dienste freigeben',
    en: 'Annex 1, network: protect internet transitions with router/firewall, expose only required services',
  },
  'A1-NETZ-KONFIG-PRUEFEN': {
    de: 'Anlage 1, Netzwerk: Router-Konfiguration regelmäßig und nach Updates prüfen',
    en: 'Annex 1, network: review router configuration regularly and after updates',
  },
  'A1-APP-ZUGRIFF': {
    de: 'Anlage 1, Anwendungen: Zugriff auf Patientendaten nur nach Authentisierung',
    en: 'Annex 1, applications: access to patient data only after authentication',
  },
  'A1-APP-VERSCHLUESSELUNG': {
    de: 'Anlage 1, Anwendungen: Daten bei Übertragung verschlüsseln',
    en: 'Annex 1, applications: encrypt data in transit',
  },
} as const satisfies Record<string, Localized>;

export type KbvRequirement = keyof typeof KBV_REQUIREMENTS;
