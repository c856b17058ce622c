// A dotation over time (L6323-4 III, décret 2025-341): usable until its deadline, only for its
// targeted certifications if it has any; after the deadline, the unused money goes back to the
// funder when the dotation says so.
import { formatEuros } from './money.ts';
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

/** Why the dotation cannot pay `amount` on `date` for a session leading to `certificationCode`; null when it can. */
export function dotationRefusal(dotation: DotationTerms, certificationCode: string | null, date: string, amount: number): string | null {
  const state = dotationStateOn(dotation, date);
  if (state.expired) return `its deadline ${dotation.deadline} is past${state.refundedToFunder > 0 ? ' and its unused money went back to the funder' : ''}`;
  const restricted = dotation.restrictedToCertifications;
  if (restricted.length > 0 && (certificationCode === null || !restricted.includes(certificationCode))) {
    return `it is restricted to ${restricted.join(', ')} and the session leads to ${certificationCode ?? 'no known certification'}`;
  }
  if (state.usable <= 0) return 'it is fully spent';
  if (state.usable < amount) return `it holds ${formatEuros(state.usable)}, less than the ${formatEuros(amount)} asked`;
  return null;
}
