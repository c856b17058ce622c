// France Travail's review of a CPF order waiting for its top-up (EDOF waitingAcceptation): the real
// request lives in abondements. The dossier makes it when the holder asks, has France Travail's
// decision on the dossier recorded on it, and withdraws it when the dossier is cancelled first;
// France Travail's silence needs no command (both sides derive it from the same 10 working days).
// Pure: which command a transition asks for, and what reconciliation expects to find.
import type { Actor, DossierState, Transition } from './states.ts';

export const REVIEW_ACTIONS = ['open-review', 'accept-review', 'refuse-review', 'withdraw-review'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export const isReviewAction = (action: string): action is ReviewAction => (REVIEW_ACTIONS as readonly string[]).includes(action);

/** The idempotency key of each command: dossier id + step. The request in abondements is known by the first. */
export const reviewKey = (dossierId: string, action: ReviewAction) =>
  `${dossierId}:${{ 'open-review': 'france-travail-review', 'accept-review': 'france-travail-decision', 'refuse-review': 'france-travail-decision', 'withdraw-review': 'france-travail-withdrawal' }[action]}`;

/** The review command a transition asks for, or null. */
export function reviewActionFor(step: { transition: Transition; fromState: DossierState | null; actor: Actor }): ReviewAction | null {
  if (step.transition === 'requestFunderReview') return 'open-review';
  if (step.fromState !== 'waitingAcceptation') return null;
  if (step.transition === 'grantFunding') return step.actor === 'system' ? null : 'accept-review';
  if (step.transition === 'refuseFunding') return 'refuse-review';
  return 'withdraw-review';
}

/** What the request should be, from the dossier's history; null when the dossier never asked France Travail. */
export type ExpectedReview = 'OPEN' | 'ACCEPTED' | 'ACCEPTED_TACITLY' | 'REFUSED' | 'NOT_OPEN' | 'NONE';

export interface HistoryStep {
  transition: string;
  fromState: string | null;
  actorRole: string;
  reasonCode: string | null;
  reason: string | null;
}

export function expectedReview(dossierId: string, history: readonly HistoryStep[]): ExpectedReview | null {
  if (!history.some((t) => t.transition === 'requestFunderReview')) return null;
  const left = history.find((t) => t.fromState === 'waitingAcceptation');
  if (!left) return 'OPEN';
  if (left.transition === 'grantFunding') return left.actorRole === 'system' ? 'ACCEPTED_TACITLY' : 'ACCEPTED';
  if (left.transition === 'refuseFunding') return 'REFUSED';
  // abondements refused to make the request (its windows, another request open): there is none.
  if (left.reasonCode === 'FUNDING_REFUSED' && left.reason?.startsWith(`${reviewKey(dossierId, 'open-review')}:`)) return 'NONE';
  return 'NOT_OPEN';
}

/** Whether the request found in abondements (its status today, or null when none) is what the dossier says. */
export function reviewMatches(expected: ExpectedReview, found: string | null): boolean {
  switch (expected) {
    case 'NONE':
      return found === null;
    case 'NOT_OPEN':
      return found === null || found === 'WITHDRAWN';
    default:
      return found === expected;
  }
}
