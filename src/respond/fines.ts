/** Possible fines, shown as information only: the tool gives no legal advice. */
import type { Localized } from '../core/types.js';

export const FINES_INFO: Localized = {
  de:
    'Hinweis, keine Rechtsberatung: Verstöße gegen die Melde- und Benachrichtigungspflichten (Art. 33, 34 DSGVO) können nach Art. 83 Abs. 4 DSGVO ' +
    'mit Geldbußen bis zu 10 Mio. EUR oder bis zu 2 % des weltweiten Jahresumsatzes des Vorjahres geahndet werden (der höhere Betrag gilt); ' +
    'Verstöße etwa gegen die Grundsätze der Verarbeitung oder die Rechte der Betroffenen nach Art. 83 Abs. 5 DSGVO mit bis zu 20 Mio. EUR oder 4 %. ' +
    'Im Zweifel die Aufsichtsbehörde oder anwaltlichen Rat hinzuziehen.',
  en:
    'For information, not legal advice: infringements of the notification and communication duties (GDPR Art. 33, 34) can be fined under ' +
    'Art. 83(4) GDPR up to EUR 10 million or up to 2 % of the total worldwide annual turnover of the preceding year, whichever is higher; ' +
    'infringements of e.g. the processing principles or data subject rights under Art. 83(5) up to EUR 20 million or 4 %. ' +
    'When in doubt, consult the supervisory authority or a lawyer.',
};
