// The money of a dossier: the funding plan's parts as the client saw them, checked and recorded;
// which parts each transition gives back; what reconciliation expects to find elsewhere.
import type { MoneyEffect } from './states.ts';

export const PART_KINDS = ['CPF_RIGHTS', 'DOTATION', 'TOP_UP'] as const;
export type PartKind = (typeof PART_KINDS)[number];

export interface PlanInput {
  cpfRights: number;
  dotations: readonly { dotationId: string; amount: number }[];
  topUps: readonly { ruleId: string; amount: number }[];
  remainingCost: number;
}

export interface PlannedPart {
  kind: PartKind;
  /** The dotation or the rule paying; '' for the holder's CPF rights. */
  reference: string;
  amount: number;
}

export class PlanError extends Error {}

const cents = (label: string, value: number) => {
  if (!Number.isSafeInteger(value) || value < 0) throw new PlanError(`${label} must be a whole number of cents ≥ 0, got ${value}`);
  return value;
};

/**
 * The parts to move for a plan on a session of `price` cents, in the legal spending order of
 * décret 2025-1156 (dotations, then the holder's rights, then top-ups). Refused unless the parts
 * and the remaining cost add up to the price exactly (the money identity of the funding plan).
 */
export function plannedParts(plan: PlanInput, price: number | null): PlannedPart[] {
  if (price === null) throw new PlanError('the session has no known price: no funding plan can be recorded');
  const parts: PlannedPart[] = [
    ...plan.dotations.map((d) => ({ kind: 'DOTATION' as const, reference: d.dotationId, amount: cents(`dotation ${d.dotationId}`, d.amount) })),
    { kind: 'CPF_RIGHTS', reference: '', amount: cents('cpfRights', plan.cpfRights) },
    ...plan.topUps.map((t) => ({ kind: 'TOP_UP' as const, reference: t.ruleId, amount: cents(`top-up of ${t.ruleId}`, t.amount) })),
  ];
  const total = parts.reduce((sum, p) => sum + p.amount, 0) + cents('remainingCost', plan.remainingCost);
  if (total !== price) throw new PlanError(`the plan adds up to ${total} cents, not the session's price of ${price}`);
  const seen = new Set<string>();
  for (const p of parts) {
    const id = `${p.kind}:${p.reference}`;
    if (seen.has(id)) throw new PlanError(`${p.kind === 'DOTATION' ? 'dotation' : 'rule'} ${p.reference} appears twice in the plan`);
    seen.add(id);
  }
  return parts.filter((p) => p.amount > 0);
}

/**
 * Whether a part taken is given back by a transition's money effect. Our rule (decided, see
 * README "Dossiers"): funders' money (dotations, top-ups) always goes back when the training
 * does not take place; the holder's own CPF rights go back on every cancellation except a no-show
 * and a holder's cancellation after the free cancellation period, as on Mon Compte Formation.
 */
export function givesBack(effect: Exclude<MoneyEffect, 'commit'>, kind: PartKind, withinFreeCancellation: boolean): boolean {
  if (kind !== 'CPF_RIGHTS' || effect === 'returnAll') return true;
  if (effect === 'cancellationRule') return withinFreeCancellation;
  return false; // returnThirdParty: a no-show
}

/** What the holder paid themselves at acceptance (the remaining cost) goes back by the same rule as their CPF rights. */
export const holderPaymentBack = (effect: Exclude<MoneyEffect, 'commit' | 'prorate'>, paid: number, withinFreeCancellation: boolean): number =>
  givesBack(effect, 'CPF_RIGHTS', withinFreeCancellation) ? paid : 0;

/** What is found elsewhere for a part: in the rights ledger, a reservation, a dotation use. */
export type Remote = 'none' | 'held' | 'returned' | 'refused';
/** What the dossier wants for a part. */
export type Wanted = 'none' | 'held' | 'returned';

/** Whether what exists elsewhere matches what the dossier wants (a part refused or never taken counts as given back). */
export function matches(wanted: Wanted, remote: Remote): boolean {
  if (wanted === 'held') return remote === 'held';
  if (wanted === 'returned') return remote !== 'held';
  return remote === 'none' || remote === 'refused';
}
