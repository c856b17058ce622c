// A dotation over time (L6323-4 III, décret 2025-341): usable until its deadline, only for its
// targeted certifications if it has any; after the deadline, the unused money goes back to the
// funder when the dotation says so.
import { formatDay, formatEuros } from './money.ts';
import type { Dotation } from './types.ts';

type DotationTerms = Pick<Dotation, 'amount' | 'spent' | 'deadline' | 'refundIfUnused' | 'restrictedToCertifications'>;

export interface DotationState {
  expired: boolean;
  /** What the holder can still spend on that date. */
  usable: number;
  /** What went back to the funder after the deadline. */
  refundedToFunder: number;
}

export function dotationStateOn(dotation: DotationTerms, date: string): DotationState {
  const unused = dotation.amount - dotation.spent;
  const expired = dotation.deadline !== null && date > dotation.deadline;
  return { expired, usable: expired ? 0 : unused, refundedToFunder: expired && dotation.refundIfUnused ? unused : 0 };
}

export type DotationRefusalCode = 'DOTATION_EXPIRED' | 'DOTATION_RESTRICTED' | 'DOTATION_SPENT' | 'DOTATION_INSUFFICIENT';

/** Why the dotation cannot pay `amount` on `date` for a session leading to `certificationCode`, in French; null when it can. */
export function dotationRefusal(
  dotation: DotationTerms,
  certificationCode: string | null,
  date: string,
  amount: number,
): { code: DotationRefusalCode; message: string } | null {
  const state = dotationStateOn(dotation, date);
  if (state.expired) {
    const refunded = state.refundedToFunder > 0 ? ' et son reliquat est revenu au financeur' : '';
    return { code: 'DOTATION_EXPIRED', message: `son échéance du ${formatDay(dotation.deadline ?? date)} est passée${refunded}` };
  }
  const restricted = dotation.restrictedToCertifications;
  if (restricted.length > 0 && (certificationCode === null || !restricted.includes(certificationCode))) {
    return {
      code: 'DOTATION_RESTRICTED',
      message: `elle est réservée à ${restricted.join(', ')} et la session prépare ${certificationCode ?? 'une certification inconnue'}`,
    };
  }
  if (state.usable <= 0) return { code: 'DOTATION_SPENT', message: 'elle est entièrement consommée' };
  if (state.usable < amount) {
    return { code: 'DOTATION_INSUFFICIENT', message: `il lui reste ${formatEuros(state.usable)}, moins que les ${formatEuros(amount)} demandés` };
  }
  return null;
}
