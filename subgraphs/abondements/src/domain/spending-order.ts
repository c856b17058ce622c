// The order in which the money of a CPF dossier is spent. The legal order is dated law, so it
// comes from the rights subgraph's quote (arrêté du 30 juillet 2020, then décret 2025-1156 from
// 5 Dec 2025); only the order of top-ups between funders, which no text fixes, is decided here.
import type { CpfQuote, FunderKind, SpendingOrderCode, SpendingStep } from './types.ts';

export interface AppliedSpendingOrder {
  /** Null without a quote: no CPF dossier, so no legal order, only top-ups. */
  code: SpendingOrderCode | null;
  steps: SpendingStep[];
  source: string | null;
  /** The order in French, as an adviser explains it. */
  label: string;
}

const STEP_WORDS: Record<SpendingStep, string> = {
  SUPPLEMENTARY_RIGHTS: "les droits supplémentaires (dotations, ciblées d'abord)",
  ACQUIRED_RIGHTS: 'les droits acquis du titulaire',
  COMPLEMENTARY_TOP_UPS: 'les abondements complémentaires',
};

const HOLDER_LAST = 'enfin le paiement du titulaire (reste à charge)';

export function appliedSpendingOrder(quote: CpfQuote | null): AppliedSpendingOrder {
  if (!quote) {
    return {
      code: null,
      steps: ['COMPLEMENTARY_TOP_UPS'],
      source: null,
      label: `sans devis CPF, seuls les abondements complémentaires s'appliquent, ${HOLDER_LAST}`,
    };
  }
  const steps = quote.spendingSteps.map((step) => STEP_WORDS[step]).join(', puis ');
  return {
    code: quote.spendingOrderCode,
    steps: quote.spendingSteps,
    source: quote.spendingOrderSource,
    label: `${quote.spendingOrderSource} : ${steps}, ${HOLDER_LAST}`,
  };
}

/** Order of complementary top-ups between funder kinds: funders' practice, no text fixes it. */
export const TOP_UP_FUNDER_ORDER: FunderKind[] = [
  'EMPLOYER',
  'FRANCE_TRAVAIL',
  'OPCO',
  'REGION',
  'STATE',
  'AGEFIPH',
  'CNAM_ATMP',
  'FAF',
  'CHAMBRE_DE_METIERS',
  'LOCAL_AUTHORITY',
  'OTHER',
];
