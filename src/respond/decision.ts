/**
 * Decision support for Art. 33/34: register only, notify the authority, or also inform the
 * patients. The tool proposes and explains; the controller decides and documents.
 */
import type { Localized } from '../core/types.js';
import type { SeverityInput, SeverityResult } from './severity.js';

export type DecisionAction = 'pending' | 'register-only' | 'notify-authority' | 'notify-authority-and-patients';

export const ART34_GROUNDS = ['a', 'b', 'c'] as const;
export type Art34Ground = (typeof ART34_GROUNDS)[number];

export const ART34_GROUND_TEXT: Record<Art34Ground, Localized> = {
  a: {
    de: 'Art. 34 Abs. 3 lit. a: Die Daten waren für Unbefugte unzugänglich (z. B. dem Stand der Technik entsprechend verschlüsselt, Schlüssel sicher).',
    en: 'Art. 34(3)(a): the data were unintelligible to unauthorised persons (e.g. state-of-the-art encryption, key safe).',
  },
  b: {
    de: 'Art. 34 Abs. 3 lit. b: Nachträgliche Maßnahmen stellen sicher, dass das hohe Risiko aller Wahrscheinlichkeit nach nicht mehr besteht.',
    en: 'Art. 34(3)(b): subsequent measures ensure that the high risk is no longer likely to materialise.',
  },
  c: {
    de: 'Art. 34 Abs. 3 lit. c: Die Einzelbenachrichtigung wäre unverhältnismäßig aufwendig; stattdessen öffentliche Bekanntmachung.',
    en: 'Art. 34(3)(c): individual communication would involve disproportionate effort; a public communication is made instead.',
  },
};

export interface Art34Exemption {
  ground: Art34Ground;
  justification: string;
}

export interface Decision {
  action: DecisionAction;
  reasons: Localized[];
  /** What is still needed before the decision is documented properly. */
  missing: Localized[];
}

export interface DecisionContext {
  severity?: { result: SeverityResult; input: SeverityInput };
  noRiskReasoning?: string;
  art34Exemption?: Art34Exemption;
}

export function decide(ctx: DecisionContext): Decision {
  if (!ctx.severity) {
    return {
      action: 'pending',
      reasons: [{ de: 'Noch keine Schweregradbewertung (incident assess).', en: 'No severity assessment yet (incident assess).' }],
      missing: [],
    };
  }
  const { result, input } = ctx.severity;
  const health = input.category === 'sensitive';
  const reasons: Localized[] = [
    {
      de: `ENISA-Schweregrad ${String(result.score)} (${result.label.de}).`,
      en: `ENISA severity ${String(result.score)} (${result.label.en}).`,
    },
  ];
  const missing: Localized[] = [];

  // Health data: harm is to be considered likely, so never "unlikely to result in a risk".
  let risk: 'none' | 'risk' | 'high' = result.level >= 3 ? 'high' : result.level === 2 ? 'risk' : 'none';
  if (health) {
    reasons.push({
      de: 'Gesundheitsdaten (Art. 9 DSGVO): ein Schaden für die Betroffenen ist als wahrscheinlich anzusehen.',
      en: 'Health data (GDPR Art. 9): harm to the people affected is to be considered likely.',
    });
    if (risk === 'none') risk = 'risk';
    else risk = 'high';
  }
  if (result.flags.manyAffected) {
    reasons.push({ de: 'Mehr als 100 Personen betroffen.', en: 'More than 100 people affected.' });
  }

  if (risk === 'none') {
    if (!ctx.noRiskReasoning?.trim()) {
      missing.push({
        de: 'Begründung, warum voraussichtlich kein Risiko besteht (für das Verzeichnis, Art. 33 Abs. 5).',
        en: 'Reasoning why the breach is unlikely to result in a risk (for the register, Art. 33(5)).',
      });
    }
    return { action: 'register-only', reasons, missing };
  }
  if (risk === 'risk') return { action: 'notify-authority', reasons, missing };

  reasons.push({ de: 'Voraussichtlich hohes Risiko (Art. 34 Abs. 1).', en: 'Likely to result in a high risk (Art. 34(1)).' });
  const exemption = ctx.art34Exemption;
  if (exemption) {
    if (!exemption.justification.trim()) {
      missing.push({ de: 'Begründung der Ausnahme nach Art. 34 Abs. 3.', en: 'Justification of the Art. 34(3) exemption.' });
      return { action: 'notify-authority-and-patients', reasons, missing };
    }
    reasons.push(ART34_GROUND_TEXT[exemption.ground]);
    return { action: 'notify-authority', reasons, missing };
  }
  if (result.flags.unintelligible) {
    reasons.push({
      de: 'Daten als unverständlich markiert: eine Ausnahme nach Art. 34 Abs. 3 lit. a kann mit Begründung geltend gemacht werden.',
      en: 'Data marked unintelligible: an Art. 34(3)(a) exemption may be claimed with its justification.',
    });
  }
  return { action: 'notify-authority-and-patients', reasons, missing };
}
