// The order in which a dossier's money is spent is law, and it changed: one dated parameter
// (spending.order) says which order applies on the day of the order. The ledger fold spends the
// account's two pots in that order and the quote hands the same order to abondements.
import { formatDate } from './money.ts';
import type { Parameters } from './parameters.ts';

export const SPENDING_ORDER_CODES = ['ARRETE_2020', 'DECRET_2025_1156'] as const;
export type SpendingOrderCode = (typeof SPENDING_ORDER_CODES)[number];
/** The holder's own payment always comes last and is not a step. */
export const SPENDING_STEPS = ['SUPPLEMENTARY_RIGHTS', 'ACQUIRED_RIGHTS', 'COMPLEMENTARY_TOP_UPS'] as const;
export type SpendingStep = (typeof SPENDING_STEPS)[number];

export interface SpendingOrderValue {
  code: SpendingOrderCode;
  steps: SpendingStep[];
}

export interface SpendingOrder extends SpendingOrderValue {
  /** The text and its entry into force, in French. */
  source: string;
}

/** A valid order names each step exactly once. */
export function isSpendingOrder(value: unknown): value is SpendingOrderValue {
  const v = value as SpendingOrderValue;
  return (
    typeof v === 'object' &&
    v !== null &&
    SPENDING_ORDER_CODES.includes(v.code) &&
    Array.isArray(v.steps) &&
    v.steps.length === SPENDING_STEPS.length &&
    SPENDING_STEPS.every((step) => v.steps.includes(step))
  );
}

export function spendingOrderOn(date: string, params: Parameters): SpendingOrder {
  const p = params.at('spending.order', date);
  const since = `en vigueur depuis le ${formatDate(p.validFrom)}${p.status === 'in force' ? '' : ' (date rapportée, à confirmer)'}`;
  return { ...p.value, source: `${p.source}, ${since}` };
}

/** True when the supplementary rights are spent before the holder's acquired rights. */
export const supplementaryFirst = (order: SpendingOrderValue) => order.steps.indexOf('SUPPLEMENTARY_RIGHTS') < order.steps.indexOf('ACQUIRED_RIGHTS');
