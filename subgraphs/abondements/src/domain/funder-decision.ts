// Setting a top-up aside for a dossier (a reservation) is committing the funder's money. A rule
// whose top-up waits for its funder's decision (granting FUNDER_DECISION: France Travail on
// request, shared/domain/abondements.md flow 1) has given nothing until that funder decides, so
// abondements, the authority on its own rules, reserves it only once the funder has accepted a
// request for this person × session — by an adviser, or by staying silent past its deadline
// ("silence means acceptance") — and never above what it accepted.
// shared/domain/dossiers.md: "a top-up reserved while France Travail reviews is committed at
// `accepted` and released on refusal, lapse or cancellation". Here, while France Travail reviews,
// its open request holds the amount asked (the funding plan counts it, FUNDER_DECISION); the
// reservation commits it once accepted; refused, or withdrawn with its cancelled dossier, it
// commits nothing. Pure: the caller reads the requests and what is already reserved.
import { requestStatusOn, type FranceTravailRequest } from './france-travail-request.ts';
import { formatDay, formatEuros } from './money.ts';
import type { TopUpGranting } from './types.ts';

/** Why a reservation (or its release) is refused: a code for programs, French words for people. */
export const RESERVATION_REFUSAL_CODES = [
  'AMOUNT_NOT_POSITIVE',
  'NO_ENVELOPE',
  'RULE_NOT_ACTIVE',
  'ABOVE_CAP_PER_DOSSIER',
  'KEY_REUSED',
  'UNKNOWN_RESERVATION',
  'KEEP_NOT_VALID',
  'NO_FUNDER_DECISION',
  'FUNDER_DECISION_PENDING',
  'FUNDER_REFUSED',
  'ABOVE_FUNDER_DECISION',
] as const;
export type ReservationRefusalCode = (typeof RESERVATION_REFUSAL_CODES)[number];

export class ReservationError extends Error {
  constructor(
    readonly code: ReservationRefusalCode,
    message: string,
  ) {
    super(message);
  }
}

export interface DecidedRule {
  id: string;
  label: string;
  granting: TopUpGranting;
  funderName: string;
}

/**
 * Why `amount` cents of `rule` may not be reserved for this person × session today; null when they
 * may. `requests` are the rule's funder's requests for this person × session in the order they were
 * made; `alreadyReserved` is what other reservations hold for them under that funder's rules that
 * wait for its decision (the funder accepted one amount for the session, whatever the keys).
 */
export function funderDecisionRefusal(input: {
  rule: DecidedRule;
  requests: readonly FranceTravailRequest[];
  amount: number;
  alreadyReserved: number;
  today: string;
}): ReservationError | null {
  const { rule, amount, alreadyReserved, today } = input;
  if (rule.granting !== 'FUNDER_DECISION') return null;
  const whose = `l'abondement de la règle « ${rule.label} » est décidé par ${rule.funderName}`;
  // A withdrawn request asks nothing (its dossier was cancelled before the decision): as if never made.
  const latest = input.requests.filter((r) => r.status !== 'WITHDRAWN').at(-1);
  if (!latest) {
    return new ReservationError(
      'NO_FUNDER_DECISION',
      `${whose} : aucune demande ne lui a été faite pour cette personne et cette session ; il n'est réservé qu'après son accord (dossier soumis à sa décision, état waitingAcceptation)`,
    );
  }
  const status = requestStatusOn(latest, today);
  if (status === 'OPEN') {
    return new ReservationError(
      'FUNDER_DECISION_PENDING',
      `${whose} : la demande du ${formatDay(latest.submittedOn)} attend sa réponse (au plus tard le ${formatDay(latest.answerDueBy)}, son silence vaut ensuite acceptation) ; rien n'est réservé avant`,
    );
  }
  if (status === 'REFUSED') {
    const why = latest.decisionReason ? ` (motif : ${latest.decisionReason})` : '';
    return new ReservationError(
      'FUNDER_REFUSED',
      `${whose} : il a refusé le ${formatDay(latest.decidedOn ?? today)} la demande du ${formatDay(latest.submittedOn)}${why}`,
    );
  }
  // Accepted by an adviser (the amount granted) or by silence (the amount asked).
  const accepted = status === 'ACCEPTED' ? (latest.amountGranted ?? 0) : latest.amountRequested;
  if (alreadyReserved + amount > accepted) {
    const held = alreadyReserved > 0 ? `, dont ${formatEuros(alreadyReserved)} déjà réservés` : '';
    return new ReservationError(
      'ABOVE_FUNDER_DECISION',
      `${whose} : il a accordé ${formatEuros(accepted)} pour cette session${held} ; ${formatEuros(amount)} demandés`,
    );
  }
  return null;
}
