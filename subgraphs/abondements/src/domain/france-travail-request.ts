// A job seeker's request to France Travail for a top-up: one open at a time, answered within a
// delay of working days, and accepted when France Travail stays silent (terms of Mon Compte Formation).
import { addWorkingDays } from './working-days.ts';

export type RequestStatus = 'OPEN' | 'ACCEPTED' | 'REFUSED' | 'ACCEPTED_TACITLY';

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
}

/** The last day France Travail may answer: after it, silence is acceptance. */
export const answerDueBy = (submittedOn: string, delayWorkingDays: number) => addWorkingDays(submittedOn, delayWorkingDays);

/** The status on a given day. Derived from stored dates, so acceptance needs no process to run at the deadline. */
export function requestStatusOn(request: FranceTravailRequest, today: string): RequestStatus {
  if (request.status === 'OPEN' && today > request.answerDueBy) return 'ACCEPTED_TACITLY';
  return request.status;
}

/** What France Travail pays on this request, on that day: the amount granted, or the amount asked when silence accepted it. */
export function grantedAmountOn(request: FranceTravailRequest, today: string): number {
  const status = requestStatusOn(request, today);
  if (status === 'ACCEPTED') return request.amountGranted ?? 0;
  if (status === 'ACCEPTED_TACITLY') return request.amountRequested;
  return 0;
}
