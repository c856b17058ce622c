// The legal order in which the money of a CPF dossier is spent, as a strategy chosen by date.
import type { FunderKind } from './types.ts';

export type SpendingStep = 'DOTATIONS' | 'CPF_RIGHTS' | 'TOP_UPS';

export interface SpendingOrder {
  code: 'ARRETE_2020' | 'DECRET_2025_1156';
  label: string;
  /** First day the order applies (the earliest also applies to anything before it). */
  validFrom: string;
  steps: SpendingStep[];
  /** Order of complementary top-ups by funder kind; the holder's own payment always comes last. */
  topUpFunderOrder: FunderKind[];
}

const TOP_UP_FUNDER_ORDER: FunderKind[] = [
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

export const SPENDING_ORDERS: SpendingOrder[] = [
  {
    code: 'ARRETE_2020',
    label: "arrêté du 30 juillet 2020: the holder's acquired rights first, then supplementary rights (dotations), then complementary top-ups, then the holder",
    validFrom: '2020-07-30',
    steps: ['CPF_RIGHTS', 'DOTATIONS', 'TOP_UPS'],
    topUpFunderOrder: TOP_UP_FUNDER_ORDER,
  },
  {
    code: 'DECRET_2025_1156',
    label: "décret 2025-1156 (from 2025-12-03): supplementary rights (dotations, targeted first), then the holder's acquired rights, then complementary top-ups, then the holder",
    validFrom: '2025-12-03',
    steps: ['DOTATIONS', 'CPF_RIGHTS', 'TOP_UPS'],
    topUpFunderOrder: TOP_UP_FUNDER_ORDER,
  },
];

export function spendingOrderOn(date: string, orders: SpendingOrder[] = SPENDING_ORDERS): SpendingOrder {
  const sorted = [...orders].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const first = sorted[0];
  if (!first) throw new Error('no spending order is defined');
  return sorted.filter((order) => order.validFrom <= date).pop() ?? first;
}
