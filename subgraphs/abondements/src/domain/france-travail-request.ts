// A job seeker's request to France Travail for a top-up (terms of Mon Compte Formation): asked
// within a few working days of the provider's offer, for a session starting late enough, one open
// at a time, answered within a delay of working days, and accepted when France Travail stays silent.
// The delays are dated parameters (funder-parameters.ts).
import { FUNDER_PARAMETERS, funderParameterOn, type FunderParameter } from './funder-parameters.ts';
import { addWorkingDays } from '@formations/schema/working-days';
import { formatDay } from './money.ts';

export type RequestStatus = 'OPEN' | 'ACCEPTED' | 'REFUSED' | 'ACCEPTED_TACITLY' | 'WITHDRAWN';

export interface FranceTravailRequest {
  id: string;
  funderId: string;
  personId: string;
  sessionId: string;
  amountRequested: number;
  submittedOn: string;
  answerDueBy: string;
  status: RequestStatus;
  amountGranted: number | null;
  decidedOn: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  /** The dossier's key (dossier id + step) when a dossier's France Travail review made it. */
  dossierKey: string | null;
}

/** Why a request is refused or cannot be decided: a code for programs, French words for people. */
export const REQUEST_REFUSAL_CODES = [
  'OFFER_IN_FUTURE',
  'OFFER_WINDOW_PASSED',
  'SESSION_STARTS_TOO_SOON',
  'REQUEST_ALREADY_OPEN',
  'AMOUNT_NOT_POSITIVE',
  'ALREADY_ACCEPTED_TACITLY',
  'ALREADY_DECIDED',
  'AMOUNT_GRANTED_OUT_OF_RANGE',
  'NO_FRANCE_TRAVAIL_FUNDER',
  'UNKNOWN_REQUEST',
  'NO_FRANCE_TRAVAIL_TOP_UP',
  'KEY_REUSED',
] as const;
export type RequestRefusalCode = (typeof REQUEST_REFUSAL_CODES)[number];

export class RequestRefusal extends Error {
  constructor(
    readonly code: RequestRefusalCode,
    message: string,
  ) {
    super(message);
  }
}

/** The last day France Travail may answer a request made on `submittedOn`: after it, silence is acceptance. */
export function answerDueBy(submittedOn: string, parameters: readonly FunderParameter[] = FUNDER_PARAMETERS): string {
  return addWorkingDays(submittedOn, funderParameterOn('franceTravail.answerWithinWorkingDays', submittedOn, parameters).value);
}

/**
 * Why a request made `today` for a session starting `sessionStartDate`, on the provider's offer of
 * `offeredOn`, is out of its windows; null when it is within them.
 */
export function requestWindowRefusal(input: { offeredOn: string; sessionStartDate: string; today: string }): RequestRefusal | null {
  const { offeredOn, sessionStartDate, today } = input;
  if (offeredOn > today)
    return new RequestRefusal('OFFER_IN_FUTURE', `la proposition de l'organisme est datée du ${formatDay(offeredOn)}, après la demande du ${formatDay(today)}`);
  const window = funderParameterOn('franceTravail.requestWithinWorkingDaysOfOffer', today);
  const lastDay = addWorkingDays(offeredOn, window.value);
  if (today > lastDay) {
    return new RequestRefusal(
      'OFFER_WINDOW_PASSED',
      `la demande doit être faite dans les ${window.value} jours ouvrés suivant la proposition de l'organisme du ${formatDay(offeredOn)}, soit au plus tard le ${formatDay(lastDay)} (${window.source})`,
    );
  }
  const lead = funderParameterOn('franceTravail.sessionStartsAfterWorkingDays', today);
  const earliest = addWorkingDays(today, lead.value);
  if (sessionStartDate <= earliest) {
    return new RequestRefusal(
      'SESSION_STARTS_TOO_SOON',
      `la session doit commencer plus de ${lead.value} jours ouvrés après la demande, soit après le ${formatDay(earliest)} ; elle commence le ${formatDay(sessionStartDate)} (${lead.source})`,
    );
  }
  return null;
}

/** The status on a given day. Derived from stored dates, so acceptance needs no process to run at the deadline. */
export function requestStatusOn(request: FranceTravailRequest, today: string): RequestStatus {
  if (request.status === 'OPEN' && today > request.answerDueBy) return 'ACCEPTED_TACITLY';
  return request.status;
}
